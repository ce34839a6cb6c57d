-- The ethics committee's votes, one per member per review round (a round is one reviewEthics task), and the
-- conditions an approval carries, tracked on the case until the owner marks them met.
-- One row per round: every vote updates it before it counts, so concurrent votes in a round take turns and the one
-- that completes the quorum sees every vote before it.
CREATE TABLE ethics_round (
    round_id     VARCHAR(64)  NOT NULL PRIMARY KEY,
    case_id      VARCHAR(36)  NOT NULL,
    last_vote_at DATETIME(6)  NOT NULL,
    CONSTRAINT fk_ethics_round_case FOREIGN KEY (case_id) REFERENCES algorithm_case (id)
);

CREATE TABLE ethics_vote (
    id         BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    case_id    VARCHAR(36)   NOT NULL,
    round_id   VARCHAR(64)   NOT NULL,
    voter      VARCHAR(100)  NOT NULL,
    vote       VARCHAR(40)   NOT NULL,
    rationale  LONGTEXT      NOT NULL,
    conditions LONGTEXT      NOT NULL,
    cast_at    DATETIME(6)   NOT NULL,
    CONSTRAINT fk_ethics_vote_case FOREIGN KEY (case_id) REFERENCES algorithm_case (id),
    CONSTRAINT uq_ethics_vote_round_voter UNIQUE (round_id, voter)
);

CREATE INDEX ix_ethics_vote_case ON ethics_vote (case_id, cast_at);

CREATE TABLE ethics_condition (
    id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    case_id     VARCHAR(36)   NOT NULL,
    round_id    VARCHAR(64)   NOT NULL,
    text        VARCHAR(1000) NOT NULL,
    proposed_by VARCHAR(100)  NOT NULL,
    state       VARCHAR(10)   NOT NULL,
    created_at  DATETIME(6)   NOT NULL,
    met_note    LONGTEXT,
    met_by      VARCHAR(100),
    met_at      DATETIME(6),
    CONSTRAINT fk_ethics_condition_case FOREIGN KEY (case_id) REFERENCES algorithm_case (id)
);

CREATE INDEX ix_ethics_condition_case ON ethics_condition (case_id, id);
