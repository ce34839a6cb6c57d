package nl.transparant.workflow.review;

import java.util.List;

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
        lock(caseProcesses(CASE_PROCESSES_OF_INSTANCE, processInstanceId));
    }

    /** The turn of the case the task is of. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void takeForTask(String taskId) {
        lock(caseProcesses(CASE_PROCESSES_OF_TASK, taskId));
    }

    /**
     * Locks the rows by their ids, which the database finds through its primary key whatever the table's size. The case's
     * processes were found and locked in one statement before ("this id or this business key … FOR UPDATE"): on a
     * table of a few rows MariaDB read it whole in the primary key's order instead, locking every row on its way, so
     * completions of different cases waited for each other (issue 14: 0.72× the cycles at 4 clients once published
     * entries no longer kept upkeep processes in that table).
     */
    private void lock(List<String> processInstanceIds) {
        List<String> ids = processInstanceIds.stream().filter(java.util.Objects::nonNull).distinct().sorted().toList();
        if (ids.isEmpty()) {
            return;
        }
        jdbc.query("SELECT ID_ FROM ACT_RU_EXECUTION WHERE ID_ IN (" + String.join(", ", java.util.Collections.nCopies(ids.size(), "?"))
                + ") ORDER BY ID_ FOR UPDATE", row -> { }, ids.toArray());
    }

    /** The instance and every running process of its case, each row naming one of them (or the instance alone). */
    private List<String> caseProcesses(String query, String id) {
        List<String> ids = new java.util.ArrayList<>();
        jdbc.query(query, row -> {
            ids.add(row.getString(1));
            ids.add(row.getString(2));
        }, id);
        return ids;
    }

    /**
     * A running instance, and every running process instance of its business key (not locked: a plain read). One join
     * on the business key's index: as a UNION of the two it took MariaDB a temporary table each time, the slowest of the
     * statements a completion sends (0.57 ms; issue 14). An instance without a business key names only itself.
     */
    private static final String CASE_PROCESSES_OF_INSTANCE = "SELECT OWN.ID_, CASE_PROCESS.ID_ FROM ACT_RU_EXECUTION OWN "
            + "LEFT JOIN ACT_RU_EXECUTION CASE_PROCESS ON CASE_PROCESS.BUSINESS_KEY_ = OWN.BUSINESS_KEY_ "
            + "AND CASE_PROCESS.PARENT_ID_ IS NULL WHERE OWN.ID_ = ?";

    /** The same for the instance a task is of. */
    private static final String CASE_PROCESSES_OF_TASK = "SELECT OWN.ID_, CASE_PROCESS.ID_ FROM ACT_RU_TASK T "
            + "INNER JOIN ACT_RU_EXECUTION OWN ON OWN.ID_ = T.PROC_INST_ID_ "
            + "LEFT JOIN ACT_RU_EXECUTION CASE_PROCESS ON CASE_PROCESS.BUSINESS_KEY_ = OWN.BUSINESS_KEY_ "
            + "AND CASE_PROCESS.PARENT_ID_ IS NULL WHERE T.ID_ = ?";
}
