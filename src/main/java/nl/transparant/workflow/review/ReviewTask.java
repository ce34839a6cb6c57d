package nl.transparant.workflow.review;

import java.time.Instant;
import java.util.List;

/**
 * An open user task of a case's review, with what its BPMN element says about it: the role it is for,
 * the outcomes a reviewer can choose, the answers it needs, and the questionnaire ({@code assessment}) whose
 * answers give them; and who it was handed to ({@code assignee}, through the engine's REST API), null while it is open to
 * the role. A review's rationale is always required; another task's note only where its element says {@code note=required}.
 */
public record ReviewTask(
        String id,
        String name,
        String activityId,
        String caseId,
        String organisation,
        String role,
        Instant created,
        List<String> outcomes,
        List<String> requiredAnswers,
        String assessment,
        boolean decidedByVote,
        String documentation,
        String assignee,
        boolean noteRequired) {

    public static final String SUBMIT = "submit";

    /** A review task ends in a decision; the owner's own tasks are simply handed back. */
    public boolean isReview() {
        return !outcomes.isEmpty();
    }

    /** Whether the task cannot be completed without a rationale (a review) or a note (its element says so). */
    public boolean needsRationale() {
        return isReview() || noteRequired;
    }
}
