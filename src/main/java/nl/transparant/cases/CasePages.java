package nl.transparant.cases;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.organisations.OrganisationNames;
import nl.transparant.problems.ConflictException;
import nl.transparant.problems.FieldProblem;
import nl.transparant.problems.ForbiddenException;
import nl.transparant.problems.NotFoundException;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.screening.Screenings;
import nl.transparant.site.FormProblems;
import nl.transparant.site.PageController;
import nl.transparant.site.RegisterFieldDisplay;
import nl.transparant.workflow.review.ApprovalBlocked;
import nl.transparant.workflow.review.ReviewProcess;
import nl.transparant.workflow.RouteReasons;
import nl.transparant.workflow.review.ReviewTasks;
import nl.transparant.workflow.review.SupervisorAdvice;
import nl.transparant.workflow.review.TaskDrafts;
import nl.transparant.workflow.review.ReviewTask;
import nl.transparant.workflow.review.TaskCompletion;
import org.springframework.context.MessageSource;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One case for staff: its register fields, where it stands, what was decided and by whom, and the open
 * tasks, with a form for each task this person may complete. Who may see and do what is decided by
 * {@link Cases}, {@link ReviewProcess} and {@link ReviewTasks}; this page only shows it.
 */
@PageController
@RequestMapping("/staff/cases")
public class CasePages {

    private static final com.fasterxml.jackson.databind.ObjectMapper ANSWERS_JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    static final String ADVICE_PREFIX = "supervisor-";
    /** The value of the submit button that saves a questionnaire's answers without completing the task. */
    static final String DRAFT = "draft";

    private final Cases cases;
    private final ReviewProcess reviewProcess;
    private final ReviewTasks reviewTasks;
    private final TaskDrafts taskDrafts;
    private final SupervisorAdvice supervisorAdvice;
    private final OrganisationNames organisationNames;
    private final RegisterFieldDisplay display;
    private final MessageSource messages;
    private final List<CasePageSection> sections;
    /** The questionnaires the sections put into task forms, in the sections' order. */
    private final List<TaskQuestionnaire> questionnaires;
    private final Screenings screenings;

    CasePages(Cases cases, ReviewProcess reviewProcess, ReviewTasks reviewTasks, TaskDrafts taskDrafts, SupervisorAdvice supervisorAdvice, OrganisationNames organisationNames, RegisterFieldDisplay display,
            MessageSource messages, List<CasePageSection> sections, Screenings screenings) {
        this.cases = cases;
        this.reviewProcess = reviewProcess;
        this.reviewTasks = reviewTasks;
        this.taskDrafts = taskDrafts;
        this.supervisorAdvice = supervisorAdvice;
        this.organisationNames = organisationNames;
        this.display = display;
        this.messages = messages;
        this.sections = sections;
        this.questionnaires = sections.stream().flatMap(section -> section.questionnaires().stream()).toList();
        this.screenings = screenings;
    }

    record CaseView(String id, String name, String organisationName, CaseStage stage, String createdBy, String submittedBy,
            String closingReason, Instant createdAt, Instant updatedAt, String internalNotes, boolean editable, boolean submittable) {
    }

    /**
     * What a person typed into a task form, kept when the form comes back with problems.
     *
     * @param answers what was typed into each questionnaire, by its {@code assessment}
     */
    record TaskInput(String outcome, String rationale, Map<String, TaskQuestionnaire.Answers> answers) {

        static final TaskInput EMPTY = new TaskInput(null, "", Map.of());

        /**
         * The answers saved earlier (a draft, or those last sent in), shown in the form of the questionnaire's task, with
         * the note or rationale saved beside a draft.
         */
        static TaskInput saved(TaskQuestionnaire questionnaire, Map<String, Object> saved, String note) {
            return new TaskInput(null, note, Map.of(questionnaire.assessment(), questionnaire.saved(saved)));
        }

        TaskQuestionnaire.Answers answersTo(TaskQuestionnaire questionnaire) {
            return answers.getOrDefault(questionnaire.assessment(), questionnaire.none());
        }

