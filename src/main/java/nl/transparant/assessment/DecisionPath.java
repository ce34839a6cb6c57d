package nl.transparant.assessment;

import java.util.List;

/**
 * A walk through a decision tree with the answers given so far.
 *
 * @param steps          the questions on the path with the answer chosen for each
 * @param labels         the labels collected along the path, in order
 * @param conclusion     where the path ended; null unless {@link Status#CONCLUDED}
 * @param nextQuestionId the question to answer next; null unless {@link Status#AWAITING_ANSWER}
 * @param problem        why the path cannot go on; null unless {@link Status#DEAD_END}
 */
public record DecisionPath(DecisionTreeId tree, Status status, List<Step> steps, List<String> labels,
        DecisionTree.Conclusion conclusion, String nextQuestionId, String problem) {

    public DecisionPath {
        steps = List.copyOf(steps);
        labels = List.copyOf(labels);
    }

    public enum Status {
        CONCLUDED,
        AWAITING_ANSWER,
        /** The tree has no way on for these answers (no redirect holds, a redirect failed, or it loops): a policy defect. */
        DEAD_END
    }

    /** @param labelsAdded the labels of the chosen answer */
    public record Step(String questionId, String question, String answer, List<String> labelsAdded) {

        public Step {
            labelsAdded = List.copyOf(labelsAdded);
        }
    }
}
