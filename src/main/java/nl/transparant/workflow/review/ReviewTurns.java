package nl.transparant.workflow.review;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * One change to a case's running processes at a time: a completion of one of their tasks, a change of who worked on the
 * case, a draft of a task's answers. Each first takes the rows of the case's running process instances in the engine's
 * table for update, in its own transaction, so the four-eyes check inside a completion reads what the other changes committed, and a change waits
 * until a completion that holds the row has committed (READ COMMITTED: the wait ends with a fresh read).
 *
 * <p>Without it, a person holding two roles could record work on a case (a measure's evidence makes them one of its
 * authors) and approve its review in two requests at the same moment: each transaction checked before the other
 * committed, and both succeeded (outside test, 2026-12-06). The turn is the case's, not one instance's: handling a
 * problem report about the case (its own process) is work on it too, and raced an approval the same way (second outside
 * test). The engine's own optimistic locking does not see the two
 * as a conflict, as they write different rows. Completions of one case take turns too, so an answer's open tasks are
 * those after every completion before it.
 */
@Component
class ReviewTurns {

    private final JdbcTemplate jdbc;

    ReviewTurns(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Waits for and takes the turn of the case this process instance is of, until the transaction ends: the row of every
     * running process of the case (its review, the handling of a problem report about it, which share the case's id as
     * business key), in the order of their ids, so two changes never hold part of the case each. Nothing when the
     * instance has ended.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void take(String processInstanceId) {
        jdbc.query(CASE_PROCESSES + "(SELECT OWN.BUSINESS_KEY_ FROM ACT_RU_EXECUTION OWN WHERE OWN.ID_ = ?)) ORDER BY CASE_PROCESS.ID_ FOR UPDATE",
                row -> { }, processInstanceId, processInstanceId);
    }

    /** The turn of the case the task is of. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void takeForTask(String taskId) {
        jdbc.query(CASE_PROCESSES.replace("CASE_PROCESS.ID_ = ?", "CASE_PROCESS.ID_ = (SELECT T.PROC_INST_ID_ FROM ACT_RU_TASK T WHERE T.ID_ = ?)")
                        + "(SELECT OWN.BUSINESS_KEY_ FROM ACT_RU_EXECUTION OWN INNER JOIN ACT_RU_TASK T ON T.PROC_INST_ID_ = OWN.ID_ "
                        + "WHERE T.ID_ = ?)) ORDER BY CASE_PROCESS.ID_ FOR UPDATE",
                row -> { }, taskId, taskId);
    }

    /** The running processes of a case: this instance, and every other of its business key (completed with the key's subquery). */
    private static final String CASE_PROCESSES = "SELECT CASE_PROCESS.ID_ FROM ACT_RU_EXECUTION CASE_PROCESS WHERE CASE_PROCESS.PARENT_ID_ IS NULL "
            + "AND (CASE_PROCESS.ID_ = ? OR CASE_PROCESS.BUSINESS_KEY_ = ";
}