        /** The answers of the first questionnaire whose inputs the form carried, if any. */
        Optional<TaskQuestionnaire.Answers> posted() {
            return answers.values().stream().filter(TaskQuestionnaire.Answers::posted).findFirst();
        }
    }

    /**
     * @param questions   the questionnaire of a task this person can complete that asks for one; null for other tasks
     * @param fromDraft   whether the form shows answers saved earlier as a draft
     * @param draftVersion the version of the task's saved draft ("" for none), which the form's draft save names
     * @param draftSavedBy who saved the task's draft, when someone else than the reader; null otherwise
     * @param resultSoFar what the saved draft's answers conclude so far (levels and the criteria that fired), not
     *                    recorded; null when no draft was saved
     */
    record TaskView(ReviewTask task, boolean canComplete, String idPrefix, TaskInput input, FormProblems problems,
            List<FormProblems.SummaryItem> summary, TaskQuestionnaire.Questions questions, boolean fromDraft, List<?> resultSoFar,
            Object residualDifference, CaseDecision sentBack, boolean fromLastAnswers, String draftVersion, String draftSavedBy,
            String whyNotYou, boolean fromPreviousRound) {

        /** Whether the draft shown was saved by someone else than the reader (another owner of the organisation). */
        public boolean draftOfAnother() {
            return fromDraft && draftSavedBy != null;
        }

        public boolean hasQuestionnaire() {
            return questions != null;
        }
    }

    /**
     * A case that waits for the supervisor's advice after prior consultation (GDPR Art. 36), with no task open.
     *
     * @param canRecord whether this person records the advice: a privacy officer of the case's organisation
     */
    record AdviceView(boolean canRecord, boolean ownWork, String advice, FormProblems problems, List<FormProblems.SummaryItem> summary) {
    }

    /**
     * One step of the way ahead after the pre-scan, named by the stage it puts the case in.
     *
     * @param current     the case is at this step now
     * @param conditional the step comes only if something still to be decided asks for it (prior consultation: when
     *                    the DPIA's residual risk stays high)
     */
    record RouteStep(CaseStage stage, boolean current, boolean conditional) {
    }

    /** The steps the route decision after the pre-scan set out, in the process's order. */
    static List<RouteStep> routeSteps(ReviewTasks.RouteAhead route, CaseStage now) {
        List<RouteStep> steps = new ArrayList<>();
        if (route.preScanApproval() && !route.dpia()) {
            steps.add(new RouteStep(CaseStage.PRE_SCAN_REVIEW, now == CaseStage.PRE_SCAN_REVIEW, false));
        }
        if (route.dpia()) {
            steps.add(new RouteStep(CaseStage.DPIA, now == CaseStage.DPIA, false));
            steps.add(new RouteStep(CaseStage.DPIA_REVIEW, now == CaseStage.DPIA_REVIEW, false));
            steps.add(new RouteStep(CaseStage.PRIOR_CONSULTATION, now == CaseStage.PRIOR_CONSULTATION, !route.priorConsultation()));
        }
        if (route.ethicsReview()) {
            steps.add(new RouteStep(CaseStage.IAMA, now == CaseStage.IAMA, false));
            steps.add(new RouteStep(CaseStage.ETHICS_REVIEW, now == CaseStage.ETHICS_REVIEW, false));
        }
        steps.add(new RouteStep(CaseStage.PUBLICATION_REVIEW, now == CaseStage.PUBLICATION_REVIEW, false));
        steps.add(new RouteStep(CaseStage.PUBLISHED, false, false));
        return steps;
    }

    @GetMapping("/{id}")
    String show(StaffUser user, @PathVariable String id, Model model, Locale locale) {
        return page(user, cases.read(user, id), null, TaskInput.EMPTY, FormProblems.none(), model, locale);
    }

    /**
     * The case page again, answered 400, after a form on it that another module handles was refused (the obligations'
     * measure form, the ethics vote, the retirement and re-review forms): that module has put the form's input and
     * problems in the model, so nothing typed is lost. A command, called directly.
     */
    public String shownAfterRefusal(StaffUser user, String id, Model model, Locale locale, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("pageUrl", "/staff/cases/" + id);
        return show(user, id, model, locale);
    }

