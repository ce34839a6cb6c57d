package nl.transparant.cases;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import nl.transparant.identity.StaffUser;
import nl.transparant.organisations.OrganisationNames;
import nl.transparant.workflow.review.ReviewTasks;
import nl.transparant.workflow.review.ReviewTask;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Staff API for cases; access per role and organisation is decided in {@link Cases}. */
@RestController
@RequestMapping("/api/cases")
class CaseController {

    private final Cases cases;
    private final ReviewTasks reviewTasks;
    private final OrganisationNames organisationNames;
    private final nl.transparant.identity.PeopleNames people;
    private final TransactionTemplate readOnly;
    private final TransactionTemplate readWrite;

    CaseController(Cases cases, ReviewTasks reviewTasks, OrganisationNames organisationNames, nl.transparant.identity.PeopleNames people,
            PlatformTransactionManager transactions) {
        this.people = people;
        this.cases = cases;
        this.reviewTasks = reviewTasks;
        this.organisationNames = organisationNames;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.readWrite = new TransactionTemplate(transactions);
    }

    @GetMapping
    List<CaseSummary> list(StaffUser user) {
        return cases.visibleTo(user).stream().map(this::summary).toList();
    }

    /**
     * With an {@code Idempotency-Key} header the same request may be sent again (after a timeout, a 503) and answers
     * with the case the first one created, marked {@code Idempotent-Replayed: true}.
     */
    @PostMapping
    ResponseEntity<CaseDetail> create(StaffUser user, @RequestBody CaseRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        return readWrite.execute(status -> {
            Cases.Creation creation = cases.create(user, request.organisation(), request.fields(), request.internalNotes(), idempotencyKey);
            ResponseEntity.BodyBuilder answer = ResponseEntity.status(HttpStatus.CREATED);
            if (creation.replayed()) {
                answer.header("Idempotent-Replayed", "true");
            }
            // a case created just now has no decisions yet: not asked for (a select per created case, issue 14); one
            // created by an earlier sending of the same request may have moved on since, and is read as it stands
            return answer.body(creation.replayed() ? detail(user, creation.created()) : detail(user, creation.created(), List.of()));
        });
    }

    @GetMapping("/{id}")
    CaseDetail read(StaffUser user, @PathVariable String id) {
        return readOnly.execute(status -> detail(user, cases.read(user, id)));
    }

    @PutMapping("/{id}")
    CaseDetail edit(StaffUser user, @PathVariable String id, @RequestBody CaseRequest request) {
        return readWrite.execute(status ->
                detail(user, cases.edit(user, id, request.version(), request.fields(), request.internalNotes())));
    }

    /** The English version of the register texts: {@code {fields, version}}, version being the case's. */
    @GetMapping("/{id}/english")
    EnglishTexts english(StaffUser user, @PathVariable String id) {
        AlgorithmCase c = cases.read(user, id);
        return new EnglishTexts(c.getEnglishFields(), c.getVersion());
    }

    @PutMapping("/{id}/english")
    EnglishTexts editEnglish(StaffUser user, @PathVariable String id, @RequestBody EnglishTexts request) {
        AlgorithmCase c = cases.editEnglish(user, id, request.version(), request.fields());
        return new EnglishTexts(c.getEnglishFields(), c.getVersion());
    }

    record EnglishTexts(Map<String, Object> fields, Long version) {
    }

    @PostMapping("/{id}/submit")
    CaseDetail submit(StaffUser user, @PathVariable String id) {
        return readWrite.execute(status -> detail(user, cases.submit(user, id)));
    }

    record CaseRequest(String organisation, Map<String, Object> fields, String internalNotes, Long version) {
    }

    record CaseSummary(String id, String name, String organisation, String organisationName, CaseStage stage, Instant updatedAt) {
    }

    record CaseDetail(String id, String organisation, String organisationName, CaseStage stage, Map<String, Object> fields,
            String internalNotes, String createdBy, String createdByName, String submittedBy, String submittedByName,
            String closingReason, Instant createdAt, Instant updatedAt, long version, List<DecisionView> decisions,
            List<TaskView> openTasks) {
    }

    /** {@code decidedBy} is the account, {@code decidedByName} the person's name as people read it (as the pages show it). */
    record DecisionView(String activityId, String activityName, String outcome, String rationale, String decidedBy,
            String decidedByName, String decidedRole, Instant decidedAt) {
    }

    /** @param rationaleRequired the task is completed only with a rationale (a review) or a note (its element says so) */
    record TaskView(String id, String name, String activityId, String role, List<String> outcomes, List<String> requiredAnswers,
            boolean rationaleRequired, boolean youCanComplete) {
    }

    private CaseSummary summary(AlgorithmCase c) {
        return new CaseSummary(c.getId(), c.getName(), c.getOrganisationCode(), organisationNames.of(c.getOrganisationCode()),
                c.getStage(), c.getUpdatedAt());
    }

    /**
     * Called inside the transaction of the change or read it shows (the request's only one): the case, its decisions and
     * its open tasks are one consistent view, the case is read once, and a poll costs one transaction instead of three.
     */
    private CaseDetail detail(StaffUser user, AlgorithmCase c) {
        return detail(user, c, cases.decisions(user, c.getId()));
    }

    private CaseDetail detail(StaffUser user, AlgorithmCase c, List<CaseDecision> decisions) {
        java.util.Locale language = nl.transparant.problems.ProblemTexts.callersLanguage();
        List<DecisionView> decisionViews = decisions.stream()
                .map(d -> new DecisionView(d.getActivityId(),
                        nl.transparant.problems.ProblemTexts.textOr("process.element." + d.getActivityId(), d.getActivityName(), language), d.getOutcome(), d.getRationale(),
                        d.getDecidedBy(), people.name(d.getDecidedBy()), d.getDecidedRole(), d.getDecidedAt()))
                .toList();
        List<TaskView> tasks = c.getProcessInstanceId() == null
                ? List.of()
                : reviewTasks.openTasks(user, c.getId()).stream().map(t -> taskView(user, t, c)).toList();
        return new CaseDetail(c.getId(), c.getOrganisationCode(), organisationNames.of(c.getOrganisationCode()), c.getStage(),
                c.getRegisterFields(), c.getInternalNotes(), c.getCreatedBy(), people.name(c.getCreatedBy()), c.getSubmittedBy(),
                c.getSubmittedBy() == null ? null : people.name(c.getSubmittedBy()), c.getClosingReason(),
                c.getCreatedAt(), c.getUpdatedAt(), c.getVersion(), decisionViews, tasks);
    }

    /** A task's name in the caller's language (Accept-Language), the BPMN's own name when the bundles lack it. */
    static String taskName(String activityId, String bpmnName) {
        java.util.Locale language = nl.transparant.problems.ProblemTexts.callersLanguage();
        return nl.transparant.problems.ProblemTexts.textOr("task." + activityId,
                nl.transparant.problems.ProblemTexts.textOr("process.element." + activityId, bpmnName, language), language);
    }

    private TaskView taskView(StaffUser user, ReviewTask task, AlgorithmCase c) {
        return new TaskView(task.id(), taskName(task.activityId(), task.name()), task.activityId(), task.role(), task.outcomes(), task.requiredAnswers(),
                task.needsRationale(), reviewTasks.canComplete(user, task, c.getSubmittedBy()));
    }
}
