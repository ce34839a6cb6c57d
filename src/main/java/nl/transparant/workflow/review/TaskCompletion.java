package nl.transparant.workflow.review;

import java.util.Map;

/**
 * What a person sends to complete a task: an outcome (for reviews), a written rationale, and answers; and the version of
 * the task's saved draft the person last saw ({@code draftVersion}, "" for none; null: not checked), so answers sent from
 * an old page do not replace a colleague's newer draft unseen.
 */
public record TaskCompletion(String outcome, String rationale, Map<String, Object> answers, String draftVersion) {

    public TaskCompletion {
        answers = answers == null ? Map.of() : answers;
    }

    public TaskCompletion(String outcome, String rationale, Map<String, Object> answers) {
        this(outcome, rationale, answers, null);
    }
}
