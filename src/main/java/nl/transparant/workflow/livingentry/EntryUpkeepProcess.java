package nl.transparant.workflow.livingentry;

import nl.transparant.workflow.ProcessVariables;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.ManagementService;
import nl.transparant.problems.ConflictException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * The application's way into {@code processes/entry-re-review.bpmn}: the periodic re-review of a published entry
 * (GDPR Art. 35(11)). The case id is the business key, so the owner's task shows next to the case and is completed
 * through the same task API as every other.
 *
 * <p>The first re-review of a publication is planned as data ({@code entry_upkeep_plan}: one row per entry) and the
 * process starts when its date comes ({@link UpkeepSchedule}). It started at every release and waited on a timer until
 * then, usually a year: about fifteen statements in every release's transaction, and a process instance with a timer
 * job for every published entry (issue 14). A change or a retirement holds the pending re-review (a row the schedule
 * leaves alone) and ends the running upkeep; the entry published again without a new version gets it back.
 */
@Service
public class EntryUpkeepProcess {

    static final String PROCESS_KEY = "entry-re-review";
    /**
     * The process before the first re-review became a plan: it started at publication and waited on a timer. Its
     * instances run on (they end, are brought forward and are shown as before), and a node of an earlier version that
     * still runs during an upgrade starts its own; had the new process kept that key, such a node would have started the
     * new one, without its wait, and the new node an old one without its plan (outside tester).
     */
    static final String EARLIER_KEY = "entry-upkeep";
    static final String INTERVAL = "reReviewInterval";
    static final String ENDED_MESSAGE = "EntryUpkeepEnded";
    static final String CONFIRM_TASK = "confirmEntryCurrent";
    /** When the open re-review fell due (a date); set at the start, cleared at the confirmation ({@link ReReviewTaskListener}). */
    static final String DUE_SINCE = "reReviewDueSince";
    /** How many planned re-reviews one round of the schedule starts at most; the next round takes the rest. */
    static final int STARTS_PER_ROUND = 200;

    private static final Logger LOG = LoggerFactory.getLogger(EntryUpkeepProcess.class);

    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final ManagementService managementService;
    private final org.camunda.bpm.engine.HistoryService historyService;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate eachStart;

