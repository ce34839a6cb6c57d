package nl.transparant.assessment.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.transparant.assessment.AnswerSet;
import nl.transparant.assessment.AssessmentOutcome;
import nl.transparant.assessment.AssessmentOutcome.EvaluationProblem;
import nl.transparant.assessment.AssessmentOutcome.FiredCriterion;
import nl.transparant.assessment.AssessmentOutcome.Verdict;
import nl.transparant.assessment.internal.CompiledDefinition.CompiledAssessment;
import nl.transparant.assessment.internal.CompiledDefinition.CompiledCalculation;
import nl.transparant.assessment.internal.CompiledDefinition.CompiledCriterion;
import nl.transparant.assessment.internal.CompiledDefinition.CompiledLevel;
import nl.transparant.assessment.internal.CompiledDefinition.CompiledStep;
import nl.transparant.assessment.internal.CompiledDefinition.TaskNode;
import nl.transparant.assessment.jexl.EvaluationContext;
import nl.transparant.assessment.jexl.ExpressionEvaluationException;

/**
 * Applies a definition to an answer set the way the government's DPIA form tool does:
 * <ol>
 * <li>calculations run depth first in document order, whether or not their own task is visible (their
 * expressions read only the answers that count); a calculation's expression sees no variables, each
 * {@code riskScore} step sees the expression's value under {@code scoreKey}; the first step that holds sets
 * {@code scores.<scoreKey>}, and no step holding sets nothing;</li>
 * <li>each assessment tries its levels in order and the first that holds wins; a level with criteria first
 * evaluates them (with {@code scores}) and then its expression with {@code scores} and {@code criteria}, in which
 * only the criteria that held are defined (as true); a level without criteria sees {@code scores} only.</li>
 * </ol>
 * An expression that fails is reported, as the tool logs it: a failed calculation sets no score, a failed
 * criterion does not fire, a failed level expression leaves its assessment without a level.
 */
public final class DefinitionEvaluator {

    private DefinitionEvaluator() {
    }

    /** The required questions that count for these answers (visible ones) and have no answer. */
    public static List<nl.transparant.assessment.MissingAnswer> missingRequired(CompiledDefinition definition, AnswerSet answers) {
        return new AnswerResolver(definition, answers).missingRequired();
    }

    /** Like {@link #missingRequired}, but every visible question is required when the definition marks none. */
    public static List<nl.transparant.assessment.MissingAnswer> missingToComplete(CompiledDefinition definition, AnswerSet answers) {
        return new AnswerResolver(definition, answers).missingRequired(true);
    }

    public static AssessmentOutcome evaluate(CompiledDefinition definition, AnswerSet answers) {
        AnswerResolver resolver = new AnswerResolver(definition, answers);
        List<EvaluationProblem> problems = new ArrayList<>(resolver.misplacedAnswers());
        Map<String, Double> scores = new LinkedHashMap<>();
        for (TaskNode node : definition.tasksInOrder()) {
            if (node.calculation != null) {
                calculate(node, node.calculation, resolver, scores, problems);
            }
        }
        List<Verdict> verdicts = new ArrayList<>();
        for (CompiledAssessment assessment : definition.assessments()) {
            verdicts.add(verdict(assessment, resolver, scores, problems));
        }
        Map<String, Object> outputs = new LinkedHashMap<>();
        definition.outputs().forEach((name, expression) -> {
            try {
                outputs.put(name, expression.evaluate(context(Map.of("scores", scores), resolver)));
            } catch (ExpressionEvaluationException e) {
                problems.add(new EvaluationProblem("output " + name, e.getMessage()));
            }
        });
        return new AssessmentOutcome(definition.definition().id(), scores, verdicts, outputs, problems);
    }

    /** The answers of visible tasks only, as {@link AnswerResolver#countingAnswers()} keeps them. */
    public static AnswerSet answersThatCount(CompiledDefinition definition, AnswerSet answers) {
        return new AnswerResolver(definition, answers).countingAnswers();
    }

    private static void calculate(TaskNode node, CompiledCalculation calculation, AnswerResolver answers,
            Map<String, Double> scores, List<EvaluationProblem> problems) {
        try {
            Object value = calculation.expression().evaluate(context(Map.of(), answers));
            Map<String, Object> bound = new LinkedHashMap<>();
            if (calculation.scoreKey() != null) {
                bound.put(calculation.scoreKey(), value);
            }
            for (CompiledStep step : calculation.steps()) {
                if (step.when().holds(context(bound, answers))) {
                    scores.put(calculation.scoreKey(), step.value());
                    return;
                }
            }
        } catch (ExpressionEvaluationException e) {
            problems.add(new EvaluationProblem("task " + node.id() + ", calculation", e.getMessage()));
        }
    }

    private static Verdict verdict(CompiledAssessment assessment, AnswerResolver answers, Map<String, Double> scores,
            List<EvaluationProblem> problems) {
        String location = "assessment " + assessment.id();
        try {
            for (CompiledLevel level : assessment.levels()) {
                location = "assessment " + assessment.id() + ", level " + level.level().level();
                List<FiredCriterion> fired = new ArrayList<>();
                Map<String, Object> variables = new LinkedHashMap<>();
                variables.put("scores", scores);
                if (!level.criteria().isEmpty()) {
                    Map<String, Object> held = new LinkedHashMap<>();
                    for (CompiledCriterion criterion : level.criteria()) {
                        if (criterionHolds(criterion, location, answers, scores, problems)) {
                            fired.add(new FiredCriterion(criterion.criterion().id(), criterion.criterion().explanation()));
                            held.put(criterion.criterion().id(), true);
                        }
                    }
                    variables.put("criteria", held);
                }
                if (level.expression().holds(context(variables, answers))) {
                    return new Verdict(assessment.id(), level.level().level(), level.level().result(),
                            level.level().explanation(), fired);
                }
            }
        } catch (ExpressionEvaluationException e) {
            problems.add(new EvaluationProblem(location, e.getMessage()));
        }
        return new Verdict(assessment.id(), null, null, null, List.of());
    }

    private static boolean criterionHolds(CompiledCriterion criterion, String level, AnswerResolver answers,
            Map<String, Double> scores, List<EvaluationProblem> problems) {
        try {
            return criterion.expression().holds(context(Map.of("scores", scores), answers));
        } catch (ExpressionEvaluationException e) {
            problems.add(new EvaluationProblem(level + ", criterion " + criterion.criterion().id(), e.getMessage()));
            return false;
        }
    }

    private static EvaluationContext context(Map<String, ?> variables, AnswerResolver answers) {
        return EvaluationContext.of(variables).with(AnswerLookup.class, answers);
    }
}
