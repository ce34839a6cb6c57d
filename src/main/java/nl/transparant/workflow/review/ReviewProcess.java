package nl.transparant.workflow.review;

import nl.transparant.workflow.CaseStageListener;
import nl.transparant.workflow.EngineSession;
import nl.transparant.workflow.ProcessVariables;
import nl.transparant.workflow.history.ProcessHistory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.problems.ConflictException;
import nl.transparant.problems.DatabaseFaults;
import nl.transparant.problems.FieldProblem;
import nl.transparant.problems.ForbiddenException;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.problems.LabelList;
import nl.transparant.problems.NotFoundException;
import nl.transparant.problems.PlainText;
import nl.transparant.workflow.review.ReviewEvents.TaskDecided;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.instance.Documentation;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The application's way into the review process: start it for a submitted case, list the tasks a person
 * may act on, and complete one with an outcome and rationale. What happens next is the BPMN's business.
 */
@Service
public class ReviewProcess {

    public static final int MAX_RATIONALE = 10_000;
    static final String CHANGE_OF_VERSION = "changeOfVersion";
    /** The service task that puts a released entry in the register, as an asynchronous job after the release commits. */
    public static final String PUBLISH_ACTIVITY = "publishEntry";


    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final HistoryService historyService;
    private final RepositoryService repositoryService;
    private final ManagementService managementService;
    private final EngineSession session;
    private final ApplicationEventPublisher events;
    private final FourEyes fourEyes;
    private final Map<String, TaskAssessment> assessments;
    private final Map<String, ApprovalCondition> approvalConditions;
    private final PublicationJobs publications;
    /**
     * A deployed process definition never changes (a changed BPMN file is a new definition with a new id), so what
     * its user tasks' elements say is read once per definition and element instead of on every task listed or
     * completed: each read of the model first asked the database for the definition.
     */
    private final Map<String, TaskElement> taskElements = new ConcurrentHashMap<>();

    ReviewProcess(RuntimeService runtimeService, TaskService taskService, HistoryService historyService,
            RepositoryService repositoryService, ManagementService managementService, EngineSession session, ApplicationEventPublisher events, FourEyes fourEyes,
            List<TaskAssessment> assessments, List<ApprovalCondition> approvalConditions, PublicationJobs publications) {
        this.fourEyes = fourEyes;
        this.publications = publications;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.historyService = historyService;
        this.repositoryService = repositoryService;
        this.managementService = managementService;
        this.session = session;
        this.events = events;
        this.assessments = assessments.stream().collect(Collectors.toMap(TaskAssessment::key, a -> a));
        this.approvalConditions = approvalConditions.stream().collect(Collectors.toMap(ApprovalCondition::key, c -> c));
    }

    /** Starts the review of a submitted case; returns the process instance id. */
    @Transactional
    public String start(StaffUser submitter, String caseId, String organisation) {
        return start(submitter, caseId, organisation, List.of(submitter.id()));
    }

    /**
     * Starts the review of a submitted case written by these people (the four-eyes rule keeps every one of them from
     * reviewing it); returns the process instance id.
     */
    @Transactional
    public String start(StaffUser submitter, String caseId, String organisation, List<String> authors) {
        return session.as(submitter, () -> runtimeService.createProcessInstanceByKey(ProcessVariables.PROCESS_KEY)
                .businessKey(caseId)
                .setVariable(ProcessVariables.CASE_ID, caseId)
                .setVariable(ProcessVariables.ORGANISATION, organisation)
                .setVariable(ProcessVariables.SUBMITTER, submitter.id())
                .setVariable(ProcessVariables.CASE_AUTHORS, String.join(",", authors))
                .execute()
                .getId());
    }

    /**
     * The people who wrote the case's texts changed while its review runs (an owner may edit them while it is the
     * owners' turn): the four-eyes rule must count the new writer too, so the running review is told.
     */
    @Transactional
    public void authorsChanged(String processInstanceId, List<String> authors) {
        if (processInstanceId != null
                && runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0) {
            runtimeService.setVariable(processInstanceId, ProcessVariables.CASE_AUTHORS, String.join(",", authors));
        }
    }

