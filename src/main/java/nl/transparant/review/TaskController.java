package nl.transparant.review;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.Cases;
import nl.transparant.identity.StaffUser;
import nl.transparant.workflow.review.ReviewProcess;
import nl.transparant.workflow.review.ReviewTasks;
import nl.transparant.workflow.review.TaskDrafts;
import nl.transparant.workflow.review.ReviewTask;
import nl.transparant.workflow.review.TaskCompletion;
import nl.transparant.problems.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A person's task inbox and the completion of a task with outcome and rationale. */
@RestController
@RequestMapping("/api/tasks")
class TaskController {

    private final ReviewProcess reviewProcess;
    private final ReviewTasks reviewTasks;
    private final TaskDrafts taskDrafts;
    private final Cases cases;
    private final TransactionTemplate transaction;
    private final TransactionTemplate readOnly;
    private final nl.transparant.identity.PeopleNames people;

    TaskController(ReviewProcess reviewProcess, ReviewTasks reviewTasks, TaskDrafts taskDrafts, Cases cases, PlatformTransactionManager transactions,
            nl.transparant.identity.PeopleNames people) {
        this.people = people;
        this.reviewProcess = reviewProcess;
        this.reviewTasks = reviewTasks;
        this.taskDrafts = taskDrafts;
        this.cases = cases;
        this.transaction = new TransactionTemplate(transactions);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    @GetMapping
    List<InboxItem> inbox(StaffUser user) {
        return reviewTasks.inbox(user).stream()
                .map(t -> new InboxItem(t.id(), taskName(t.activityId(), t.name()), t.activityId(), t.role(), t.caseId(),
                        cases.find(user, t.caseId()).map(AlgorithmCase::getName).orElse(t.caseId()), t.organisation(), t.created(),
                        t.outcomes(), t.requiredAnswers(), t.needsRationale()))
                .toList();
    }

    /** A task's name in the caller's language (Accept-Language), the BPMN's own name when the bundles lack it. */
    private static String taskName(String activityId, String bpmnName) {
        java.util.Locale language = nl.transparant.problems.ProblemTexts.callersLanguage();
        return nl.transparant.problems.ProblemTexts.textOr("task." + activityId,
                nl.transparant.problems.ProblemTexts.textOr("process.element." + activityId, bpmnName, language), language);
    }

    /**
     * Answers with the case's next state (its stage and open tasks, as {@code GET /api/cases/{id}} lists them), so a
     * client needs no read to find its next step. A release's publication runs on this thread right after the release
     * commits (see {@code ReviewProcess#completeClaimingPublication}); the answer is then the state after it,
     * {@code PUBLISHED}, and the client has nothing to poll for.
     */
    @PostMapping("/{taskId}/complete")
    Completed complete(StaffUser user, @PathVariable String taskId, @RequestBody CompletionRequest request) {
        // one transaction: the state answered is the one this completion commits, and the case is not read again after it
        Step step = transaction.execute(status -> {
            ReviewProcess.Completion done = reviewProcess.completeClaimingPublication(user, taskId,
                    new TaskCompletion(request.outcome(), request.rationale(), request.answers(), request.draftVersion()));
            return new Step(done, done.claimedPublication().isPresent() ? null : completed(user, done.task()));
        });
        if (step.answer() != null) {
            return step.answer();
        }
        // the publication runs (and commits) in a transaction of its own: answer the state after it, whether it ran
        // or was left to the job executor
        reviewProcess.publishClaimed(step.done());
        return readOnly.execute(status -> completed(user, step.done().task()));
    }

    private record Step(ReviewProcess.Completion done, Completed answer) {
    }

    private Completed completed(StaffUser user, ReviewTask done) {
        return new Completed(done.id(), done.caseId(), cases.find(user, done.caseId()).map(c -> c.getStage().name()).orElse(null),
                reviewTasks.openTasks(user, done.caseId()).stream()
                        .map(t -> new NextTask(t.id(), taskName(t.activityId(), t.name()), t.activityId(), t.role(), t.outcomes(),
                                t.requiredAnswers(), t.needsRationale()))
                        .toList());
    }

    /** Saves a questionnaire's answers without completing the task; required questions may still be empty. */
    @PutMapping("/{taskId}/draft")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void saveDraft(StaffUser user, @PathVariable String taskId, @RequestBody DraftRequest request) {
        // a body without answers would save an empty draft over the one there (second outside test): answers are required
        if (request.answers() == null) {
            throw nl.transparant.problems.InvalidInputException.of("problem.task.draftInvalid",
                    List.of(nl.transparant.problems.FieldProblem.of("answers", "problem.field.requiredValue")));
        }
        taskDrafts.save(user, taskId, request.answers(), request.rationale(), request.version());
    }

    @GetMapping("/{taskId}/draft")
    Draft draft(StaffUser user, @PathVariable String taskId) {
        return taskDrafts.saved(user, taskId).map(saved -> new Draft(taskId, saved.answers(), saved.note(), saved.savedBy(),
                        people.name(saved.savedBy()), saved.version()))
                .orElseThrow(() -> NotFoundException.of("problem.notFound.draft"));
    }

    /** What these answers conclude so far (levels, criteria that fired, scores); nothing is saved or recorded. */
    @PostMapping("/{taskId}/preview")
    Map<String, Object> preview(StaffUser user, @PathVariable String taskId, @RequestBody DraftRequest request) {
        return taskDrafts.resultSoFar(user, taskId, request.answers());
    }

    /**
     * {@code rationale}: the note or rationale typed so far, kept with the draft (optional; ignored by a preview).
     * {@code version}: the version of the draft this save replaces, as {@code GET …/draft} gave it ("" when there was
     * none); when someone saved another since, nothing is saved (409). Optional: without it the save replaces whatever
     * is there.
     */
    record DraftRequest(Map<String, Object> answers, String rationale, String version) {
    }

    /**
     * A saved draft; {@code savedBy} is the account that saved it last and {@code savedByName} that person's name as
     * people read it, {@code version} what a save over it names.
     */
    record Draft(String taskId, Map<String, Object> answers, String rationale, String savedBy, String savedByName, String version) {
    }

    record InboxItem(String id, String name, String activityId, String role, String caseId, String caseName, String organisation,
            Instant created, List<String> outcomes, List<String> requiredAnswers, boolean rationaleRequired) {
    }

    /**
     * {@code draftVersion} (optional): the version of the task's saved draft the answers were made from ("" when there
     * was none); when someone saved another draft since, nothing is completed (409).
     */
    record CompletionRequest(String outcome, String rationale, Map<String, Object> answers, String draftVersion) {
    }

    /** The completed task, and the case as it stands after it: stage and open tasks. */
    record Completed(String taskId, String caseId, String stage, List<NextTask> openTasks) {
    }

    /** An open task of the case, with the fields {@code GET /api/cases/{id}} gives it (less {@code youCanComplete}). */
    record NextTask(String id, String name, String activityId, String role, List<String> outcomes, List<String> requiredAnswers,
            boolean rationaleRequired) {
    }
}
