-- A published entry's first re-review, planned as data (issue 14): one row per entry until its date comes, when the
-- upkeep schedule (nl.transparant.workflow.livingentry) starts processes/entry-upkeep.bpmn for it. Every release used
-- to start that process at once, to wait on a timer for about a year: some fifteen statements in the release's
-- transaction, and a waiting process instance with a timer job for every published entry. Upkeeps started before this
-- version keep waiting on their timers.
CREATE TABLE entry_upkeep_plan (
    case_id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    organisation_code   VARCHAR(64)  NOT NULL,
    due_at              DATETIME(6)  NOT NULL,
    re_review_interval  VARCHAR(32)  NOT NULL
);
CREATE INDEX ix_upkeep_plan_due ON entry_upkeep_plan (due_at);
