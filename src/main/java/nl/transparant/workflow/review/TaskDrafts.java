package nl.transparant.workflow.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.transparant.identity.StaffUser;
import nl.transparant.problems.FieldProblem;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.problems.PlainText;
import nl.transparant.workflow.EngineSession;
import nl.transparant.workflow.ProcessVariables;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The answers of an open questionnaire task (pre-scan, DPIA, IAMA) before it is completed: a saved draft, and what the
 * answers conclude so far. Nothing here moves the process; the draft is a local variable of the task, so the engine's
 * history knows who saved one (which four eyes counts as work on the case), and the decision log records each save
 * ({@link ReviewEvents.TaskDraftSaved}).
 */
@Service
public class TaskDrafts {

    private static final ObjectMapper DRAFT_JSON = new ObjectMapper();

    private final ReviewProcess review;
    private final TaskService taskService;
    private final EngineSession session;
    private final ReviewTurns turns;
    private final ApplicationEventPublisher events;
    private final nl.transparant.identity.PeopleNames people;

    TaskDrafts(ReviewProcess review, TaskService taskService, EngineSession session, ReviewTurns turns,
            ApplicationEventPublisher events, nl.transparant.identity.PeopleNames people) {
        this.review = review;
        this.people = people;
        this.events = events;
        this.turns = turns;
        this.taskService = taskService;
        this.session = session;
    }

    /**
     * Saves the answers of a questionnaire task without completing it, so the owner can finish later: the answers must
     * be the questionnaire's (names, options, plain text), but required questions may be empty. A later save replaces
     * it; completing the task ends it.
     */
    @Transactional
    public void save(StaffUser user, String taskId, Map<String, Object> answers) {
        save(user, taskId, answers, null);
    }

    /**
     * As above, with the note or rationale typed so far beside the answers ({@code note}; blank for none): "Tussentijds
     * opslaan" kept the answers but dropped the text in the same form (outside tester). Checked as a completion checks
     * it: plain text of at most {@link ReviewProcess#MAX_RATIONALE} characters.
     */
    @Transactional
    public void save(StaffUser user, String taskId, Map<String, Object> answers, String note) {
        save(user, taskId, answers, note, null);
    }

