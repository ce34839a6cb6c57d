-- MariaDB only: signed checkpoints are never changed or deleted, like the decision log itself.

CREATE TRIGGER decision_log_checkpoint_no_update BEFORE UPDATE ON decision_log_checkpoint FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'decision_log_checkpoint is append-only: UPDATE refused';

CREATE TRIGGER decision_log_checkpoint_no_delete BEFORE DELETE ON decision_log_checkpoint FOR EACH ROW
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'decision_log_checkpoint is append-only: DELETE refused';
