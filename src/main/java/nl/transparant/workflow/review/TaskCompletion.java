package nl.transparant.workflow.review;

import java.util.Map;

/** What a person sends to complete a task: an outcome (for reviews), a written rationale, and answers. */
public record TaskCompletion(String outcome, String rationale, Map<String, Object> answers) {

    public TaskCompletion {
        answers = answers == null ? Map.of() : answers;
    }
}