    /**
     * As above, only over the draft this person last saw ({@code expectedVersion}, as {@link SavedDraft#version()} gave
     * it; "" for none yet): when someone else saved the task's draft since, nothing is saved and the caller is told
     * who (409), so two owners of one organisation filling in the same DPIA no longer overwrite each other unseen
     * (outside tester). Null saves whatever is there.
     */
    @Transactional
    public void save(StaffUser user, String taskId, Map<String, Object> answers, String note, String expectedVersion) {
        String kept = note == null ? "" : note.replace("\r\n", "\n").strip();
        if (kept.length() > ReviewProcess.MAX_RATIONALE) {
            throw InvalidInputException.of("problem.task.draftInvalid",
                    List.of(FieldProblem.of("rationale", "problem.text.tooLong", ReviewProcess.MAX_RATIONALE)));
        }
        if (PlainText.containsMarkup(kept)) {
            throw InvalidInputException.of("problem.task.draftInvalid", List.of(FieldProblem.of("rationale", "problem.text.markup")));
        }
        if (PlainText.characterProblem(kept) != null) {
            throw InvalidInputException.of("problem.task.draftInvalid", List.of(FieldProblem.of("rationale", PlainText.characterProblem(kept))));
        }
        session.run(user, () -> {
            // the id, the task and the person's role first (404, 403, 409), before anything waits; then the turn (a draft is
            // work: not while a completion checks who did what), and the task read again after it, so a task completed
            // meanwhile is a conflict (409), not a failure
            review.draftableTask(user, taskId);
            turns.takeForTask(taskId);
            ReviewTask view = review.draftableTask(user, taskId);
            Map<String, Object> draft = answers == null ? Map.of() : answers;
            requireVersion(name -> taskService.getVariableLocal(taskId, name), people, user, expectedVersion);
            review.assessmentOf(view).checkDraft(new TaskAssessment.Submission(view.caseId(), view.organisation(), view.activityId(), user,
                    draft));
            byte[] saved;
            try {
                saved = DRAFT_JSON.writeValueAsBytes(draft);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Cannot keep the draft answers", e);
            }
            taskService.setVariableLocal(taskId, ProcessVariables.DRAFT_ANSWERS, Variables.byteArrayValue(saved));
            taskService.setVariableLocal(taskId, ProcessVariables.DRAFT_SAVED_BY, user.id());
            // a new version at every save, even of the same answers by the same person: "the draft I last saw" means
            // that save, not that content (outside tester: a hash of the content came back after A, B, A)
            taskService.setVariableLocal(taskId, ProcessVariables.DRAFT_VERSION, java.util.UUID.randomUUID().toString());
            // bytes, not a text variable: the engine keeps at most 4,000 characters of text in a variable
            if (!kept.isEmpty()) {
                taskService.setVariableLocal(taskId, ProcessVariables.DRAFT_NOTE,
                        Variables.byteArrayValue(kept.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } else if (taskService.getVariableLocal(taskId, ProcessVariables.DRAFT_NOTE) != null) {
                taskService.removeVariableLocal(taskId, ProcessVariables.DRAFT_NOTE);
            }
            // a change to the case like any other: the decision log records it in this transaction (a fact, as an event)
            events.publishEvent(new ReviewEvents.TaskDraftSaved(view.caseId(), view.activityId(), view.name(), user.id(),
                    view.role(), sha256(saved), saved.length));
        });
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
    }

    /**
     * What these answers to an open questionnaire task conclude so far, for whoever may keep its draft; nothing is saved or
     * recorded and the task stays open.
     */
    @Transactional(readOnly = true)
    public Map<String, Object> resultSoFar(StaffUser user, String taskId, Map<String, Object> answers) {
        return session.as(user, () -> {
            ReviewTask view = review.draftableTask(user, taskId);
            return review.assessmentOf(view).resultSoFar(new TaskAssessment.Submission(view.caseId(), view.organisation(), view.activityId(),
                    user, answers == null ? Map.of() : answers));
        });
    }

    /**
     * A saved draft: the answers, and the note or rationale typed beside them ("" when none); who saved it last (null for
     * a draft saved before this was kept), and its version, which a save over it names ({@link #save(StaffUser, String,
     * Map, String, String)}).
     */
    public record SavedDraft(Map<String, Object> answers, String note, String savedBy, String version) {
    }

    /**
     * Refuses a save or a completion made on a draft other than the one saved now ({@code expectedVersion}, "" for none;
     * null checks nothing): someone saved the task's draft after this person last saw it. Inside the caller's engine
     * session and transaction; {@code localVariable} reads one of the task's own variables by name.
     */
    static void requireVersion(java.util.function.Function<String, Object> localVariable, nl.transparant.identity.PeopleNames people,
            StaffUser user, String expectedVersion) {
        if (expectedVersion == null) {
            // a client that names no version replaces only its own draft: a colleague's draft was replaced or dropped
            // unseen by a save or a completion through the API without one (the pages always name theirs)
            Object savedBy = localVariable.apply(ProcessVariables.DRAFT_SAVED_BY);
            if (savedBy instanceof String person && !person.equals(user.id())
                    && localVariable.apply(ProcessVariables.DRAFT_ANSWERS) != null) {
                throw new DraftChangedMeanwhile(person, people.name(person), true);
            }
            return;
        }
        String current = versionOf(localVariable);
        if (current.isEmpty() && !expectedVersion.isEmpty()) {
            // no draft at all: nobody saved one meanwhile, the version named is simply not one of this task's
            throw nl.transparant.problems.ConflictException.of("problem.task.draftVersionUnknown");
        }
        if (!current.equals(expectedVersion)) {
            Object savedBy = localVariable.apply(ProcessVariables.DRAFT_SAVED_BY);
            String who = savedBy instanceof String person ? person : null;
            throw new DraftChangedMeanwhile(who, who == null || user.id().equals(who) ? null : people.name(who));
        }
    }

    /** The version of the task's saved draft: "" when there is none, "1" for one saved before drafts had versions. */
    static String versionOf(java.util.function.Function<String, Object> localVariable) {
        Object version = localVariable.apply(ProcessVariables.DRAFT_VERSION);
        if (version instanceof String saved) {
            return saved;
        }
        return localVariable.apply(ProcessVariables.DRAFT_ANSWERS) == null ? "" : "1";
    }

    /**
     * Someone saved the task's draft after the person last saw it: nothing of theirs is saved or completed (409).
     * {@code savedBy} is who did (null when not known); the explanation names them, or says it was the person themselves
     * (another window).
     */
    public static class DraftChangedMeanwhile extends nl.transparant.problems.ConflictException {

        private final String savedBy;
        private final String savedByName;

        private final boolean versionNotNamed;

        DraftChangedMeanwhile(String savedBy, String savedByName) {
            this(savedBy, savedByName, false);
        }

        /** {@code versionNotNamed}: the request named no version at all, over a colleague's draft. */
        DraftChangedMeanwhile(String savedBy, String savedByName, boolean versionNotNamed) {
            super(nl.transparant.problems.ProblemTexts.text(key(savedBy, savedByName, versionNotNamed), nameOf(savedByName),
                    nl.transparant.problems.ProblemTexts.DUTCH));
            this.savedBy = savedBy;
            this.savedByName = savedByName;
            this.versionNotNamed = versionNotNamed;
        }

        private static String key(String savedBy, String savedByName, boolean versionNotNamed) {
            return versionNotNamed ? "problem.task.draftOfAnother"
                    : savedBy == null ? "problem.task.draftChangedMeanwhile"
                    : savedByName == null ? "problem.task.draftChangedMeanwhile.self" : "problem.task.draftChangedMeanwhile.by";
        }

        private static List<Object> nameOf(String savedByName) {
            return savedByName == null ? List.of() : List.of(savedByName);
        }

        /** Who saved the draft meanwhile; null when not known. */
        public String savedBy() {
            return savedBy;
        }

        /** Whether it was the person refused, in another window or tab. */
        public boolean bySelf() {
            return savedBy != null && savedByName == null;
        }

        @Override
        public String detail(java.util.Locale language) {
            return nl.transparant.problems.ProblemTexts.text(key(savedBy, savedByName, versionNotNamed), nameOf(savedByName), language);
        }
    }

    /** The draft saved on an open questionnaire task; empty when none was saved. */
    @Transactional(readOnly = true)
    public Optional<SavedDraft> saved(StaffUser user, String taskId) {
        return session.as(user, () -> {
            review.draftableTask(user, taskId);
            return read(taskId);
        });
    }

    private Optional<SavedDraft> read(String taskId) {
        Object saved = taskService.getVariableLocal(taskId, ProcessVariables.DRAFT_ANSWERS);
        if (!(saved instanceof byte[] bytes)) {
            return Optional.empty();
        }
        Object note = taskService.getVariableLocal(taskId, ProcessVariables.DRAFT_NOTE);
        Object savedBy = taskService.getVariableLocal(taskId, ProcessVariables.DRAFT_SAVED_BY);
        String text = note instanceof byte[] typed ? new String(typed, java.nio.charset.StandardCharsets.UTF_8) : "";
        try {
            return Optional.of(new SavedDraft(DRAFT_JSON.readValue(bytes, new TypeReference<Map<String, Object>>() { }), text,
                    savedBy instanceof String person ? person : null, versionOf(name -> taskService.getVariableLocal(taskId, name))));
        } catch (IOException e) {
            throw new IllegalStateException("The draft of task " + taskId + " is unreadable", e);
        }
    }
}
