-- Who wrote a case's texts (created or edited them), for the four-eyes rule: the submission is their work too, so none
-- of them may review the case. Comma-separated user ids, in the order they first wrote.
ALTER TABLE algorithm_case ADD COLUMN authors VARCHAR(2000);
UPDATE algorithm_case SET authors = created_by;
