-- The auditors' decision log: append-only, each record chained to the previous one by SHA-256.
-- Portable between MariaDB 10.11 and H2 in MariaDB mode. The triggers that refuse UPDATE and DELETE
-- are MariaDB SQL and live in db/vendor/mariadb (H2, the embedded quick start, has no SQL triggers).
--
-- record_hash = SHA-256 over the canonical form of every other column (see nl.transparant.audit.CanonicalForm
-- and the README, section "Audit log"); previous_hash is the record_hash of record seq - 1, or 64 zeros for seq 1.

CREATE TABLE decision_log (
    seq                 BIGINT       NOT NULL PRIMARY KEY,
    recorded_at         DATETIME(6)  NOT NULL,
    actor_id            VARCHAR(100),
    actor_role          VARCHAR(200),
    organisation_code   VARCHAR(40),
    case_id             VARCHAR(36),
    process_instance_id VARCHAR(64),
    activity_id         VARCHAR(100),
    event_type          VARCHAR(60)  NOT NULL,
    outcome             VARCHAR(40),
    payload             LONGTEXT     NOT NULL,
    previous_hash       CHAR(64)     NOT NULL,
    record_hash         CHAR(64)     NOT NULL,
    CONSTRAINT uq_decision_log_hash UNIQUE (record_hash)
);

CREATE INDEX ix_decision_log_case ON decision_log (case_id, seq);
CREATE INDEX ix_decision_log_organisation_time ON decision_log (organisation_code, recorded_at);
CREATE INDEX ix_decision_log_event_type ON decision_log (event_type, seq);

-- The end of the chain, in one row. Every append locks it (SELECT ... FOR UPDATE) in the transaction of the
-- change it records, so appends from several application nodes queue up instead of forking the chain. It also
-- lets the verification notice records deleted from the end, which a chain alone cannot show.
CREATE TABLE decision_log_head (
    id        INT      NOT NULL PRIMARY KEY,
    last_seq  BIGINT   NOT NULL,
    last_hash CHAR(64) NOT NULL
);

INSERT INTO decision_log_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
