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

    /**
     * The turn of the case the task is of; with it, what never changes about the task's process instance, read in the
     * same statement (a completion read it again at once, with an engine query of its own: 4 statements a review cycle
     * and a nested engine command each; issue 14). Empty when the task is gone or its instance has no history.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public java.util.Optional<TaskInstance> takeForTask(String taskId) {
        List<String> ids = new java.util.ArrayList<>();
        TaskInstance[] instance = new TaskInstance[1];
        jdbc.query(CASE_PROCESSES_OF_TASK, row -> {
            ids.add(row.getString(1));
            ids.add(row.getString(2));
            if (row.getString(3) != null) {
                int version = row.getInt(9);
                instance[0] = new TaskInstance(row.getString(3), row.getString(4), row.getString(5), row.getString(6),
                        row.getString(7), row.getString(8), row.wasNull() ? null : version);
            }
        }, taskId);
        lock(ids);
        return java.util.Optional.ofNullable(instance[0]);
    }

    /**
     * What never changes about a task's process instance, as the engine's history has it: its case (business key), who
     * started it (the submitter), its organisation (tenant) and its process definition.
     */
    record TaskInstance(String processInstanceId, String caseId, String startedBy, String organisation,
            String processDefinitionId, String processDefinitionKey, Integer processDefinitionVersion) {
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

    /** The same for the instance a task is of, with that instance's history row ({@link TaskInstance}). */
    private static final String CASE_PROCESSES_OF_TASK = "SELECT OWN.ID_, CASE_PROCESS.ID_, "
            + "H.ID_, H.BUSINESS_KEY_, H.START_USER_ID_, H.TENANT_ID_, H.PROC_DEF_ID_, H.PROC_DEF_KEY_, D.VERSION_ FROM ACT_RU_TASK T "
            + "INNER JOIN ACT_RU_EXECUTION OWN ON OWN.ID_ = T.PROC_INST_ID_ "
            + "LEFT JOIN ACT_RU_EXECUTION CASE_PROCESS ON CASE_PROCESS.BUSINESS_KEY_ = OWN.BUSINESS_KEY_ "
            + "AND CASE_PROCESS.PARENT_ID_ IS NULL "
            + "LEFT JOIN ACT_HI_PROCINST H ON H.ID_ = OWN.ID_ LEFT JOIN ACT_RE_PROCDEF D ON D.ID_ = H.PROC_DEF_ID_ WHERE T.ID_ = ?";
}
