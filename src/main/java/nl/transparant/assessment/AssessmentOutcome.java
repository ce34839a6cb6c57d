package nl.transparant.assessment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an assessment definition concludes from an answer set: for every assessment the level reached (or
 * none), the criteria that fired with their explanations, and the scores of the calculations.
 *
 * @param definition which definition (URN, version, content hash) produced this outcome
 * @param scores     {@code scores.<scoreKey>} as set by the calculations, in the order they were set
 * @param verdicts   one per assessment of the definition, in the definition's order
 * @param outputs    the values of the definition's {@code outputs} extension, when it has one
 * @param problems   expressions that failed while evaluating (as jexl would throw); each is named, none is
 *                   silently read as false. An assessment whose level expression failed reaches no level.
 */
public record AssessmentOutcome(DefinitionId definition, Map<String, Double> scores, List<Verdict> verdicts,
        Map<String, Object> outputs, List<EvaluationProblem> problems) {

    public AssessmentOutcome {
        scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        verdicts = List.copyOf(verdicts);
        problems = List.copyOf(problems);
    }

    public Optional<Verdict> verdict(String assessmentId) {
        return verdicts.stream().filter(verdict -> verdict.assessmentId().equals(assessmentId)).findFirst();
    }

    /**
     * @param level       the first level whose expression held, e.g. "required"; null when none did
     * @param result      that level's result text; null when no level was reached
     * @param explanation that level's general explanation, if it has one
     * @param criteria    the criteria of that level that held, in the definition's order
     */
    public record Verdict(String assessmentId, String level, String result, String explanation,
            List<FiredCriterion> criteria) {

        public Verdict {
            criteria = List.copyOf(criteria);
        }

        public boolean levelReached() {
            return level != null;
        }
    }

    public record FiredCriterion(String id, String explanation) {
    }

    /** @param location e.g. "task 1.2.2, calculation" or "assessment DPIA, level required, criterion riskscore" */
    public record EvaluationProblem(String location, String message) {
    }
}
