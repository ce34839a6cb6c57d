package nl.transparant.ethics;

import java.time.Instant;
import java.util.List;

/** One member's vote in one review round (one {@code reviewEthics} task) of a case. */
public record EthicsVote(long id, String caseId, String roundId, String voter, Vote vote, String rationale,
        List<String> conditions, Instant castAt) {
}
