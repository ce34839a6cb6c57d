package nl.transparant.workflow.review;

import java.util.List;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.problems.ConflictException;
import nl.transparant.problems.FieldProblem;
import nl.transparant.problems.ForbiddenException;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.problems.PlainText;
import nl.transparant.workflow.EngineSession;
import nl.transparant.workflow.ProcessVariables;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The supervisor's advice after prior consultation (GDPR Art. 36), which the review waits for as a message. */
@Service
public class SupervisorAdvice {

    /** The message the algorithm-review process waits for after prior consultation. */
    static final String MESSAGE = "SupervisorAdviceRecorded";

    private final FourEyesChecks fourEyesChecks;
    private final RuntimeService runtimeService;
    private final EngineSession session;
    private final ApplicationEventPublisher events;

    SupervisorAdvice(FourEyesChecks fourEyesChecks, RuntimeService runtimeService, EngineSession session, ApplicationEventPublisher events) {
        this.fourEyesChecks = fourEyesChecks;
        this.runtimeService = runtimeService;
        this.session = session;
        this.events = events;
    }

    /**
     * Whether the four-eyes rule keeps this privacy officer from recording the advice on the case: they also hold the
     * owner's role and did work on it. The pages and the list of work offer the step only to those who may take it
     * (outside tester: a person with both roles was offered it on their own case, and then refused).
     */
    @Transactional(readOnly = true)
    public boolean barredByFourEyes(StaffUser user, String caseId) {
        return user.has(Role.PRIVACY_OFFICER) && user.has(Role.PROJECT_OWNER)
                && !fourEyesChecks.fourEyesAllow(user, caseId, FourEyesPolicy.SUPERVISOR_ADVICE);
    }

    /**
     * The supervisor's written advice after prior consultation (GDPR Art. 36) arrived: a privacy officer of the
     * case's organisation records it, and the process, which waited for it, moves on to the next review.
     */
    @Transactional
    public void record(StaffUser user, String caseId, String advice) {
        if (!user.has(Role.PRIVACY_OFFICER)) {
            throw new ForbiddenException("Only a privacy officer records the supervisor's advice.", "problem.supervisorAdvice.notPrivacyOfficer");
        }
        String text = advice == null ? "" : advice.strip();
        if (text.isEmpty() || text.length() > ReviewProcess.MAX_RATIONALE || PlainText.containsMarkup(text)) {
            throw InvalidInputException.of("problem.supervisorAdvice.invalid", List.of(FieldProblem.of("advice",
                    "problem.supervisorAdvice.advice", ReviewProcess.MAX_RATIONALE)));
        }
        session.run(user, () -> {
            String instance = fourEyesChecks.instanceOf(caseId);
            fourEyesChecks.requireFourEyesOn(instance, user, FourEyesPolicy.SUPERVISOR_ADVICE);
            var waiting = runtimeService.createEventSubscriptionQuery()
                    .eventType("message").eventName(MESSAGE)
                    .processInstanceId(instance)
                    .singleResult();
            if (waiting == null) {
                throw ConflictException.of("problem.supervisorAdvice.notWaiting");
            }
            events.publishEvent(new ReviewEvents.SupervisorAdviceRecorded(caseId, waiting.getActivityId(),
                    "Supervisor's advice recorded", text, user.id(), Role.PRIVACY_OFFICER.roleName()));
            runtimeService.createMessageCorrelation(MESSAGE)
                    .processInstanceId(waiting.getProcessInstanceId())
                    .setVariable("supervisorAdvice", text)
                    .setVariable(ProcessVariables.DECIDED_BY, user.id())
                    .correlate();
        });
    }
}
