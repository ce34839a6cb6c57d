package nl.transparant.workflow.review;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * One change to a running review at a time: a completion of one of its tasks, a change of who worked on the case, a
 * draft of a task's answers. Each first takes its process instance's row in the engine's table for update, in its own
 * transaction, so the four-eyes check inside a completion reads what the other changes committed, and a change waits
 * until a completion that holds the row has committed (READ COMMITTED: the wait ends with a fresh read).
 *
 * <p>Without it, a person holding two roles could record work on a case (a measure's evidence makes them one of its
 * authors) and approve its review in two requests at the same moment: each transaction checked before the other
 * committed, and both succeeded (outside test, 2026-12-06). The engine's own optimistic locking does not see the two
 * as a conflict, as they write different rows. Completions of one case take turns too, so an answer's open tasks are
 * those after every completion before it.
 */
@Component
class ReviewTurns {

    private final JdbcTemplate jdbc;

    ReviewTurns(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Waits for and takes the turn of this process instance until the transaction ends; nothing when it has ended. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void take(String processInstanceId) {
        jdbc.query("SELECT ID_ FROM ACT_RU_EXECUTION WHERE ID_ = ? FOR UPDATE", row -> { }, processInstanceId);
    }

    /** The turn of the process instance the task belongs to. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void takeForTask(String taskId) {
        jdbc.query("SELECT INSTANCE.ID_ FROM ACT_RU_EXECUTION INSTANCE INNER JOIN ACT_RU_TASK TASK "
                + "ON TASK.PROC_INST_ID_ = INSTANCE.ID_ WHERE TASK.ID_ = ? FOR UPDATE", row -> { }, taskId);
    }
}
