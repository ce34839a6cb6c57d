-- Portable between MariaDB 10.11 and H2 in MariaDB mode (the embedded quick start).

CREATE TABLE organisation (
    code              VARCHAR(40)  NOT NULL PRIMARY KEY,
    name              VARCHAR(100) NOT NULL,
    organisation_type VARCHAR(60)  NOT NULL
);

INSERT INTO organisation (code, name, organisation_type) VALUES
    ('zoetermeer', 'Gemeente Zoetermeer', 'Gemeente'),
    ('nissewaard', 'Gemeente Nissewaard', 'Gemeente'),
    ('capelle', 'Gemeente Capelle aan den IJssel', 'Gemeente'),
    ('bar', 'BAR-organisatie', 'Samenwerkingsverband'),
    ('mrdh', 'Metropoolregio Rotterdam Den Haag', 'Samenwerkingsverband');

CREATE TABLE algorithm_case (
    id                  VARCHAR(36)  NOT NULL PRIMARY KEY,
    organisation_code   VARCHAR(40)  NOT NULL,
    stage               VARCHAR(40)  NOT NULL,
    register_fields     LONGTEXT     NOT NULL,
    internal_notes      LONGTEXT,
    created_by          VARCHAR(100) NOT NULL,
    submitted_by        VARCHAR(100),
    process_instance_id VARCHAR(64),
    closing_reason      LONGTEXT,
    created_at          DATETIME(6)  NOT NULL,
    updated_at          DATETIME(6)  NOT NULL,
    version             BIGINT       NOT NULL,
    CONSTRAINT fk_case_organisation FOREIGN KEY (organisation_code) REFERENCES organisation (code)
);

CREATE INDEX ix_case_organisation_stage ON algorithm_case (organisation_code, stage);

-- Every outcome a person gave on a case, with the written rationale: what the owner sees after a send-back.
CREATE TABLE case_decision (
    id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    case_id       VARCHAR(36)  NOT NULL,
    activity_id   VARCHAR(100) NOT NULL,
    activity_name VARCHAR(200) NOT NULL,
    outcome       VARCHAR(40)  NOT NULL,
    rationale     LONGTEXT     NOT NULL,
    decided_by    VARCHAR(100) NOT NULL,
    decided_role  VARCHAR(40)  NOT NULL,
    decided_at    DATETIME(6)  NOT NULL,
    CONSTRAINT fk_decision_case FOREIGN KEY (case_id) REFERENCES algorithm_case (id)
);

CREATE INDEX ix_decision_case ON case_decision (case_id, decided_at);

-- Immutable published versions of a register entry.
CREATE TABLE published_entry (
    id                BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    case_id           VARCHAR(36)  NOT NULL,
    lars              VARCHAR(40)  NOT NULL,
    version_number    INT          NOT NULL,
    organisation_code VARCHAR(40)  NOT NULL,
    name              VARCHAR(100) NOT NULL,
    fields            LONGTEXT     NOT NULL,
    published_at      DATETIME(6)  NOT NULL,
    published_by      VARCHAR(100) NOT NULL,
    CONSTRAINT uq_entry_version UNIQUE (lars, version_number),
    CONSTRAINT fk_entry_organisation FOREIGN KEY (organisation_code) REFERENCES organisation (code)
);

CREATE INDEX ix_entry_organisation ON published_entry (organisation_code);
