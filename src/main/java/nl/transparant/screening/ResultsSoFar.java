package nl.transparant.screening;

import java.util.LinkedHashMap;
import java.util.Map;
import nl.transparant.assessment.AssessmentOutcome;

/**
 * The result so far of a questionnaire's answers as the API shows it: per assessment the level reached (null when none
 * is yet) with its result text, the criteria that fired with their explanations, and the scores. Nothing here is
 * recorded; the outcome that counts is the one recorded when the task is completed.
 */
final class ResultsSoFar {

    private ResultsSoFar() {
    }

    static Map<String, Object> of(AssessmentOutcome outcome) {
        Map<String, Object> levels = new LinkedHashMap<>();
        Map<String, Object> results = new LinkedHashMap<>();
        Map<String, Object> criteria = new LinkedHashMap<>();
        outcome.verdicts().forEach(verdict -> {
            levels.put(verdict.assessmentId(), verdict.level());
            results.put(verdict.assessmentId(), verdict.result());
            criteria.put(verdict.assessmentId(), verdict.criteria());
        });
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("definition", outcome.definition().toString());
        result.put("recorded", false);
        result.put("levels", levels);
        result.put("results", results);
        result.put("criteria", criteria);
        result.put("scores", outcome.scores());
        return result;
    }
}
