-- A re-review that was pending when a change or a retirement of the entry started is held, not dropped: a refused
-- retirement or a change the review turned down leaves the entry as it was, unchecked, so its re-review comes back at
-- the moment it was due (an overdue one at once). Before, such an entry got a fresh re-review a year ahead and an
-- overdue one disappeared (outside tester). held_at_version is the number of published versions when the re-review
-- was held; NULL is a plan the upkeep schedule starts when its date comes. A release of a new version (a count that
-- differs) plans anew from policies/re-review.yaml.
ALTER TABLE entry_upkeep_plan ADD COLUMN held_at_version INT NULL;
