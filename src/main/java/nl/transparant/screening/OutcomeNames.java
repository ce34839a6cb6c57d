package nl.transparant.screening;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import nl.transparant.assessment.AssessmentDefinition;
import nl.transparant.assessment.AssessmentOutcome;

/**
 * The schema allows only "required" and "recommended" as levels; the product's definitions name what a level
 * means in its {@code outcome} key, and what "no level" means in the assessment's {@code otherwise}.
 */
final class OutcomeNames {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OutcomeNames() {
    }

    /** The product's name for the level an assessment reached, e.g. "required", "hoog" or "not_required". */
    static String of(AssessmentDefinition definition, String assessmentId, AssessmentOutcome outcome) {
        AssessmentDefinition.Assessment assessment = definition.assessments().stream()
                .filter(a -> a.id().equals(assessmentId))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(definition.urn() + " has no assessment '" + assessmentId + "'"));
        String level = outcome.verdict(assessmentId).map(AssessmentOutcome.Verdict::level).orElse(null);
        if (level == null) {
            return assessment.extensions().get("otherwise") instanceof Map<?, ?> otherwise && otherwise.get("outcome") != null
                    ? String.valueOf(otherwise.get("outcome"))
                    : null;
        }
        return assessment.levels().stream()
                .filter(l -> l.level().equals(level))
                .findFirst()
                .map(l -> String.valueOf(l.extensions().getOrDefault("outcome", level)))
                .orElse(level);
    }

    /** Answers and outcomes are recorded as JSON documents. */
    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot record an assessment as JSON", e);
        }
    }
}
