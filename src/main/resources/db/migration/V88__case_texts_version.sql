-- The case's version its texts were last saved in: a form opened after that is out of date because of something else
-- (a submission, a review sending it back), and is not told that the last writer of the texts changed it meanwhile
-- (outside tester). Unknown (null) for cases saved before this was kept.
ALTER TABLE algorithm_case ADD COLUMN texts_version BIGINT NULL;
