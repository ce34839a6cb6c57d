package nl.transparant.workflow.review;

import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.problems.ForbiddenException;
import nl.transparant.problems.NotFoundException;
import nl.transparant.workflow.EngineSession;
import nl.transparant.workflow.ProcessVariables;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The four-eyes rule asked of a case's running review: whether a person may act on a task or do a review step outside
 * the engine's tasks (an ethics vote, the supervisor's advice). {@link FourEyes} holds the rule; this asks it with what
 * the engine's history says the person did on the case.
 */
@Service
public class FourEyesChecks {

    private final RuntimeService runtimeService;
    private final HistoryService historyService;
    private final RepositoryService repositoryService;
    private final EngineSession session;
    private final FourEyes fourEyes;
    private final ReviewTurns turns;

    FourEyesChecks(RuntimeService runtimeService, HistoryService historyService, RepositoryService repositoryService,
            EngineSession session, FourEyes fourEyes, ReviewTurns turns) {
        this.runtimeService = runtimeService;
        this.historyService = historyService;
        this.repositoryService = repositoryService;
        this.session = session;
        this.fourEyes = fourEyes;
        this.turns = turns;
    }

    /**
     * The four-eyes rule for a review step outside the engine's tasks (an ethics vote, the supervisor's advice): refused
     * when this person did work on the case's running review, read from the engine's history as for the tasks. Inside
     * the transaction of the step it guards, which holds the case's turn from the check to its commit.
     */
    public void requireFourEyes(StaffUser user, String caseId, String step) {
        session.run(user, () -> requireFourEyesOn(instanceOf(caseId), user, step));
    }

    /** Whether the four-eyes rule lets this person do this review step of the case's running review now. */
    @Transactional(readOnly = true)
    public boolean fourEyesAllow(StaffUser user, String caseId, String step) {
        return session.as(user, () -> {
            ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(caseId)
                    .processDefinitionKey(ProcessVariables.PROCESS_KEY).singleResult();
            return instance != null && fourEyes.mayReview(historyService, instance.getId(), ProcessVariables.PROCESS_KEY, step, user.id());
        });
    }

    /**
     * Whether the four-eyes rule lets this person act on the task, for lists and pages that offer only what is open to
     * them (the engine refuses the rest anyway). Only an owner can have done work on a case, so for anyone else it is
     * not asked.
     */
    /**
     * Why the four-eyes rule keeps this person from the task, in words for them; empty when it does not. The page said
     * only whose role the task was for, to a person of that role (outside tester).
     */
    java.util.Optional<nl.transparant.problems.Wording> fourEyesReason(StaffUser user, Task task) {
        if (!user.has(Role.PROJECT_OWNER)) {
            return java.util.Optional.empty();
        }
        String processKey = repositoryService.getProcessDefinition(task.getProcessDefinitionId()).getKey();
        return fourEyes.refusal(historyService, task.getProcessInstanceId(), processKey, task.getTaskDefinitionKey(), user.id())
                .map(refused -> refused.reason() != null ? refused.reason() : nl.transparant.problems.Wording.of("task.fourEyes.other"));
    }

    boolean fourEyesAllow(StaffUser user, Task task) {
        if (!user.has(Role.PROJECT_OWNER)) {
            return true;
        }
        String processKey = repositoryService.getProcessDefinition(task.getProcessDefinitionId()).getKey();
        return fourEyes.mayReview(historyService, task.getProcessInstanceId(), processKey, task.getTaskDefinitionKey(), user.id());
    }

    /**
     * Takes the case's turn first ({@link ReviewTurns}), as a task's completion does, so the check sees every change to
     * the case committed before and no change commits work meanwhile: recording the supervisor's advice at the same
     * moment as handling a problem report about the case let a person do both (outside test, 4 times in 4).
     */
    void requireFourEyesOn(String processInstanceId, StaffUser user, String step) {
        turns.take(processInstanceId);
        try {
            fourEyes.requireReviewer(historyService, processInstanceId, ProcessVariables.PROCESS_KEY, step, user.id(), true);
        } catch (SegregationOfDutiesViolation violation) {
            throw new ForbiddenException(violation.getMessage(), violation.messageKey(), violation.reason()).aboutCase(violation.caseId());
        }
    }

    String instanceOf(String caseId) {
        ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(caseId)
                .processDefinitionKey(ProcessVariables.PROCESS_KEY).singleResult();
        if (instance == null) {
            throw NotFoundException.of("problem.notFound.review", caseId);
        }
        return instance.getId();
    }
}
