package nl.transparant.workflow.livingentry;

/**
 * Events of the processes that keep a published entry alive ({@code processes/entry-retirement.bpmn} and
 * {@code processes/entry-re-review.bpmn}), published inside the engine's transaction.
 */
public final class LivingEntryEvents {

    private LivingEntryEvents() {
    }

    /**
     * A register publisher approved the owner's request to take the algorithm out of use.
     *
     * @param endDate the month it stops, as the standard writes {@code end_date} ({@code 2026-12})
     */
    public record RetirementApproved(String caseId, String organisation, String approvedBy, String requestedBy, String endDate,
            String reason) {
    }

    /** The review date of a published entry came: its owners have a task to check that it is still right. */
    public record ReReviewDue(String caseId, String organisation, String processInstanceId, String activityId) {
    }

    /** An owner checked the published entry and confirmed it is still right; {@code note} says what they checked. */
    public record ReReviewConfirmed(String caseId, String organisation, String confirmedBy, String note, String processInstanceId,
            String activityId) {
    }
}