    /**
     * Starts the review of a change to a published entry: the same process as a new case, told through the start
     * variable {@code changeOfVersion} which published version the change would replace. Version n stays public
     * until the release publishes n + 1.
     */
    @Transactional
    public String startChange(StaffUser submitter, String caseId, String organisation, int publishedVersion, List<String> authors) {
        return session.as(submitter, () -> runtimeService.createProcessInstanceByKey(ProcessVariables.PROCESS_KEY)
                .businessKey(caseId)
                .setVariable(ProcessVariables.CASE_ID, caseId)
                .setVariable(ProcessVariables.ORGANISATION, organisation)
                .setVariable(ProcessVariables.SUBMITTER, submitter.id())
                .setVariable(ProcessVariables.CASE_AUTHORS, String.join(",", authors))
                .setVariable(CHANGE_OF_VERSION, publishedVersion)
                .execute()
                .getId());
    }

    /** The tasks this person can act on now, oldest first: their roles, their organisations, never their own case's review. */
    @Transactional(readOnly = true)
    public List<ReviewTask> inbox(StaffUser user) {
        return session.as(user, () -> {
            List<Task> tasks = new ArrayList<>();
            if (user.has(Role.PROJECT_OWNER)) {
                tasks.addAll(taskService.createTaskQuery().taskCandidateGroup(Role.PROJECT_OWNER.roleName()).active().list());
            }
            List<String> reviewRoles = user.roleNames().stream()
                    .filter(r -> !Role.PROJECT_OWNER.roleName().equals(r))
                    .toList();
            if (!reviewRoles.isEmpty()) {
                taskService.createTaskQuery()
                        .taskCandidateGroupIn(reviewRoles)
                        .processVariableValueNotEquals(ProcessVariables.SUBMITTER, user.id())
                        .active()
                        .list().stream()
                        .filter(task -> fourEyesAllow(user, task))
                        .forEach(tasks::add);
            }
            return views(tasks).stream().sorted(Comparator.comparing(ReviewTask::created)).toList();
        });
    }

    /** Every open task of a case that this person may see (the engine's tenant check decides). */
    @Transactional(readOnly = true)
    public List<ReviewTask> openTasks(StaffUser user, String caseId) {
        // the query is by the case's business key, so every task found is the case's: no need to ask the engine again
        return session.as(user, () -> views(taskService.createTaskQuery().processInstanceBusinessKey(caseId).active().list(),
                instance -> caseId));
    }

    /** Whether this person could complete the task: the right role, and not a review of work they did on the case. */
    @Transactional(readOnly = true)
    public boolean canComplete(StaffUser user, ReviewTask task, String submitter) {
        return user.roleNames().contains(task.role()) && !(task.isReview() && user.id().equals(submitter)) && !task.decidedByVote()
                && session.as(user, () -> {
                    Task open = taskService.createTaskQuery().taskId(task.id()).singleResult();
                    return open != null && fourEyesAllow(user, open);
                });
    }

    /**
     * Whether the four-eyes rule lets this person act on the task, for lists and pages that offer only what is open to
     * them (the engine refuses the rest anyway). Only an owner can have done work on a case, so for anyone else it is
     * not asked.
     */
    private boolean fourEyesAllow(StaffUser user, Task task) {
        if (!user.has(Role.PROJECT_OWNER)) {
            return true;
        }
        String processKey = repositoryService.getProcessDefinition(task.getProcessDefinitionId()).getKey();
        return fourEyes.mayReview(historyService, task.getProcessInstanceId(), processKey, task.getTaskDefinitionKey(), user.id());
    }

