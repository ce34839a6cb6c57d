package nl.transparant.cases;

import java.util.Map;

/** What happens to a case at a person's hand, published inside the transaction that changes it. */
public final class CaseEvents {

    private CaseEvents() {
    }

    /** Who acted: their id, the role they acted in, and the case's organisation. */
    public record Actor(String id, String role, String organisation) {
    }

    public record CaseCreated(String caseId, Actor actor, Map<String, Object> registerFields) {
    }

    public record CaseChanged(String caseId, Actor actor, Map<String, Object> registerFields, long version) {
    }

    public record CaseSubmitted(String caseId, Actor actor, String processInstanceId) {
    }

    /** The owner set the English texts of the entry (all of them at once; empty: none), now case version {@code version}. */
    public record EnglishTextsChanged(String caseId, Actor actor, Map<String, Object> englishFields, long version) {
    }

    /** The owner started a change of the published entry; version {@code publishedVersion} stays public meanwhile. */
    public record ChangeStarted(String caseId, Actor actor, int publishedVersion) {
    }

    /**
     * The owner asked to take the algorithm out of use from {@code endDate} (the month, {@code 2026-12}), for
     * {@code reason}; the process {@code processInstanceId} has a register publisher decide.
     */
    public record RetirementRequested(String caseId, Actor actor, String endDate, String reason, String processInstanceId) {
    }

    /**
     * A project owner or privacy officer moved the published entry's next re-review (GDPR Art. 35(11)) from
     * {@code previousDue} to {@code due}, for {@code reason}: the plan's date, or the timer the running upkeep waits on.
     */
    public record ReReviewRescheduled(String caseId, Actor actor, java.time.Instant previousDue, java.time.Instant due,
            String reason) {
    }
}
