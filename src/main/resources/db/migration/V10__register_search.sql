-- Portable between MariaDB 10.11 and H2 in MariaDB mode.
-- One row per register entry, describing its latest published version: what the public search, filters,
-- sorting and paging read, so they never parse the published JSON or look for the latest version per query.
-- Maintained by the application when a version is published; published_entry stays the source of truth.

CREATE TABLE register_listing (
    lars                 VARCHAR(40)   NOT NULL PRIMARY KEY,
    entry_id             BIGINT        NOT NULL,
    version_number       INT           NOT NULL,
    organisation_code    VARCHAR(40)   NOT NULL,
    organisation_name    VARCHAR(100)  NOT NULL,
    organisation_type    VARCHAR(60)   NOT NULL,
    name                 VARCHAR(100)  NOT NULL,
    sort_name            VARCHAR(100)  NOT NULL,
    status               VARCHAR(60)   NOT NULL,
    publication_category VARCHAR(60)   NOT NULL,
    -- multi-valued facts as '|value|value|', so one LIKE '%|value|%' filters them on both databases
    themes               VARCHAR(2000) NOT NULL,
    impact_assessments   VARCHAR(4000) NOT NULL,
    -- name, short description, goal, organisation and tags as lower-case text without markup or accents
    search_text          LONGTEXT      NOT NULL,
    first_published_at   DATETIME(6)   NOT NULL,
    published_at         DATETIME(6)   NOT NULL,
    CONSTRAINT fk_listing_entry FOREIGN KEY (entry_id) REFERENCES published_entry (id),
    CONSTRAINT fk_listing_organisation FOREIGN KEY (organisation_code) REFERENCES organisation (code)
);

CREATE INDEX ix_listing_organisation ON register_listing (organisation_code, sort_name);
CREATE INDEX ix_listing_sort_name ON register_listing (sort_name);
CREATE INDEX ix_listing_published ON register_listing (published_at);
CREATE INDEX ix_listing_category ON register_listing (publication_category);
CREATE INDEX ix_listing_status ON register_listing (status);

-- The feed reads the newest versions first.
CREATE INDEX ix_entry_published ON published_entry (published_at);

-- "Report a problem": what the public sent about an entry, until the owner handled it through the process.
-- The reply address is the only personal data, and only when the reporter chose to give it.
CREATE TABLE problem_report (
    id                VARCHAR(36)   NOT NULL PRIMARY KEY,
    lars              VARCHAR(40)   NOT NULL,
    version_number    INT           NOT NULL,
    case_id           VARCHAR(36)   NOT NULL,
    organisation_code VARCHAR(40)   NOT NULL,
    message           LONGTEXT      NOT NULL,
    reply_address     VARCHAR(254),
    status            VARCHAR(20)   NOT NULL,
    received_at       DATETIME(6)   NOT NULL,
    handled_at        DATETIME(6),
    handled_by        VARCHAR(100),
    CONSTRAINT fk_report_organisation FOREIGN KEY (organisation_code) REFERENCES organisation (code)
);

CREATE INDEX ix_report_entry ON problem_report (lars, status);