    EntryUpkeepProcess(RuntimeService runtimeService, TaskService taskService, ManagementService managementService,
            org.camunda.bpm.engine.HistoryService historyService, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.historyService = historyService;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.managementService = managementService;
        this.jdbc = jdbc;
        this.eachStart = new TransactionTemplate(transactions);
        this.eachStart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Plans the upkeep of a case that has just become published: its first re-review is due at {@code due}, each next
     * one an {@code interval} after the owner confirmed the previous one. One statement; a plan already there (an
     * entry published again) is replaced.
     */
    @Transactional
    public void plan(String caseId, String organisation, Instant due, Period interval) {
        upsert(caseId, organisation, due, interval.toString(), null);
    }

    private void upsert(String caseId, String organisation, Instant due, String interval, Integer heldAtVersion) {
        jdbc.update("INSERT INTO entry_upkeep_plan (case_id, organisation_code, due_at, re_review_interval, held_at_version)"
                        + " VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE organisation_code = VALUES(organisation_code),"
                        + " due_at = VALUES(due_at), re_review_interval = VALUES(re_review_interval), held_at_version = VALUES(held_at_version)",
                caseId, organisation, Timestamp.from(due.truncatedTo(ChronoUnit.MICROS)), interval, heldAtVersion);
    }

    /**
     * Starts the upkeep of every entry whose planned re-review is due at {@code now}, each in a transaction of its own
     * that takes the plan's row out first: of two nodes running this at once, one starts it (the other removes nothing
     * and goes on). A start that fails leaves the plan, which the next round tries again. Returns how many started.
     */
    public int startDue(Instant now) {
        return startDue(now, () -> true);
    }

    /** As above, while {@code carryOn} says so: checked before each start, so a stopping application ends the round. */
    public int startDue(Instant now, java.util.function.BooleanSupplier carryOn) {
        List<Planned> due = jdbc.query("SELECT case_id, organisation_code, due_at, re_review_interval FROM entry_upkeep_plan"
                + " WHERE due_at <= ? AND held_at_version IS NULL ORDER BY due_at, case_id LIMIT " + STARTS_PER_ROUND, PLANNED,
                Timestamp.from(now));
        int started = 0;
        for (Planned plan : due) {
            if (!carryOn.getAsBoolean()) {
                break;
            }
            try {
                Boolean ran = eachStart.execute(status -> startPlanned(plan, plan.due()));
                started += Boolean.TRUE.equals(ran) ? 1 : 0;
            } catch (RuntimeException e) {
                LOG.error("The re-review of case {} is due but its upkeep did not start; the next round tries again", plan.caseId(), e);
            }
        }
        return started;
    }

    /** Starts a planned re-review that is due since {@code dueSince}: its plan's date, or now when brought forward. */
    private boolean startPlanned(Planned plan, Instant dueSince) {
        int taken = jdbc.update("DELETE FROM entry_upkeep_plan WHERE case_id = ? AND due_at = ? AND held_at_version IS NULL", plan.caseId(),
                Timestamp.from(plan.due()));
        if (taken == 0) {
            return false; // another node started it, or the entry was changed or planned anew meanwhile
        }
        runtimeService.createProcessInstanceByKey(PROCESS_KEY)
                .businessKey(plan.caseId())
                .setVariable(ProcessVariables.CASE_ID, plan.caseId())
                .setVariable(ProcessVariables.ORGANISATION, plan.organisation())
                .setVariable(INTERVAL, plan.interval())
                .setVariable(DUE_SINCE, Date.from(dueSince))
                .execute();
        return true;
    }

    /**
     * A change or retirement of the entry started: the running upkeep ends, and the re-review that was pending (planned,
     * waiting on its timer, or the owner's open task: then due since the task came) is held with the number of versions
     * published so far. If the entry becomes published again without a new version (a refused retirement, a change the
     * review turned down), {@link #heldDue} gives that moment back; nothing the owner has not checked is forgotten.
     */
    @Transactional
    public void hold(String caseId, String organisation, int publishedVersions, Period interval) {
        // after a move of the same plan has committed, not before: the date it set is the one held
        jdbc.query("SELECT case_id FROM entry_upkeep_plan WHERE case_id = ? FOR UPDATE", (rs, n) -> rs.getString(1), caseId);
        Optional<Instant> pending = nextReReview(caseId);
        jdbc.update("DELETE FROM entry_upkeep_plan WHERE case_id = ?", caseId);
        try {
            runtimeService.createMessageCorrelation(ENDED_MESSAGE)
                    .processInstanceBusinessKey(caseId)
                    .correlateAll();
        } catch (ProcessEngineException e) {
            // two requests ending the same upkeep at once (a change and a retirement of the entry): the second found the
            // wait before the first committed and then no longer has it; a 409 to try again, not a 500 (outside test)
            if (String.valueOf(e.getMessage()).contains("does not have a subscription to a message event")) {
                throw ConflictException.of("problem.conflict.sameMoment");
            }
            throw e;
        }
        pending.ifPresent(due -> upsert(caseId, organisation, due, interval.toString(), publishedVersions));
    }

    /**
     * The re-review held when a change or retirement started, if the entry still has the number of published versions it
     * had then (no new version was released since): when it was due. A release of a new version is a review of the
     * entry in itself, so its re-review is planned anew.
     */
    @Transactional(readOnly = true)
    public Optional<Instant> heldDue(String caseId, int publishedVersions) {
        return jdbc.query("SELECT due_at FROM entry_upkeep_plan WHERE case_id = ? AND held_at_version = ?",
                (rs, n) -> rs.getTimestamp("due_at").toInstant(), caseId, publishedVersions).stream().findFirst();
    }

    /**
     * The re-review held while a change or retirement runs, whatever has been published since: shown to the owner and the
     * auditor, so an overdue re-review parked behind a change nobody finishes is seen (outside tester: it was invisible).
     */
    @Transactional(readOnly = true)
    public Optional<Instant> held(String caseId) {
        return jdbc.query("SELECT due_at FROM entry_upkeep_plan WHERE case_id = ? AND held_at_version IS NOT NULL",
                (rs, n) -> rs.getTimestamp("due_at").toInstant(), caseId).stream().findFirst();
    }

    /** The entry was retired: nothing of its upkeep is kept. */
    @Transactional
    public void drop(String caseId) {
        jdbc.update("DELETE FROM entry_upkeep_plan WHERE case_id = ?", caseId);
    }

    /**
     * Something the entry depends on changed (for instance the obligations of the Algoritmekader): its re-review is
     * due now rather than at the planned date, so the owner gets the task at once. Nothing happens while the task is
     * already open or no upkeep runs.
     */
    @Transactional
    public void bringForward(String caseId) {
        planOf(caseId).ifPresent(plan -> startPlanned(plan, Instant.now()));
        runtimeService.createProcessInstanceQuery().processDefinitionKeyIn(PROCESS_KEY, EARLIER_KEY).processInstanceBusinessKey(caseId).active().list()
                .forEach(instance -> managementService.createJobQuery().processInstanceId(instance.getId()).timers().list()
                        .forEach(timer -> managementService.setJobDuedate(timer.getId(), new Date())));
    }

    /**
     * Moves the entry's pending re-review to {@code due}: the plan's date while its upkeep has not started, else the
     * timer the running upkeep waits on after a confirmation ({@code nextReviewDateReached}; an earlier version's
     * instance may still wait on its first, {@code reviewDateReached}: timers are all these processes have). Returns
     * the moment it had, when something was moved: nothing when the owner's task is already open (the re-review is due;
     * they complete it) or nothing is planned or waits. Who may move it, and how far, the caller has decided.
     */
    @Transactional
    public Optional<Instant> reschedule(String caseId, Instant due) {
        // the plan's row is locked first and its date read under that lock: of two moves at once, the second names the
        // first one's date as the one it replaced, and a change starting meanwhile holds the date the last move set
        // (outside tester: a move answered and logged was lost, and the log named a date already replaced)
        List<Instant> planned = jdbc.query("SELECT due_at FROM entry_upkeep_plan WHERE case_id = ? AND held_at_version IS NULL FOR UPDATE",
                (rs, n) -> rs.getTimestamp("due_at").toInstant(), caseId);
        if (!planned.isEmpty()) {
            // the schedule takes a plan only with the date it read (startPlanned), so a start racing this move starts nothing
            jdbc.update("UPDATE entry_upkeep_plan SET due_at = ? WHERE case_id = ? AND held_at_version IS NULL",
                    Timestamp.from(due.truncatedTo(ChronoUnit.MICROS)), caseId);
            return Optional.of(planned.get(0));
        }
        ProcessInstance instance = runningUpkeep(caseId).orElse(null);
        if (instance == null || openTask(instance) != null) {
            return Optional.empty();
        }
        // a job's revision makes the engine refuse the second of two moves of one timer at once (a 409)
        List<Job> timers = managementService.createJobQuery().processInstanceId(instance.getId()).timers().list();
        Optional<Instant> previous = timers.stream().map(Job::getDuedate).filter(java.util.Objects::nonNull).map(Date::toInstant)
                .min(Instant::compareTo);
        timers.forEach(timer -> managementService.setJobDuedate(timer.getId(), Date.from(due)));
        return timers.isEmpty() ? Optional.empty() : previous;
    }

    /** When an owner last confirmed the entry in a re-review (completed, not ended by a change or retirement); empty if never. */
    @Transactional(readOnly = true)
    public Optional<Instant> lastConfirmed(String caseId) {
        return historyService.createHistoricTaskInstanceQuery().processInstanceBusinessKey(caseId).taskDefinitionKey(CONFIRM_TASK)
                .finished().list().stream()
                .filter(task -> "completed".equals(task.getDeleteReason()) && task.getEndTime() != null)
                .map(task -> task.getEndTime().toInstant())
                .max(Instant::compareTo);
    }

    /** Whether the owner's task "Check that the register entry is still right" is open: the re-review is due now. */
    @Transactional(readOnly = true)
    public boolean reReviewTaskOpen(String caseId) {
        return runningUpkeep(caseId).map(this::openTask).isPresent();
    }

    private Optional<ProcessInstance> runningUpkeep(String caseId) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKeyIn(PROCESS_KEY, EARLIER_KEY)
                .processInstanceBusinessKey(caseId).active().list().stream().findFirst();
    }

