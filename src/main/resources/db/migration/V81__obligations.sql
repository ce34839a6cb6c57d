-- The owner's work on the obligations of a case (nl.transparant.obligations): per measure of the Algoritmekader's
-- catalogue (policies/algoritmekader/) a status, evidence and who did it. Which measures apply is worked out from the
-- case's AI Act profile and the catalogue in service; only the work is stored, with the catalogue version it was done
-- under, so a later version of a measure can be told apart from the one that was met.
CREATE TABLE obligation_measure (
    case_id          VARCHAR(36)   NOT NULL,
    measure_urn      VARCHAR(200)  NOT NULL,
    measure_version  VARCHAR(80)   NOT NULL,
    status           VARCHAR(20)   NOT NULL,
    reason           LONGTEXT,
    evidence_text    LONGTEXT,
    evidence_link    VARCHAR(500),
    updated_by       VARCHAR(100)  NOT NULL,
    updated_at       DATETIME(6)   NOT NULL,
    PRIMARY KEY (case_id, measure_urn),
    CONSTRAINT fk_obligation_measure_case FOREIGN KEY (case_id) REFERENCES algorithm_case (id)
);

-- An uploaded file of evidence, kept with its SHA-256 so an auditor can check it is the file that was shown.
CREATE TABLE obligation_evidence_file (
    id            BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    case_id       VARCHAR(36)   NOT NULL,
    measure_urn   VARCHAR(200)  NOT NULL,
    file_name     VARCHAR(200)  NOT NULL,
    content_type  VARCHAR(100)  NOT NULL,
    size_bytes    BIGINT        NOT NULL,
    sha256        CHAR(64)      NOT NULL,
    content       LONGBLOB      NOT NULL,
    uploaded_by   VARCHAR(100)  NOT NULL,
    uploaded_at   DATETIME(6)   NOT NULL,
    CONSTRAINT fk_obligation_file_case FOREIGN KEY (case_id) REFERENCES algorithm_case (id)
);

CREATE INDEX ix_obligation_file_case ON obligation_evidence_file (case_id, measure_urn, id);

-- The catalogue version each case was last told about, per requirement or measure: a reload that brings a new
-- version (or a new item for the case's profile) gives the owner a task once, not at every reload; the task is open
-- until the owner says they looked at it (acknowledged_*).
CREATE TABLE obligation_notice (
    case_id         VARCHAR(36)   NOT NULL,
    item_urn        VARCHAR(200)  NOT NULL,
    item_version    VARCHAR(80)   NOT NULL,
    noticed_at      DATETIME(6)   NOT NULL,
    acknowledged_by VARCHAR(100),
    acknowledged_at DATETIME(6),
    PRIMARY KEY (case_id, item_urn),
    CONSTRAINT fk_obligation_notice_case FOREIGN KEY (case_id) REFERENCES algorithm_case (id)
);
