-- Signed checkpoints of the decision log: the head of the chain (last sequence number and hash) at a moment, signed
-- with an Ed25519 key the database does not hold (see nl.transparant.audit.Checkpoints and the README, "Audit log").
-- Append-only like decision_log; the MariaDB triggers live in db/vendor/mariadb.
CREATE TABLE decision_log_checkpoint (
    number      BIGINT       NOT NULL PRIMARY KEY,
    log_seq     BIGINT       NOT NULL,
    log_hash    CHAR(64)     NOT NULL,
    signed_at   DATETIME(6)  NOT NULL,
    key_id      CHAR(16)     NOT NULL,
    signature   VARCHAR(200) NOT NULL,
    CONSTRAINT uq_decision_log_checkpoint_seq UNIQUE (log_seq)
);
