package nl.transparant.ethics;

import java.util.List;

/** What the ethics module tells the rest of the application; the audit module may listen. */
public final class EthicsEvents {

    private EthicsEvents() {
    }

    /** A member of the committee voted in a review round of the case. */
    public record EthicsVoteCast(String caseId, String roundId, String voter, String vote, String rationale,
            List<String> conditions) {
    }

    /** The committee's votes reached the quorum and the policy's rule gave this outcome. */
    public record EthicsDecisionReached(String caseId, String roundId, String outcome, int votes, String decidedBy) {
    }

    /** The case's owner marked a condition of the committee's approval met. */
    public record EthicsConditionMet(String caseId, long conditionId, String metBy, String note) {
    }
}
