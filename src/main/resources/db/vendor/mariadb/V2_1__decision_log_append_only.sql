-- MariaDB only: the decision log refuses UPDATE and DELETE, whichever client or user tries.
-- (Only a user with the TRIGGER privilege can drop these; the application's user should not have it:
-- see the README, section "Audit log".)

CREATE TRIGGER decision_log_no_update BEFORE UPDATE ON decision_log FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'decision_log is append-only: UPDATE refused';

CREATE TRIGGER decision_log_no_delete BEFORE DELETE ON decision_log FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'decision_log is append-only: DELETE refused';
