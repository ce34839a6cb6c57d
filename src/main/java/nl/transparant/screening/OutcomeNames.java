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

    /** Refuses a task whose definition lacks an assessment the task computes its outcome from, before any answer is checked. */
    static void require(AssessmentDefinition definition, String... assessmentIds) {
        for (String assessmentId : assessmentIds) {
            if (definition.assessments().stream().noneMatch(a -> a.id().equals(assessmentId))) {
                throw new nl.transparant.problems.ConflictException("The definition " + definition.urn() + " " + definition.version()
                        + " in service has no assessment '" + assessmentId + "', which this task needs: the screening binding "
                        + "(policies/bindings/) must name a definition that has it.");
            }
        }
    }

    /** The product's name for the level an assessment reached, e.g. "required", "hoog" or "not_required". */
    static String of(AssessmentDefinition definition, String assessmentId, AssessmentOutcome outcome) {
        AssessmentDefinition.Assessment assessment = definition.assessments().stream()
                .filter(a -> a.id().equals(assessmentId))
                .findFirst()
                // A definition the binding names may lack what this task computes (the government's DPIA and IAMA have no
                // assessments): the task stops visibly for the policy owners instead of failing inside.
                .orElseThrow(() -> new nl.transparant.problems.ConflictException("The definition " + definition.urn() + " "
                        + definition.version() + " in service has no assessment '" + assessmentId + "', which this task needs: "
                        + "the screening binding (policies/bindings/) must name a definition that has it."));
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
