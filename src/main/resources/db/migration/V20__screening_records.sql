-- The answers to a case's questionnaires as they were given, with the outcome and the exact policy version
-- (URN, version, SHA-256 of the file) that produced it: what the report and the auditor read back.
CREATE TABLE screening_record (
    id                 BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    case_id            VARCHAR(36)  NOT NULL,
    kind               VARCHAR(40)  NOT NULL,
    definition_urn     VARCHAR(200) NOT NULL,
    definition_version VARCHAR(40)  NOT NULL,
    definition_sha256  VARCHAR(64)  NOT NULL,
    tree_key           VARCHAR(100),
    tree_sha256        VARCHAR(64),
    answers            LONGTEXT     NOT NULL,
    outcome            LONGTEXT     NOT NULL,
    recorded_by        VARCHAR(100) NOT NULL,
    recorded_at        DATETIME(6)  NOT NULL,
    CONSTRAINT fk_screening_case FOREIGN KEY (case_id) REFERENCES algorithm_case (id)
);

CREATE INDEX ix_screening_case ON screening_record (case_id, kind, recorded_at);
