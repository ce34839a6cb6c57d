package nl.transparant.workflow.livingentry;

import nl.transparant.workflow.ProcessVariables;

import java.time.Instant;
import java.time.Period;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.ManagementService;
import nl.transparant.problems.ConflictException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The application's way into {@code processes/entry-upkeep.bpmn}: the periodic re-review of a published entry
 * (GDPR Art. 35(11)). The case id is the business key, so the owner's task shows next to the case and is completed
 * through the same task API as every other.
 */
@Service
public class EntryUpkeepProcess {

    static final String PROCESS_KEY = "entry-upkeep";
    static final String DUE = "reReviewDue";
    static final String INTERVAL = "reReviewInterval";
    static final String ENDED_MESSAGE = "EntryUpkeepEnded";
    static final String CONFIRM_TASK = "confirmEntryCurrent";

    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final ManagementService managementService;

    EntryUpkeepProcess(RuntimeService runtimeService, TaskService taskService, ManagementService managementService) {
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.managementService = managementService;
    }

    /**
     * Starts the upkeep of a case that has just become published: its first re-review is due at {@code due}, each
     * next one an {@code interval} after the owner confirmed the previous one.
     */
    @Transactional
    public String start(String caseId, String organisation, Instant due, Period interval) {
        return runtimeService.createProcessInstanceByKey(PROCESS_KEY)
                .businessKey(caseId)
                .setVariable(ProcessVariables.CASE_ID, caseId)
                .setVariable(ProcessVariables.ORGANISATION, organisation)
                .setVariable(DUE, Date.from(due))
                .setVariable(INTERVAL, interval.toString())
                .execute()
                .getId();
    }

    /** A change or retirement of the entry started: its pending re-review ends (if there is one). */
    @Transactional
    public void end(String caseId) {
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
    }

    /**
     * Something the entry depends on changed (for instance the obligations of the Algoritmekader): its re-review is
     * due now rather than at the planned date, so the owner gets the task at once. Nothing happens while the task is
     * already open or no upkeep runs.
     */
    @Transactional
    public void bringForward(String caseId) {
        runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).processInstanceBusinessKey(caseId).active().list()
                .forEach(instance -> managementService.createJobQuery().processInstanceId(instance.getId()).timers().list()
                        .forEach(timer -> managementService.setJobDuedate(timer.getId(), new Date())));
    }

    /**
     * When the entry's next re-review is due: the open task's creation while the owner has it, else the timer's due
     * date; empty when no upkeep runs. Callers have checked that the person may read the case.
     */
    @Transactional(readOnly = true)
    public Optional<Instant> nextReReview(String caseId) {
        ProcessInstance instance = runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                .processInstanceBusinessKey(caseId).active().list().stream().findFirst().orElse(null);
        if (instance == null) {
            return Optional.empty();
        }
        Task open = taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(CONFIRM_TASK)
                .singleResult();
        if (open != null) {
            return Optional.of(open.getCreateTime().toInstant());
        }
        return managementService.createJobQuery().processInstanceId(instance.getId()).timers().list().stream()
                .map(Job::getDuedate)
                .filter(java.util.Objects::nonNull)
                .map(Date::toInstant)
                .min(Instant::compareTo);
    }
}