    /**
     * What an engine id can look like (the engine generates them). Anything else names no task, and must not reach a
     * query: on MariaDB the engine's tables keep ids in utf8mb3, which refuses to compare with characters outside it
     * (an emoji in the address was a database error, so a 500, instead of "no such task").
     */
    private static final java.util.regex.Pattern ENGINE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9:._-]{1,64}");

    @Transactional
    public ReviewTask complete(StaffUser user, String taskId, TaskCompletion completion) {
        return complete(user, taskId, completion, false, false).task();
    }

    /**
     * A completed task, and the publication job the completion released, claimed for the caller's thread (see
     * {@link PublicationJobs}): the caller must run it with {@link #publishClaimed} after its transaction committed.
     */
    public record Completion(ReviewTask task, Optional<String> claimedPublication) {
    }

    /**
     * As {@link #complete(StaffUser, String, TaskCompletion)}, and when the completion released the case for
     * publication, its publication job is locked for this node, to be run by {@link #publishClaimed} right after the
     * commit instead of waiting for a job executor. Only for callers that do run it: a claimed job waits for the
     * executor's lock time otherwise.
     */
    @Transactional
    public Completion completeClaimingPublication(StaffUser user, String taskId, TaskCompletion completion) {
        return complete(user, taskId, completion, false, true);
    }

    /** Runs a claimed publication; called after the claiming transaction committed, outside any transaction. */
    public boolean publishClaimed(Completion completion) {
        return completion.claimedPublication().map(publications::run).orElse(false);
    }

    /**
     * Completes a review the BPMN marks as decided by the committee's vote ({@code decision=committee-vote}),
     * with the outcome the votes gave, as the last voter. Only the module that counts the votes calls this.
     */
    @Transactional
    public ReviewTask completeAfterVote(StaffUser lastVoter, String taskId, TaskCompletion outcomeOfTheVote) {
        return complete(lastVoter, taskId, outcomeOfTheVote, true, false).task();
    }

    private Completion complete(StaffUser user, String taskId, TaskCompletion completion, boolean votesCounted,
            boolean claimPublication) {
        if (taskId == null || !ENGINE_ID.matcher(taskId).matches()) {
            throw NotFoundException.of("problem.notFound.task");
        }
        return session.as(user, () -> {
            Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
            if (task == null) {
                throw taskGone(taskId);
            }
            // one query for what the checks and the record need: the case (business key), the submitter (start user),
            // the organisation and the process version
            HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
                    .processInstanceId(task.getProcessInstanceId()).singleResult();
            ReviewTask view = instance == null
                    ? views(List.of(task)).get(0)
                    : views(List.of(task), id -> instance.getBusinessKey()).get(0);
            String submitter = instance == null ? null : instance.getStartUserId();
            if (!user.roleNames().contains(view.role())) {
                throw new ForbiddenException("This task is for the role '" + view.role() + "'.", "problem.task.otherRole");
            }
            if (view.isReview() && user.id().equals(submitter)) {
                throw new ForbiddenException("You submitted this case, so you cannot review it: someone else must.", "problem.task.ownCase");
            }
            if (view.decidedByVote() && !votesCounted) {
                throw new ForbiddenException("The committee decides this review by vote: cast your vote "
                        + "(POST /api/cases/" + view.caseId() + "/ethics-votes) and the votes complete it.", "problem.task.byVote");
            }
            Map<String, Object> variables = variablesFor(view, completion, user);
            if ("approve".equals(variables.get(ProcessVariables.OUTCOME))) {
                approvalRequirements(task).forEach(condition -> condition.check(user, view.caseId()));
            }
            variables.put(ProcessVariables.DECIDED_BY, user.id());
            Map<String, Object> answers = new LinkedHashMap<>();
            view.requiredAnswers().forEach(question -> answers.put(question, variables.get(question)));
            events.publishEvent(new TaskDecided(view.caseId(), view.activityId(), view.name(),
                    (String) variables.get(ProcessVariables.OUTCOME), (String) variables.get(ProcessVariables.RATIONALE),
                    user.id(), view.role(), Collections.unmodifiableMap(answers), instance == null ? null
                            : new ProcessHistory.ExecutionFacts(instance.getId(), null, instance.getTenantId(),
                                    instance.getProcessDefinitionId(), instance.getProcessDefinitionKey(),
                                    instance.getProcessDefinitionVersion(), null)));
            try {
                taskService.complete(taskId, variables);
            } catch (OptimisticLockingException | NullValueException e) {
                throw ConflictException.of("problem.task.lostTheRace");
            } catch (RuntimeException e) {
                // two completions at once can also meet in the database (a deadlock) or fail inside the engine
                if (DatabaseFaults.isConcurrencyConflict(e) || goneMeanwhile(taskId)) {
                    throw ConflictException.of("problem.task.lostTheRace");
                }
                throw SegregationOfDutiesViolation.in(e)
                        .<RuntimeException>map(violation -> new ForbiddenException(violation.getMessage(), violation.messageKey()))
                        .orElseThrow(() -> e);
            }
            return new Completion(view, claimPublication ? publications.claim(task.getProcessInstanceId()) : Optional.empty());
        });
    }

    /**
     * Whether another transaction completed the task after this one read it. The engine can then fail in ways other
     * than its optimistic lock: reading committed data, it may load the task as it was but its execution as it is now,
     * already waiting at the next (asynchronous) step, and signalling that execution fails inside the engine before
     * the lock is ever checked. A fresh read sees the other commit (READ COMMITTED).
     */
    private boolean goneMeanwhile(String taskId) {
        return taskService.createTaskQuery().taskId(taskId).count() == 0;
    }

    ReviewTask draftableTask(StaffUser user, String taskId) {
        if (taskId == null || !ENGINE_ID.matcher(taskId).matches()) {
            throw NotFoundException.of("problem.notFound.task");
        }
        Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            throw taskGone(taskId);
        }
        ReviewTask view = views(List.of(task)).get(0);
        if (!user.roleNames().contains(view.role())) {
            throw new ForbiddenException("This task is for the role '" + view.role() + "'.", "problem.task.otherRole");
        }
        if (view.assessment() == null) {
            throw InvalidInputException.of("problem.task.noDraft",
                    List.of(FieldProblem.of("answers", "problem.task.noDraft.answers")));
        }
        return view;
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
            }
        }
        return Optional.empty();
    }

    /** The conditions the task's BPMN element makes an approval wait for ({@code approvalRequires}). */
    private List<ApprovalCondition> approvalRequirements(Task task) {
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
     * The four-eyes rule for a review step outside the engine's tasks (an ethics vote, the supervisor's advice): refused
     * when this person did work on the case's running review, read from the engine's history as for the tasks.
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

    void requireFourEyesOn(String processInstanceId, StaffUser user, String step) {
        try {
            fourEyes.requireReviewer(historyService, processInstanceId, ProcessVariables.PROCESS_KEY, step, user.id(), true);
        } catch (SegregationOfDutiesViolation violation) {
            throw new ForbiddenException(violation.getMessage(), violation.messageKey());
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
                    .activityId(PUBLISH_ACTIVITY).count() > 0;
            return Optional.of(new RouteAhead(variables.get("dpiaRequired") != null, isTrue(variables.get("preScanApprovalRequired")),
                    isTrue(variables.get("dpiaRequired")), isTrue(variables.get("priorConsultationRequired")),
                    isTrue(variables.get("ethicsReviewRequired")), publishing));
        });
    }

    private static boolean isTrue(Object variable) {
        return Boolean.TRUE.equals(variable);
    }

    /** Who submitted the case: the engine's start user of the instance, as the segregation-of-duties check reads it. */
    public String submitterOf(String processInstanceId) {
        var instance = historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        return instance == null ? null : instance.getStartUserId();
    }

    private RuntimeException taskGone(String taskId) {
        boolean finished = historyService.createHistoricTaskInstanceQuery().taskId(taskId).finished().count() > 0;
        return finished
                ? ConflictException.of("problem.task.alreadyCompleted")
                : NotFoundException.of("problem.notFound.taskId", taskId);
    }

    private Map<String, Object> variablesFor(ReviewTask task, TaskCompletion completion, StaffUser user) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, Object> variables = new LinkedHashMap<>();
        String outcome = completion.outcome();
        if (task.isReview()) {
            if (outcome == null || !task.outcomes().contains(outcome)) {
                problems.add(FieldProblem.of("outcome", "problem.task.outcome.choose", LabelList.of("outcome.choice.", task.outcomes())));
            }
        } else if (outcome != null && !ReviewTask.SUBMIT.equals(outcome)) {
            problems.add(FieldProblem.of("outcome", "problem.task.outcome.none"));
        }
        String rationale = completion.rationale() == null ? "" : completion.rationale().strip();
        if (task.isReview() && rationale.isEmpty()) {
            problems.add(FieldProblem.of("rationale", "problem.task.rationale.missing"));
        } else if (rationale.length() > MAX_RATIONALE) {
            problems.add(FieldProblem.of("rationale", "problem.text.tooLong", MAX_RATIONALE));
        } else if (PlainText.containsMarkup(rationale)) {
            problems.add(FieldProblem.of("rationale", "problem.text.markup"));
        }
        if (!problems.isEmpty()) {
            throw InvalidInputException.of("problem.task.invalid", problems);
        }
        variables.putAll(answerVariables(task, completion, user));
        variables.put(ProcessVariables.OUTCOME, task.isReview() ? outcome : ReviewTask.SUBMIT);
        variables.put(ProcessVariables.RATIONALE, rationale);
        return variables;
    }

    /**
     * The variables a task's answers give the process. A task with an {@code assessment} property hands the
     * answers to that questionnaire, which must yield every required answer; a task without one takes no answers.
     */
    private Map<String, Object> answerVariables(ReviewTask task, TaskCompletion completion, StaffUser user) {
        if (task.assessment() == null) {
            if (!completion.answers().isEmpty()) {
                throw InvalidInputException.of("problem.task.noQuestions",
                        List.of(FieldProblem.of("answers", "problem.task.noQuestions.answers")));
            }
            return Map.of();
        }
        TaskAssessment assessment = assessmentOf(task);
        Map<String, Object> derived = assessment.variablesFor(new TaskAssessment.Submission(task.caseId(),
                task.organisation(), task.activityId(), user, completion.answers()));
        for (String required : task.requiredAnswers()) {
            if (derived.get(required) == null) {
                throw new IllegalStateException("Questionnaire '" + task.assessment() + "' gave no value for '"
                        + required + "', which " + task.activityId() + " requires: the policy and the process disagree");
            }
        }
        return derived;
    }

    TaskAssessment assessmentOf(ReviewTask task) {
        TaskAssessment assessment = assessments.get(task.assessment());
        if (assessment == null) {
            throw new IllegalStateException("The BPMN element " + task.activityId() + " names questionnaire '"
                    + task.assessment() + "', which no module provides");
        }
        return assessment;
    }

    private List<ReviewTask> views(List<Task> tasks) {
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
    private List<ReviewTask> views(List<Task> tasks, Function<String, String> caseOfInstance) {
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
                    element.documentation());
        }).toList();
    }

    /** What a user task's BPMN element says about it, read from the deployed model of its process definition. */
    private record TaskElement(String role, List<String> outcomes, List<String> requiredAnswers, String assessment,
            boolean decidedByVote, String documentation, List<String> approvalRequires) {
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
                    list(CaseStageListener.property(element, ProcessVariables.PROPERTY_APPROVAL_REQUIRES)));
        });
    }

    private static List<String> list(String commaSeparated) {
        return commaSeparated == null || commaSeparated.isBlank()
                ? List.of()
                : Arrays.stream(commaSeparated.split(",")).map(String::strip).toList();
    }
}
