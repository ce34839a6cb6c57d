-- Idempotency keys of case creations (POST /api/cases with an Idempotency-Key header): a client that did not get an
-- answer (a timeout, a 503 while its commit was in flight) sends the same request again with the same key and gets
-- the case created the first time instead of a second one. Keys are per person and kept for a day.
CREATE TABLE case_creation_key (
    owner        VARCHAR(255) NOT NULL,
    idem_key     VARCHAR(255) NOT NULL,
    request_hash CHAR(64)     NOT NULL,
    case_id      VARCHAR(36)  NOT NULL,
    created_at   TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (owner, idem_key)
);