    private Task openTask(ProcessInstance instance) {
        return taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(CONFIRM_TASK).singleResult();
    }

    /**
     * When the entry's next re-review is due: the plan's date until the upkeep starts, then, while the owner has the
     * task, the date it fell due (the plan's, or the task's creation after a timer), else the timer's due date; empty when no upkeep is planned or runs. Callers have checked
     * that the person may read the case.
     */
    @Transactional(readOnly = true)
    public Optional<Instant> nextReReview(String caseId) {
        Optional<Planned> planned = planOf(caseId);
        if (planned.isPresent()) {
            return Optional.of(planned.get().due());
        }
        ProcessInstance instance = runningUpkeep(caseId).orElse(null);
        if (instance == null) {
            return Optional.empty();
        }
        Task open = openTask(instance);
        if (open != null) {
            // since when it is due: the date it was planned for, kept through a change or retirement held and given back,
            // rather than the moment its task came (outside tester: each change and refusal made it look due anew)
            Object dueSince = runtimeService.getVariable(instance.getId(), DUE_SINCE);
            return Optional.of(dueSince instanceof Date date ? date.toInstant() : open.getCreateTime().toInstant());
        }
        return managementService.createJobQuery().processInstanceId(instance.getId()).timers().list().stream()
                .map(Job::getDuedate)
                .filter(java.util.Objects::nonNull)
                .map(Date::toInstant)
                .min(Instant::compareTo);
    }

    private Optional<Planned> planOf(String caseId) {
        return jdbc.query("SELECT case_id, organisation_code, due_at, re_review_interval FROM entry_upkeep_plan WHERE case_id = ?"
                + " AND held_at_version IS NULL", PLANNED, caseId).stream().findFirst();
    }

    /** A first re-review planned for an entry that has not come yet. */
    record Planned(String caseId, String organisation, Instant due, String interval) {
    }

    private static final RowMapper<Planned> PLANNED = (rs, n) -> new Planned(rs.getString("case_id"), rs.getString("organisation_code"),
            rs.getTimestamp("due_at").toInstant(), rs.getString("re_review_interval"));
}
