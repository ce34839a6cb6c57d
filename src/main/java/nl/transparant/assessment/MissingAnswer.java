package nl.transparant.assessment;

import java.util.List;

/**
 * A question marked {@code required_status: true} that is visible for the given answers and has no answer. A hidden
 * question (one whose dependency does not allow it) is never missing.
 *
 * @param taskId the question, or a required repeatable group without any instance
 * @param within the repeatable group instances the question sits in, outermost first; empty at the top
 */
public record MissingAnswer(String taskId, List<Instance> within) {

    public MissingAnswer {
        within = List.copyOf(within);
    }

    /** The {@code index}-th instance (from 0) of repeatable group {@code groupId}. */
    public record Instance(String groupId, int index) {
    }
}