    @PostMapping("/{id}/tasks/{taskId}")
    String completeTask(StaffUser user, @PathVariable String id, @PathVariable String taskId,
            @RequestParam MultiValueMap<String, String> form, Model model, Locale locale, RedirectAttributes redirect,
            HttpServletResponse response) {
        TaskInput input = input(form);
        try {
            Map<String, Object> answers = input.posted()
                    .map(typed -> typed.forCompletion(() -> cases.read(user, id).getId()))
                    .orElse(Map.of());
            if (DRAFT.equals(form.getFirst("action"))) {
                taskDrafts.save(user, taskId, answers, input.rationale(), form.getFirst("draftVersion"));
                redirect.addFlashAttribute("flash", "flash.draftSaved");
                return "redirect:/staff/cases/" + cases.read(user, id).getId();
            }
            // committed here; a release's publication then runs on this thread, as for the API, so the page the
            // publisher is sent to already shows the case published (a failed run is left to the job executor)
            ReviewProcess.Completion done = reviewProcess.completeClaimingPublication(user, taskId,
                    new TaskCompletion(input.outcome(), input.rationale(), answers, form.getFirst("draftVersion")));
            reviewProcess.publishClaimed(done);
            redirect.addFlashAttribute("flash", "flash.taskCompleted");
            return "redirect:/staff/cases/" + done.task().caseId();
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("pageUrl", "/staff/cases/" + id);
            return page(user, cases.read(user, id), taskId, input, FormProblems.of(e, locale), model, locale);
        } catch (ApprovalBlocked e) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("pageUrl", "/staff/cases/" + id);
            String message = messages.getMessage(e.messageKey(), e.arguments().toArray(), locale);
            model.addAttribute("approvalBlocked", true);
            return page(user, cases.read(user, id), taskId, input,
                    FormProblems.of(List.of(new FieldProblem("outcome", message)), message), model, locale);
        } catch (TaskDrafts.DraftChangedMeanwhile e) {
            // someone else saved the draft since this person opened it: their input comes back in the form, with who
            // saved, and the form now names that draft, so saving again replaces it knowingly
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("pageUrl", "/staff/cases/" + id);
            AlgorithmCase c = cases.read(user, id);
            model.addAttribute("draftConflict", draftConflict(user, c, taskId, e, locale));
            return page(user, c, taskId, input, FormProblems.none(), model, locale);
        } catch (ConflictException e) {
            // the task moved on (completed by someone else, or by this person in another window) while the page was
            // open: nothing was saved, so what was typed is shown again to copy (outside tester: it was lost)
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("pageUrl", "/staff/cases/" + id);
            AlgorithmCase c = cases.read(user, id);
            boolean stillOpen = c.getProcessInstanceId() != null
                    && reviewTasks.openTasks(user, c.getId()).stream().anyMatch(t -> t.id().equals(taskId));
            if (stillOpen) {
                // the task is still there (two requests met at one moment): the form keeps what was typed
                model.addAttribute("notSaved", new NotSaved(e.detail(locale), null, null));
                return page(user, c, taskId, input, FormProblems.none(), model, locale);
            }
            model.addAttribute("notSaved", new NotSaved(e.detail(locale), input.rationale(),
                    input.posted().map(typed -> typed.questions(c.getId(), "not-saved-", FormProblems.none(), locale)).orElse(null)));
            return page(user, c, null, TaskInput.EMPTY, FormProblems.none(), model, locale);
        }
    }

    /**
     * A draft save or a completion refused because {@code savedBy} saved the task's draft after the page was opened
     * ({@code bySelf}: the person themselves, in another window).
     */
    record DraftConflict(String taskId, String savedBy, boolean bySelf, TaskQuestionnaire.Questions theirs, String theirNote) {
    }

    /**
     * The refusal with the draft saved meanwhile, shown beside the form (outside the form, so it is not sent): the other
     * person's answers appeared nowhere, and saving again replaced them unseen (outside tester).
     */
    private DraftConflict draftConflict(StaffUser user, AlgorithmCase c, String taskId, TaskDrafts.DraftChangedMeanwhile refused,
            Locale locale) {
        Optional<TaskDrafts.SavedDraft> saved = taskDrafts.saved(user, taskId);
        Optional<TaskQuestionnaire> questionnaire = reviewTasks.openTasks(user, c.getId()).stream()
                .filter(t -> t.id().equals(taskId) && t.assessment() != null)
                .findFirst()
                .flatMap(t -> questionnaire(t.assessment()));
        TaskQuestionnaire.Questions theirs = saved.flatMap(draft -> questionnaire.map(q -> TaskInput.saved(q, draft.answers(), draft.note())
                .answersTo(q).questions(c.getId(), "their-draft-", FormProblems.none(), locale))).orElse(null);
        return new DraftConflict(taskId, refused.savedBy(), refused.bySelf(), theirs, saved.map(TaskDrafts.SavedDraft::note).orElse(""));
    }

    /**
     * What a person typed into a task that moved on before it was sent: why, the note or rationale, and the
     * questionnaire's answers (null without one), shown to copy; none of it is sent again.
     */
    record NotSaved(String reason, String rationale, TaskQuestionnaire.Questions questions) {
    }

    /**
     * What the answers typed so far conclude, for the task form's script while the person types: the "result so far"
     * part of the page alone. Nothing is saved or recorded; only who may complete the questionnaire task asks.
     */
    @PostMapping("/{id}/tasks/{taskId}/result-so-far")
    String resultSoFar(StaffUser user, @PathVariable String id, @PathVariable String taskId,
            @RequestParam MultiValueMap<String, String> form, Model model, Locale locale) {
        AlgorithmCase c = cases.read(user, id);
        ReviewTask task = (c.getProcessInstanceId() == null ? List.<ReviewTask>of() : reviewTasks.openTasks(user, c.getId())).stream()
                .filter(t -> t.id().equals(taskId)).findFirst()
                .orElseThrow(() -> new NotFoundException("There is no open task '" + taskId + "' of this case that you can see."));
        if (task.assessment() == null || !reviewTasks.canComplete(user, task, c.getSubmittedBy())) {
            throw new ForbiddenException("Only who may answer this questionnaire sees its result so far.");
        }
        TaskInput input = input(form);
        TaskQuestionnaire.ResultSoFar result = questionnaire(task.assessment())
                .map(q -> q.resultSoFar(task.caseId(), input.answersTo(q).forCompletion(task::caseId), locale))
                .orElse(TaskQuestionnaire.ResultSoFar.NONE);
        model.addAttribute("soFarTaskId", task.id());
        model.addAttribute("soFarLive", true);
        model.addAttribute("soFarResidual", result.residualDifference());
        model.addAttribute("soFarResults", result.results());
        return "cases/resultsofar :: results";
    }

    /** The answers last sent in for this questionnaire on the case (its last recorded assessment), as a draft holds them. */
    private Optional<Map<String, Object>> lastAnswers(String caseId, String assessment) {
        return screenings.latest(caseId, assessment).map(record -> {
            try {
                return ANSWERS_JSON.readValue(record.getAnswers(), new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
            } catch (java.io.IOException e) {
                throw new IllegalStateException("The recorded answers of case " + caseId + " are not JSON", e);
            }
        });
    }

    /** The questionnaire a task asks for, by its {@code assessment}; empty for a task that asks none. */
    private Optional<TaskQuestionnaire> questionnaire(String assessment) {
        return questionnaires.stream().filter(q -> q.assessment().equals(assessment)).findFirst();
    }

    /** The supervisor's written advice after prior consultation, recorded by a privacy officer of the case's organisation. */
    @PostMapping("/{id}/supervisor-advice")
    String recordSupervisorAdvice(StaffUser user, @PathVariable String id, @RequestParam(required = false) String advice, Model model,
            Locale locale, RedirectAttributes redirect, HttpServletResponse response) {
        AlgorithmCase c = cases.read(user, id);
        try {
            supervisorAdvice.record(user, c.getId(), advice);
            redirect.addFlashAttribute("flash", "flash.supervisorAdviceRecorded");
            return "redirect:/staff/cases/" + c.getId();
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("pageUrl", "/staff/cases/" + id);
            FormProblems problems = FormProblems.of(e, locale);
            model.addAttribute("adviceInput", new AdviceView(true, false, advice == null ? "" : advice, problems, adviceSummary(problems, locale)));
            return page(user, c, null, TaskInput.EMPTY, FormProblems.none(), model, locale);
        }
    }

    /**
     * Why the case closed, in the reader's language where the route table gave the reason (written in both languages in
     * one text: {@link RouteReasons}); a reviewer's rationale or an assessment's reason as written.
     */
    private String closingReason(AlgorithmCase c, Locale locale) {
        String reason = c.getClosingReason();
        if (reason == null || c.getStage() != CaseStage.STOPPED || c.getProcessInstanceId() == null) {
            return reason;
        }
        return reviewTasks.routeReasonOf(c.getProcessInstanceId()).filter(reason::equals)
                .map(routeReason -> RouteReasons.inLanguage(routeReason, locale)).orElse(reason);
    }

    private String page(StaffUser user, AlgorithmCase c, String taskWithInput, TaskInput input, FormProblems problems, Model model,
            Locale locale) {
        boolean owner = user.has(Role.PROJECT_OWNER);
        model.addAttribute("caseView", new CaseView(c.getId(), c.getName(), organisationNames.of(c.getOrganisationCode()),
                c.getStage(), c.getCreatedBy(), c.getSubmittedBy(), closingReason(c, locale), c.getCreatedAt(), c.getUpdatedAt(),
                c.getInternalNotes(), owner && c.getStage().editableByOwner(),
                owner && (c.getStage() == CaseStage.DRAFT || c.getStage() == CaseStage.CHANGE)));
        model.addAttribute("fields", display.show(c.getRegisterFields(), locale));
        model.addAttribute("decisions", cases.decisions(user, c.getId()));
        List<ReviewTask> open = c.getProcessInstanceId() == null
                ? List.of()
                : reviewTasks.openTasks(user, c.getId());
        List<CaseDecision> decisions = cases.decisions(user, c.getId());
        List<TaskView> taskViews = open.stream().map(t -> {
            boolean withInput = t.id().equals(taskWithInput);
            String prefix = "task-" + t.id() + "-";
            FormProblems taskProblems = withInput ? problems : FormProblems.none();
            boolean canComplete = reviewTasks.canComplete(user, t, c.getSubmittedBy());
            // the draft as saved now: shown unless the form comes back with what was typed, and its version in the form
            // either way, so a save names the draft it replaces
            TaskDrafts.SavedDraft savedDraft = canComplete && t.assessment() != null
                    ? taskDrafts.saved(user, t.id()).orElse(null)
                    : null;
            Map<String, Object> draft = savedDraft == null || withInput ? null : savedDraft.answers();
            // a questionnaire sent back opens with what was sent in before, unless a newer draft exists (it was saved
            // after the send-back, since the task is new): the owner changes what the reviewer asked, not starts over
            CaseDecision sentBack = t.assessment() != null ? Cases.sentBack(t.created(), decisions).orElse(null) : null;
            // a change of a published entry opens the same way with the answers of the review before it: the owner
            // changes what the change changes, where every questionnaire started empty (outside tester)
            boolean changeRound = c.getPublishedVersions() > 0;
            Map<String, Object> lastAnswers = !withInput && draft == null && (sentBack != null || changeRound) && canComplete
                    ? lastAnswers(c.getId(), t.assessment()).orElse(null)
                    : null;
            Optional<TaskQuestionnaire> questionnaire = t.assessment() == null ? Optional.empty() : questionnaire(t.assessment());
            Map<String, Object> saved = draft != null ? draft : lastAnswers;
            TaskInput taskInput = withInput ? input
                    : saved != null ? questionnaire.map(q -> TaskInput.saved(q, saved, draft == null ? "" : savedDraft.note()))
                            .orElse(TaskInput.EMPTY) : TaskInput.EMPTY;
            TaskQuestionnaire.Questions questions = canComplete
                    ? questionnaire.map(q -> taskInput.answersTo(q).questions(t.caseId(), prefix, taskProblems, locale)).orElse(null)
                    : null;
            TaskQuestionnaire.ResultSoFar draftSoFar = draft == null
                    ? TaskQuestionnaire.ResultSoFar.NONE
                    : questionnaire.map(q -> q.resultSoFar(t.caseId(), draft, locale)).orElse(TaskQuestionnaire.ResultSoFar.NONE);
            return new TaskView(t, canComplete, prefix, taskInput, taskProblems, summary(t, prefix, taskProblems, questions, locale),
                    questions, draft != null, draftSoFar.results(), draftSoFar.residualDifference(), sentBack, lastAnswers != null,
                    savedDraft == null ? "" : savedDraft.version(),
                    savedDraft == null || user.id().equals(savedDraft.savedBy()) ? null : savedDraft.savedBy(),
                    canComplete ? null : reviewTasks.whyNotYou(user, t, c.getSubmittedBy()).map(reason -> reason.in(locale)).orElse(null),
                    lastAnswers != null && sentBack == null);
        }).toList();
        model.addAttribute("tasks", taskViews);
        if (c.getStage() == CaseStage.PRIOR_CONSULTATION && open.isEmpty() && !model.containsAttribute("adviceInput")) {
            boolean ownWork = supervisorAdvice.barredByFourEyes(user, c.getId());
            model.addAttribute("adviceInput", new AdviceView(user.has(Role.PRIVACY_OFFICER) && !ownWork, ownWork, "", FormProblems.none(),
                    List.of()));
        }
        ReviewTasks.RouteAhead route = c.getProcessInstanceId() == null || c.getStage().closed()
                ? null
                : reviewTasks.routeAhead(user, c.getId()).orElse(null);
        model.addAttribute("publishing", route != null && route.publishing());
        model.addAttribute("route", route != null && route.decided() && !route.publishing() ? routeSteps(route, c.getStage()) : null);
        sections.forEach(section -> section.addTo(user, c, model, locale));
        return "cases/case";
    }

    private TaskInput input(MultiValueMap<String, String> form) {
        String outcome = form.getFirst("outcome");
        String rationale = form.getFirst("rationale");
        Map<String, TaskQuestionnaire.Answers> answers = new LinkedHashMap<>();
        questionnaires.forEach(q -> answers.put(q.assessment(), q.read(form)));
        return new TaskInput(outcome == null || outcome.isBlank() ? null : outcome, rationale == null ? "" : rationale, answers);
    }

    private List<FormProblems.SummaryItem> summary(ReviewTask task, String prefix, FormProblems problems,
            TaskQuestionnaire.Questions questions, Locale locale) {
        List<FormProblems.SummaryItem> items = new ArrayList<>();
        problems.byKey().forEach((key, list) -> {
            Optional<FormProblems.SummaryItem> aboutAnswers = questions == null ? Optional.empty() : questions.summaryItem(key, list);
            if (aboutAnswers.isPresent()) {
                items.add(aboutAnswers.get());
                return;
            }
            boolean onPage = "outcome".equals(key) && task.isReview() || "rationale".equals(key);
            items.add(new FormProblems.SummaryItem(onPage ? "#" + FormProblems.inputId(prefix, key) : null, label(task, key, locale),
                    String.join(" ", list)));
        });
        return items;
    }

    private List<FormProblems.SummaryItem> adviceSummary(FormProblems problems, Locale locale) {
        List<FormProblems.SummaryItem> items = new ArrayList<>();
        problems.byKey().forEach((key, list) -> items.add("advice".equals(key)
                ? new FormProblems.SummaryItem("#" + FormProblems.inputId(ADVICE_PREFIX, key),
                        messages.getMessage("advice.label", null, locale), String.join(" ", list))
                : new FormProblems.SummaryItem(null, key, String.join(" ", list))));
        return items;
    }

    private String label(ReviewTask task, String key, Locale locale) {
        if ("outcome".equals(key)) {
            return messages.getMessage("task.outcome.legend", null, locale);
        }
        if ("rationale".equals(key)) {
            return messages.getMessage(task.isReview() ? "task.rationale.label" : "task.note.label", null, locale);
        }
        return key;
    }
}
