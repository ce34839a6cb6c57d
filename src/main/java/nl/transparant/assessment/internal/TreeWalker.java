package nl.transparant.assessment.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.transparant.assessment.DecisionPath;
import nl.transparant.assessment.DecisionPath.Status;
import nl.transparant.assessment.DecisionPath.Step;
import nl.transparant.assessment.DecisionTree;
import nl.transparant.assessment.DecisionTree.Answer;
import nl.transparant.assessment.DecisionTree.Question;
import nl.transparant.assessment.DecisionTree.Redirect;
import nl.transparant.assessment.jexl.EvaluationContext;
import nl.transparant.assessment.jexl.ExpressionEvaluationException;
import nl.transparant.problems.InvalidInputException;

/**
 * Follows a decision tree from its first question with the answers chosen per question. After each answer its
 * labels are added, then its redirects are tried in order with {@code labels} bound to all labels collected so
 * far (this answer's included); the first that holds decides the next step, and without one the answer's own
 * {@code nextQuestionId} or {@code nextConclusionId} does. Answers to questions off the path are ignored.
 */
public final class TreeWalker {

    private TreeWalker() {
    }

    /** @throws InvalidInputException when an answer on the path is not one of its question's answers */
    public static DecisionPath walk(CompiledTree compiled, Map<String, String> chosen) {
        DecisionTree tree = compiled.tree();
        List<Step> steps = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        Question question = tree.questions().get(0);
        while (true) {
            if (!visited.add(question.questionId())) {
                return deadEnd(tree, steps, labels, "the answers lead back to question " + question.questionId());
            }
            String given = chosen.get(question.questionId());
            if (given == null) {
                return new DecisionPath(tree.id(), Status.AWAITING_ANSWER, steps, labels, null, question.questionId(), null);
            }
            Question asked = question;
            Answer answer = question.answer(given).orElseThrow(() -> InvalidInputException.of(
                    "problem.decisionTree.notAnAnswer", java.util.List.of(), given, asked.questionId(),
                    String.join(" | ", asked.answers().stream().map(Answer::answer).toList())));
            labels.addAll(answer.labels());
            steps.add(new Step(question.questionId(), question.question(), answer.answer(), answer.labels()));
            String nextQuestionId = answer.nextQuestionId();
            String nextConclusionId = answer.nextConclusionId();
            for (Redirect redirect : answer.redirects()) {
                try {
                    if (compiled.condition(redirect).holds(EvaluationContext.of(Map.of("labels", labels)))) {
                        nextQuestionId = redirect.nextQuestionId();
                        nextConclusionId = redirect.nextConclusionId();
                        break;
                    }
                } catch (ExpressionEvaluationException e) {
                    return deadEnd(tree, steps, labels, "a redirect of question " + question.questionId() + " failed: " + e.getMessage());
                }
            }
            if (nextConclusionId != null) {
                return new DecisionPath(tree.id(), Status.CONCLUDED, steps, labels,
                        tree.conclusion(nextConclusionId).orElseThrow(), null, null);
            }
            if (nextQuestionId == null) {
                return deadEnd(tree, steps, labels, "no redirect of answer '" + answer.answer() + "' to question "
                        + question.questionId() + " holds for the labels " + labels);
            }
            question = tree.question(nextQuestionId).orElseThrow();
        }
    }

    private static DecisionPath deadEnd(DecisionTree tree, List<Step> steps, List<String> labels, String problem) {
        return new DecisionPath(tree.id(), Status.DEAD_END, steps, labels, null, null, problem);
    }
}
