package nl.transparant.workflow;

import nl.transparant.workflow.review.ReviewEvents;

import java.util.List;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.problems.ConflictException;
import nl.transparant.problems.ForbiddenException;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.problems.NotFoundException;
import nl.transparant.problems.PlainText;
import nl.transparant.workflow.EngineEvents.EmergencyChangeMade;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The administrator's way to unstick a case, instead of steering the engine by hand: the few changes that keep the
 * review's promise, each with a reason and recorded in the decision log in the same transaction.
 * <ul>
 *   <li>{@code retry-failed-jobs}: the case's jobs that ran out of retries (a publication the register did not
 *       take, a delegate that failed) run again, once; their incidents resolve when they succeed.</li>
 *   <li>{@code stop}: the case's review ends, as the process's own stop end events end it: the case is
 *       {@code STOPPED} with the reason as its closing reason (a published entry whose change is stopped stays
 *       published). Nothing is approved or published by it.</li>
 * </ul>
 */
@Service
public class EmergencyChanges {

    static final String RETRY_FAILED_JOBS = "retry-failed-jobs";
    static final String STOP = "stop";
    static final int REASON_MAX_LENGTH = 1000;

    private final RuntimeService runtime;
    private final ManagementService management;
    private final ApplicationEventPublisher events;

    EmergencyChanges(RuntimeService runtime, ManagementService management, ApplicationEventPublisher events) {
        this.runtime = runtime;
        this.management = management;
        this.events = events;
    }

    @Transactional
    public List<String> apply(StaffUser admin, String caseId, String action, String reason) {
        if (!admin.has(Role.ADMIN)) {
            throw new ForbiddenException("Only an administrator may make an emergency change to a case.", "emergency.forbidden");
        }
        if (reason == null || reason.isBlank() || reason.length() > REASON_MAX_LENGTH) {
            throw InvalidInputException.of("problem.emergency.reason", List.of(), String.valueOf(REASON_MAX_LENGTH));
        }
        if (!RETRY_FAILED_JOBS.equals(action) && !STOP.equals(action)) {
            throw InvalidInputException.of("problem.emergency.action", List.of(), RETRY_FAILED_JOBS, STOP);
        }
        ProcessInstance review = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseId)
                .processDefinitionKey(ProcessVariables.PROCESS_KEY).active().singleResult();
        if (review == null) {
            throw NotFoundException.of("problem.emergency.noReview", PlainText.echoed(caseId));
        }
        List<String> affected = STOP.equals(action) ? stop(caseId, review, reason.strip()) : retryFailedJobs(review);
        events.publishEvent(new EmergencyChangeMade(caseId, review.getTenantId(), review.getId(), action, affected, reason.strip(),
                admin.id()));
        return affected;
    }

    private List<String> retryFailedJobs(ProcessInstance review) {
        List<String> failed = management.createJobQuery().processInstanceId(review.getId()).noRetriesLeft().list().stream()
                .map(Job::getId).sorted().toList();
        if (failed.isEmpty()) {
            throw ConflictException.of("problem.emergency.noFailedJob");
        }
        failed.forEach(job -> management.setJobRetries(job, 1));
        return failed;
    }

    private List<String> stop(String caseId, ProcessInstance review, String reason) {
        runtime.deleteProcessInstance(review.getId(), "Emergency stop: " + reason);
        events.publishEvent(new ReviewEvents.CaseStageReached(caseId, "STOPPED", null, reason));
        return List.of(review.getId());
    }
}
