-- A case's published versions are looked up by its id: at every publication (its previous version), on the case's
-- pages, in the living entry and the problem reports. Without an index each lookup read the whole register
-- (1,569 rows read per publication at 1,600 entries, performance_schema, issue 14).
CREATE INDEX ix_entry_case ON published_entry (case_id, version_number);
