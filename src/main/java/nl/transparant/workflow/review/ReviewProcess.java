package nl.transparant.workflow.review;

import nl.transparant.workflow.EngineSession;
import nl.transparant.workflow.ProcessVariables;
import nl.transparant.workflow.history.ProcessHistory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
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
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.task.Task;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The write side of the review process: start it for a submitted case, and complete a task with an outcome and
 * rationale. What happens next is the BPMN's business; what a person may act on is {@link ReviewTasks}'s, the four-eyes
 * rule asked outside the tasks {@link FourEyesChecks}'s.
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
    private final EngineSession session;
    private final ApplicationEventPublisher events;
    private final ReviewTasks tasks;
    private final Map<String, TaskAssessment> assessments;
    private final PublicationJobs publications;
    private final ReviewTurns turns;
    private final TaskCompletions completions;
    private final nl.transparant.identity.PeopleNames people;

    ReviewProcess(RuntimeService runtimeService, TaskService taskService, HistoryService historyService,
            EngineSession session, ApplicationEventPublisher events, ReviewTasks tasks,
            List<TaskAssessment> assessments, PublicationJobs publications, ReviewTurns turns, TaskCompletions completions,
            nl.transparant.identity.PeopleNames people) {
        this.tasks = tasks;
        this.people = people;
        this.completions = completions;
        this.turns = turns;
        this.publications = publications;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.historyService = historyService;
        this.session = session;
        this.events = events;
        this.assessments = assessments.stream().collect(Collectors.toMap(TaskAssessment::key, a -> a));
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
        if (processInstanceId != null && running(processInstanceId)) {
            turns.take(processInstanceId); // not while a completion of the review checks who did what (ReviewTurns)
            if (!running(processInstanceId)) {
                // the review ended (rejected, stopped) while this change waited for its turn: nothing of it is kept
                throw ConflictException.of("problem.case.changedMeanwhile");
            }
            runtimeService.setVariable(processInstanceId, ProcessVariables.CASE_AUTHORS, String.join(",", authors));
        }
    }

    private boolean running(String processInstanceId) {
        return runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).count() > 0;
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
                .setVariable(ProcessVariables.CASE_AUTHORS, String.join(",", authors))
                .setVariable(CHANGE_OF_VERSION, publishedVersion)
                .execute()
                .getId());
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
    public record Completion(ReviewTask task, Optional<String> claimedPublication, String processInstanceId) {
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
            Completion completed;
            try {
                // the turn, the reads, the checks and the completion in one engine command: the task and its instance's
                // rows are read once, after the turn is taken, and the completion finds them in the command's cache
                completed = completions.inOneCommand(() -> checkAndComplete(user, taskId, completion, votesCounted));
            } catch (ForbiddenException | NotFoundException | ConflictException | InvalidInputException refused) {
                throw refused;
            } catch (OptimisticLockingException | NullValueException e) {
                throw lostOrDone(taskId, user);
            } catch (RuntimeException e) {
                // two completions at once can also meet in the database (a deadlock) or fail inside the engine
                if (DatabaseFaults.isConcurrencyConflict(e) || goneMeanwhile(taskId)) {
                    throw lostOrDone(taskId, user);
                }
                throw SegregationOfDutiesViolation.in(e)
                        .<RuntimeException>map(violation -> new ForbiddenException(violation.getMessage(), violation.messageKey(), violation.reason())
                                .aboutCase(violation.caseId()))
                        .orElseThrow(() -> e);
            }
            // the publication's job is looked for once the completion's command has written it
            return claimPublication
                    ? new Completion(completed.task(), publications.claim(completed.processInstanceId()), completed.processInstanceId())
                    : completed;
        });
    }

    /** Inside the completion's engine command: whose turn, what the task is, whether this person may complete it; then completes it. */
    private Completion checkAndComplete(StaffUser user, String taskId, TaskCompletion completion, boolean votesCounted) {
        // the case's review takes one change at a time: the four-eyes check below sees all work committed before, and
        // the task is read after the turn, as the completion will find it
        // with the turn, what the checks and the record need: the case (business key), the submitter (start user),
        // the organisation and the process version (the task's own instance, so of the task's organisation)
        ReviewTurns.TaskInstance instance = turns.takeForTask(taskId).orElse(null);
        Task task = completions.taskIn(taskId, user.organisations()).orElseThrow(() -> taskGone(taskId, user));
        ReviewTask view = instance == null
                ? tasks.views(List.of(task)).get(0)
                : tasks.views(List.of(task), id -> instance.caseId()).get(0);
        String submitter = instance == null ? null : instance.startedBy();
        if (!user.roleNames().contains(view.role())) {
            throw new ForbiddenException("This task is for the role '" + view.role() + "'.", "problem.task.otherRole",
                    nl.transparant.problems.Wording.of("problem.task.otherRole.reason", nl.transparant.problems.Wording.of("role." + view.role())));
        }
        if (view.isReview() && user.id().equals(submitter)) {
            throw new ForbiddenException("You submitted this case, so you cannot review it: someone else must.", "problem.task.ownCase")
                    .aboutCase(view.caseId());
        }
        if (view.decidedByVote() && !votesCounted) {
            throw new ForbiddenException("The committee decides this review by vote: cast your vote "
                    + "(POST /api/cases/" + view.caseId() + "/ethics-votes) and the votes complete it.", "problem.task.byVote");
        }
        requireAssigneeOrNone(task, user);
        // answers sent from a page older than the task's saved draft would replace a colleague's newer draft unseen
        // (outside testers): refused, as a save over it is
        // the task's own variables from the task this command has read (its variables are loaded once, and the completion
        // below needs them anyway), not through the task service: a service call inside a command is a nested command,
        // its whole interceptor chain for one variable (2 % of the request threads' samples in a flight recording)
        TaskDrafts.requireVersion(completions.localVariablesOf(taskId), people, user, completion.draftVersion());
        Map<String, Object> variables = variablesFor(view, completion, user);
        String outcome = (String) variables.get(ProcessVariables.OUTCOME);
        if ("approve".equals(outcome)) {
            tasks.approvalRequirements(task).forEach(condition -> condition.check(user, view.caseId()));
        }
        if (view.isReview()) {
            // who decided, for what runs after the decision (the publication after its asynchronous boundary names who
            // released it); an owner's hand-in decides nothing, and writing it there cost two variable updates a cycle
            variables.put(ProcessVariables.DECIDED_BY, user.id());
        }
        Map<String, Object> answers = new LinkedHashMap<>();
        view.requiredAnswers().forEach(question -> answers.put(question, variables.get(question)));
        ProcessHistory.ExecutionFacts process = instance == null ? null
                : new ProcessHistory.ExecutionFacts(instance.processInstanceId(), null, instance.organisation(), instance.processDefinitionId(),
                        instance.processDefinitionKey(), instance.processDefinitionVersion(), null);
        boolean done = completions.complete(taskId, variables, before -> new TaskDecided(view.caseId(), view.activityId(), view.name(),
                outcome, (String) variables.get(ProcessVariables.RATIONALE),
                user.id(), view.role(), Collections.unmodifiableMap(answers), process, before));
        if (!done) {
            throw ConflictException.of("problem.task.lostTheRace");
        }
        return new Completion(view, Optional.empty(), task.getProcessInstanceId());
    }

    /**
     * A task handed to a person (through the engine's REST API, with a reason) is theirs until it is handed back: the
     * application completed it for anyone of the role (outside tester), and the assignee then counted as having done
     * that work.
     */
    private void requireAssigneeOrNone(Task task, StaffUser user) {
        String assignee = task.getAssignee();
        if (assignee != null && !assignee.equals(user.id())) {
            throw new ForbiddenException("This task is assigned to '" + assignee + "': only they complete it, until it is handed back.",
                    "problem.task.assignedToAnother", nl.transparant.problems.Wording.of("problem.task.assignedToAnother.reason",
                            people.name(assignee)));
        }
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
            throw taskGone(taskId, user);
        }
        ReviewTask view = tasks.views(List.of(task)).get(0);
        if (!user.roleNames().contains(view.role())) {
            throw new ForbiddenException("This task is for the role '" + view.role() + "'.", "problem.task.otherRole",
                    nl.transparant.problems.Wording.of("problem.task.otherRole.reason", nl.transparant.problems.Wording.of("role." + view.role())));
        }
        requireAssigneeOrNone(task, user);
        if (view.assessment() == null) {
            throw InvalidInputException.of("problem.task.noDraft",
                    List.of(FieldProblem.of("answers", "problem.task.noDraft.answers")));
        }
        return view;
    }

    /**
     * A completion that lost to another: when the task is gone, who completed it (the person themselves, sending it
     * again after an answer that never reached them, is told it was theirs: a publisher re-sending a release stored
     * just before a database outage was told someone else had completed it "at the same moment", nothing of theirs
     * saved; outside tester); else a race lost at the same moment.
     */
    private RuntimeException lostOrDone(String taskId, StaffUser user) {
        return goneMeanwhile(taskId) ? taskGone(taskId, user) : ConflictException.of("problem.task.lostTheRace");
    }

    private RuntimeException taskGone(String taskId, StaffUser user) {
        org.camunda.bpm.engine.history.HistoricTaskInstance ended = historyService.createHistoricTaskInstanceQuery().taskId(taskId)
                .finished().singleResult();
        if (ended == null) {
            return NotFoundException.of("problem.notFound.taskId", taskId);
        }
        if (!"completed".equals(ended.getDeleteReason())) {
            // ended without anyone completing it (an emergency stop, a changed or retired entry): "already completed"
            // sent the person looking for a colleague who never touched it (outside tester)
            return ConflictException.of("problem.task.endedUncompleted");
        }
        // who completed it, from the engine's log, so the person knows whom to ask (outside tester); the completion
        // of a colleague of the same case, whose task this person could see
        String completedBy = historyService.createUserOperationLogQuery().taskId(taskId)
                .operationType(org.camunda.bpm.engine.history.UserOperationLogEntry.OPERATION_TYPE_COMPLETE).list().stream()
                .map(org.camunda.bpm.engine.history.UserOperationLogEntry::getUserId)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
        // a person sending their own completion again (after an answer that did not reach them) is told it was theirs,
        // not given their own name as if it were someone else's
        return completedBy == null ? ConflictException.of("problem.task.alreadyCompleted")
                : completedBy.equals(user.id()) ? ConflictException.of("problem.task.alreadyCompletedByYou")
                : ConflictException.of("problem.task.alreadyCompletedBy", people.name(completedBy));
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
        // line breaks as one character, as the browser counted them against the limit
        String rationale = completion.rationale() == null ? "" : completion.rationale().replace("\r\n", "\n").strip();
        if (task.isReview() && !PlainText.hasVisibleText(rationale)) {
            problems.add(FieldProblem.of("rationale", "problem.task.rationale.missing"));
        } else if (task.needsRationale() && !PlainText.hasVisibleText(rationale)) {
            problems.add(FieldProblem.of("rationale", "problem.task.note.missing"));
        } else if (rationale.length() > MAX_RATIONALE) {
            problems.add(FieldProblem.of("rationale", "problem.text.tooLong", MAX_RATIONALE));
        } else if (PlainText.containsMarkup(rationale)) {
            problems.add(FieldProblem.of("rationale", "problem.text.markup"));
        } else if (PlainText.characterProblem(rationale) != null) {
            // a reading-direction override made a rationale in the decision log read other than it was (outside tester)
            problems.add(FieldProblem.of("rationale", PlainText.characterProblem(rationale)));
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

}
