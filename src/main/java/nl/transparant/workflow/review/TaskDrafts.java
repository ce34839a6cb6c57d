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

    TaskDrafts(ReviewProcess review, TaskService taskService, EngineSession session, ReviewTurns turns,
            ApplicationEventPublisher events) {
        this.review = review;
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
        String kept = note == null ? "" : note.strip();
        if (kept.length() > ReviewProcess.MAX_RATIONALE) {
            throw InvalidInputException.of("problem.task.draftInvalid",
                    List.of(FieldProblem.of("rationale", "problem.text.tooLong", ReviewProcess.MAX_RATIONALE)));
        }
        if (PlainText.containsMarkup(kept)) {
            throw InvalidInputException.of("problem.task.draftInvalid", List.of(FieldProblem.of("rationale", "problem.text.markup")));
        }
        session.run(user, () -> {
            // the id, the task and the person's role first (404, 403, 409), before anything waits; then the turn (a draft is
            // work: not while a completion checks who did what), and the task read again after it, so a task completed
            // meanwhile is a conflict (409), not a failure
            review.draftableTask(user, taskId);
            turns.takeForTask(taskId);
            ReviewTask view = review.draftableTask(user, taskId);
            Map<String, Object> draft = answers == null ? Map.of() : answers;
            if (expectedVersion != null) {
                SavedDraft current = read(taskId).orElse(null);
                String currentVersion = current == null ? "" : current.version();
                if (!currentVersion.equals(expectedVersion)) {
                    throw new DraftChangedMeanwhile(current == null ? null : current.savedBy());
                }
            }
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
     * Someone saved the task's draft after the person last saw it: nothing of theirs is saved (409). {@code savedBy} is
     * who did, when known.
     */
    public static class DraftChangedMeanwhile extends nl.transparant.problems.ConflictException {

        private final String savedBy;

        DraftChangedMeanwhile(String savedBy) {
            super(nl.transparant.problems.ProblemTexts.text("problem.task.draftChangedMeanwhile", List.of(), nl.transparant.problems.ProblemTexts.DUTCH));
            this.savedBy = savedBy;
        }

        public String savedBy() {
            return savedBy;
        }

        @Override
        public String detail(java.util.Locale language) {
            return nl.transparant.problems.ProblemTexts.text("problem.task.draftChangedMeanwhile", List.of(), language);
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
                    savedBy instanceof String person ? person : null, version(bytes, text, savedBy)));
        } catch (IOException e) {
            throw new IllegalStateException("The draft of task " + taskId + " is unreadable", e);
        }
    }

    /** What a draft's version is made of: its answers, its note and who saved it, so any later save gives another. */
    private static String version(byte[] answers, String note, Object savedBy) {
        byte[] noteBytes = (note + "\u0000" + savedBy).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] all = java.util.Arrays.copyOf(answers, answers.length + 1 + noteBytes.length);
        System.arraycopy(noteBytes, 0, all, answers.length + 1, noteBytes.length);
        return sha256(all).substring(0, 16);
    }
}
