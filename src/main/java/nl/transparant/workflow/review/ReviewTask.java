package nl.transparant.workflow.review;

import java.time.Instant;
import java.util.List;

/**
 * An open user task of a case's review, with what its BPMN element says about it: the role it is for,
 * the outcomes a reviewer can choose, the answers it needs, and the questionnaire ({@code assessment}) whose
 * answers give them; and who it was handed to ({@code assignee}, through the engine's REST API), null while it is open to
 * the role.
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
        String assignee) {

    public static final String SUBMIT = "submit";

    /** A review task ends in a decision; the owner's own tasks are simply handed back. */
    public boolean isReview() {
        return !outcomes.isEmpty();
    }
}
