package nl.transparant.workflow.review;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.workflow.CaseStageListener;
import nl.transparant.workflow.EngineSession;
import nl.transparant.workflow.ProcessVariables;
import nl.transparant.workflow.history.EngineReads;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.Documentation;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The read side of the review process: the tasks a person may act on (the inbox, a case's open tasks), what an
 * approval waits for, and the way ahead of a case's running review. Starting a review and completing its tasks is
 * {@link ReviewProcess}'s.
 */
@Service
public class ReviewTasks {

    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final HistoryService historyService;
    private final RepositoryService repositoryService;
    private final ManagementService managementService;
    private final EngineSession session;
    private final FourEyesChecks fourEyesChecks;
    private final Map<String, ApprovalCondition> approvalConditions;
    /**
     * A deployed process definition never changes (a changed BPMN file is a new definition with a new id), so what
     * its user tasks' elements say is read once per definition and element instead of on every task listed or
     * completed: each read of the model first asked the database for the definition.
     */
    private final Map<String, TaskElement> taskElements = new ConcurrentHashMap<>();

    ReviewTasks(RuntimeService runtimeService, TaskService taskService, HistoryService historyService,
            RepositoryService repositoryService, ManagementService managementService, EngineSession session,
            FourEyesChecks fourEyesChecks, List<ApprovalCondition> approvalConditions) {
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.historyService = historyService;
        this.repositoryService = repositoryService;
        this.managementService = managementService;
        this.session = session;
        this.fourEyesChecks = fourEyesChecks;
        this.approvalConditions = approvalConditions.stream().collect(Collectors.toMap(ApprovalCondition::key, c -> c));
    }

    /** The tasks this person can act on now, oldest first: their roles, their organisations, never their own case's review. */
    @Transactional(readOnly = true)
    public List<ReviewTask> inbox(StaffUser user) {
        return session.as(user, () -> {
            List<Task> tasks = new ArrayList<>();
            // a task handed to one person (the engine's REST API, with a reason) is theirs: in their list, and in no one
            // else's; the engine's candidate queries leave every assigned task out unless asked (outside tester: a
            // task handed to a privacy officer was in nobody's list, and only they could complete it)
            java.util.function.Predicate<Task> openToThem = task -> task.getAssignee() == null || task.getAssignee().equals(user.id());
            if (user.has(Role.PROJECT_OWNER)) {
                taskService.createTaskQuery().taskCandidateGroup(Role.PROJECT_OWNER.roleName()).includeAssignedTasks().active().list()
                        .stream().filter(openToThem).forEach(tasks::add);
            }
            List<String> reviewRoles = user.roleNames().stream()
                    .filter(r -> !Role.PROJECT_OWNER.roleName().equals(r))
                    .toList();
            if (!reviewRoles.isEmpty()) {
                taskService.createTaskQuery()
                        .taskCandidateGroupIn(reviewRoles)
                        .includeAssignedTasks()
                        .processVariableValueNotEquals(ProcessVariables.STARTER, user.id())
                        .active()
                        .list().stream()
                        .filter(openToThem)
                        .filter(task -> fourEyesChecks.fourEyesAllow(user, task))
                        .forEach(tasks::add);
            }
            return views(tasks).stream().sorted(Comparator.comparing(ReviewTask::created)).toList();
        });
    }

    /** Every open task of a case that this person may see (the engine's tenant check decides). */
    @Transactional(readOnly = true)
    public List<ReviewTask> openTasks(StaffUser user, String caseId) {
        // the query is by the case's business key, so every task found is the case's: no need to ask the engine again
        return session.as(user, () -> views(EngineReads.activeTasksOfCase(taskService, caseId, user.organisations()),
                instance -> caseId));
    }

    /**
     * Whether this person could complete the task: the right role, not handed to someone else, and not a review of work
     * they did on the case.
     */
    @Transactional(readOnly = true)
    public boolean canComplete(StaffUser user, ReviewTask task, String submitter) {
        return user.roleNames().contains(task.role()) && !(task.isReview() && user.id().equals(submitter)) && !task.decidedByVote()
                && session.as(user, () -> {
                    Task open = EngineReads.task(taskService, task.id(), user.organisations()).orElse(null);
                    return open != null && (open.getAssignee() == null || open.getAssignee().equals(user.id()))
                            && fourEyesChecks.fourEyesAllow(user, open);
                });
    }

    /**
     * Why this person, who has the task's role, cannot complete it, in words for them: they submitted the case, or did
     * work on it (four eyes); empty when they can, when the task is not for their role, when it is given to someone
     * (the page names them) or decided by vote.
     */
    public Optional<nl.transparant.problems.Wording> whyNotYou(StaffUser user, ReviewTask task, String submitter) {
        if (!user.roleNames().contains(task.role()) || task.decidedByVote()) {
            return Optional.empty();
        }
        if (task.isReview() && user.id().equals(submitter)) {
            return Optional.of(nl.transparant.problems.Wording.of("problem.fourEyes.reason.submitted"));
        }
        return session.as(user, () -> {
            Task open = EngineReads.task(taskService, task.id(), user.organisations()).orElse(null);
            if (open == null || open.getAssignee() != null && !open.getAssignee().equals(user.id())) {
                return Optional.<nl.transparant.problems.Wording>empty();
            }
            return fourEyesChecks.fourEyesReason(user, open);
        });
    }

    /**
     * What an approval of this open task would be refused for now (the first unmet {@code approvalRequires}), so "Mijn
     * werk" can say what the task waits for before the person tries; empty when approving is possible.
     */
    public Optional<ApprovalBlocked> approvalWaitsFor(StaffUser user, ReviewTask view) {
        Task task = taskService.createTaskQuery().taskId(view.id()).singleResult();
        if (task == null) {
            return Optional.empty();
        }
        for (ApprovalCondition condition : approvalRequirements(task)) {
            try {
                condition.check(user, view.caseId());
            } catch (ApprovalBlocked blocked) {
                return Optional.of(blocked);
            } catch (nl.transparant.problems.PolicyBrokenException broken) {
                // the approval itself is refused with a 503; the list of work says what it waits for and goes on
                return Optional.of(new ApprovalBlocked(broken.getMessage(), "problem.policyBroken", broken.explanationArguments()));
            }
        }
        return Optional.empty();
    }

    /** The conditions the task's BPMN element makes an approval wait for ({@code approvalRequires}). */
    List<ApprovalCondition> approvalRequirements(Task task) {
        return element(task).approvalRequires().stream()
                .map(key -> {
                    ApprovalCondition condition = approvalConditions.get(key);
                    if (condition == null) {
                        throw new IllegalStateException("The BPMN element " + task.getTaskDefinitionKey() + " requires '" + key
                                + "' before approval, which no module checks");
                    }
                    return condition;
                })
                .toList();
    }

    /**
     * The way ahead of a case's running review, as the route decision after the pre-scan set it: which reviews are
     * still to come, and whether the release is done and the publication job is about to put the entry in the register.
     *
     * @param decided          whether the pre-scan's route decision has run (before it nothing is known of the way ahead)
     * @param priorConsultation true once the DPIA's residual risk made prior consultation of the supervisor necessary
     * @param publishing       the release is done: the entry is being published (the asynchronous publication job waits)
     */
    public record RouteAhead(boolean decided, boolean preScanApproval, boolean dpia, boolean priorConsultation,
            boolean ethicsReview, boolean publishing) {
    }

    /** The way ahead of the case's running review; empty when no review of it runs. */
    @Transactional(readOnly = true)
    public Optional<RouteAhead> routeAhead(StaffUser user, String caseId) {
        return session.as(user, () -> {
            ProcessInstance instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(caseId)
                    .processDefinitionKey(ProcessVariables.PROCESS_KEY).singleResult();
            if (instance == null) {
                return Optional.<RouteAhead>empty();
            }
            Map<String, Object> variables = runtimeService.getVariables(instance.getId(),
                    List.of("dpiaRequired", "preScanApprovalRequired", "priorConsultationRequired", "ethicsReviewRequired"));
            boolean publishing = managementService.createJobQuery().processInstanceId(instance.getId())
                    .activityId(ReviewProcess.PUBLISH_ACTIVITY).count() > 0;
            return Optional.of(new RouteAhead(variables.get("dpiaRequired") != null, isTrue(variables.get("preScanApprovalRequired")),
                    isTrue(variables.get("dpiaRequired")), isTrue(variables.get("priorConsultationRequired")),
                    isTrue(variables.get("ethicsReviewRequired")), publishing));
        });
    }

    private static boolean isTrue(Object variable) {
        return Boolean.TRUE.equals(variable);
    }

    /**
     * The reason the route table gave for this review's route (its {@code routeReason}), as written: both languages in
     * one text ({@link nl.transparant.workflow.RouteReasons}); empty when the review has none.
     */
    @Transactional(readOnly = true)
    public Optional<String> routeReasonOf(String processInstanceId) {
        return EngineReads.variable(historyService, processInstanceId, "routeReason").stream()
                .map(variable -> variable.getValue()).filter(String.class::isInstance).map(String.class::cast).findFirst();
    }

    /** Who submitted the case: the engine's start user of the instance, as the segregation-of-duties check reads it. */
    public String submitterOf(String processInstanceId) {
        var instance = historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        return instance == null ? null : instance.getStartUserId();
    }

    List<ReviewTask> views(List<Task> tasks) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        Set<String> instanceIds = tasks.stream().map(Task::getProcessInstanceId).collect(Collectors.toSet());
        Map<String, String> caseIds = runtimeService.createProcessInstanceQuery()
                .processInstanceIds(instanceIds)
                .list().stream()
                .collect(Collectors.toMap(ProcessInstance::getId, ProcessInstance::getBusinessKey));
        return views(tasks, caseIds::get);
    }

    /** The tasks with what their BPMN elements say; {@code caseOfInstance} gives the case (business key) of an instance. */
    List<ReviewTask> views(List<Task> tasks, Function<String, String> caseOfInstance) {
        return tasks.stream().map(task -> {
            TaskElement element = element(task);
            return new ReviewTask(
                    task.getId(),
                    task.getName(),
                    task.getTaskDefinitionKey(),
                    caseOfInstance.apply(task.getProcessInstanceId()),
                    task.getTenantId(),
                    element.role(),
                    task.getCreateTime().toInstant(),
                    element.outcomes(),
                    element.requiredAnswers(),
                    element.assessment(),
                    element.decidedByVote(),
                    element.documentation(),
                    task.getAssignee(),
                    element.noteRequired());
        }).toList();
    }

    /** What a user task's BPMN element says about it, read from the deployed model of its process definition. */
    private record TaskElement(String role, List<String> outcomes, List<String> requiredAnswers, String assessment,
            boolean decidedByVote, String documentation, List<String> approvalRequires, boolean noteRequired) {
    }

    private TaskElement element(Task task) {
        return taskElements.computeIfAbsent(task.getProcessDefinitionId() + "#" + task.getTaskDefinitionKey(), key -> {
            UserTask element = repositoryService.getBpmnModelInstance(task.getProcessDefinitionId())
                    .getModelElementById(task.getTaskDefinitionKey());
            return new TaskElement(
                    element.getCamundaCandidateGroups(),
                    list(CaseStageListener.property(element, ProcessVariables.PROPERTY_OUTCOMES)),
                    list(CaseStageListener.property(element, ProcessVariables.PROPERTY_REQUIRED_ANSWERS)),
                    CaseStageListener.property(element, ProcessVariables.PROPERTY_ASSESSMENT),
                    ProcessVariables.DECIDED_BY_COMMITTEE_VOTE.equals(
                            CaseStageListener.property(element, ProcessVariables.PROPERTY_DECISION)),
                    element.getDocumentations().stream().map(Documentation::getTextContent).findFirst().orElse(""),
                    list(CaseStageListener.property(element, ProcessVariables.PROPERTY_APPROVAL_REQUIRES)),
                    ProcessVariables.NOTE_REQUIRED.equals(CaseStageListener.property(element, ProcessVariables.PROPERTY_NOTE)));
        });
    }

    private static List<String> list(String commaSeparated) {
        return commaSeparated == null || commaSeparated.isBlank()
                ? List.of()
                : Arrays.stream(commaSeparated.split(",")).map(String::strip).toList();
    }
}
