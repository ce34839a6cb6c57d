-- Portable between MariaDB 10.11 and H2 in MariaDB mode (the embedded quick start).
-- How many versions of a case's entry the register published: a case with one or more is a living entry, whose
-- change goes through the review again and whose rejected change leaves the published entry as it was.
ALTER TABLE algorithm_case ADD COLUMN published_versions INT NOT NULL DEFAULT 0;

-- Before this column a case was published at most once.
UPDATE algorithm_case SET published_versions = 1 WHERE stage = 'PUBLISHED';
