-- Who saved the case's Dutch or English texts last: a colleague whose form has gone out of date is told who changed the
-- case meanwhile (or that it was they themselves, in another window), where the page said "someone else" for both.
-- Unknown (null) for cases saved before this was kept.
ALTER TABLE algorithm_case ADD COLUMN texts_changed_by VARCHAR(255) NULL;
