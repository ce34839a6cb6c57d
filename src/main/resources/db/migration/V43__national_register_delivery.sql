-- Portable between MariaDB 10.11 and H2 in MariaDB mode.
-- The outbox of the connector to the national Algoritmeregister's delivery API: one row per thing to deliver (a
-- published version, or the retraction of an entry), written in the transaction that publishes the version, and
-- worked off by the connector until delivered. A failure stays visible with its reason and is retried.

CREATE TABLE national_register_delivery (
    id                BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    lars              VARCHAR(40)   NOT NULL,
    version_number    INT           NOT NULL,
    organisation_code VARCHAR(40)   NOT NULL,
    operation         VARCHAR(20)   NOT NULL,
    status            VARCHAR(20)   NOT NULL,
    attempts          INT           NOT NULL,
    next_attempt_at   DATETIME(6)   NOT NULL,
    last_error        VARCHAR(2000),
    -- the national register's own id of the entry, once it has one
    national_id       VARCHAR(100),
    queued_at         DATETIME(6)   NOT NULL,
    delivered_at      DATETIME(6),
    CONSTRAINT fk_delivery_organisation FOREIGN KEY (organisation_code) REFERENCES organisation (code)
);

CREATE INDEX ix_delivery_due ON national_register_delivery (status, next_attempt_at);
CREATE INDEX ix_delivery_lars ON national_register_delivery (lars, id);
