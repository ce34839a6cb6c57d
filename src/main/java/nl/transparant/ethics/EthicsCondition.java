package nl.transparant.ethics;

import java.time.Instant;

/** A condition of the committee's approval, open until the case's owner marks it met with a note. */
public record EthicsCondition(long id, String caseId, String roundId, String text, String proposedBy, boolean met,
        Instant createdAt, String metNote, String metBy, Instant metAt) {
}
