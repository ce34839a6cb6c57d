package nl.transparant.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Well-formed chains for tests and the benchmark, hashed exactly as the application does. */
final class Chains {

    private Chains() {
    }

    static List<DecisionRecord> of(int length) {
        CanonicalForm canonical = new CanonicalForm();
        List<DecisionRecord> chain = new ArrayList<>(length);
        String previous = CanonicalForm.GENESIS_HASH;
        Instant start = Instant.parse("2026-03-01T09:00:00.000001Z");
        for (int i = 1; i <= length; i++) {
            DecisionRecord record = canonical(i, start.plusMillis(i * 1500L), previous);
            record = record.withHash(canonical.hash(record));
            chain.add(record);
            previous = record.recordHash();
        }
        return chain;
    }

    /** A record shaped like a real review decision (about 450 bytes in canonical form). */
    static DecisionRecord canonical(long seq, Instant at, String previousHash) {
        return new DecisionRecord(seq, at, "privacy-zoetermeer", "privacy-officer", "zoetermeer",
                "7f1c2d3e-4b5a-4c6d-8e9f-" + String.format("%012d", seq % 1000), "proc-" + (seq / 7), "reviewDpia",
                RecordedEvents.TASK_DECIDED, "approve",
                "{\"activityName\":\"Review the DPIA\",\"outcome\":\"approve\",\"process\":{\"definitionKey\":\"algorithm-review\","
                        + "\"definitionVersion\":3},\"rationale\":\"Maatregelen voldoende; bewaartermijn zes maanden, "
                        + "pseudonimisering voor analyse.\"}",
                previousHash, null);
    }

    static DecisionRecord replaced(DecisionRecord r, String payload) {
        return new DecisionRecord(r.seq(), r.recordedAt(), r.actorId(), r.actorRole(), r.organisation(), r.caseId(),
                r.processInstanceId(), r.activityId(), r.eventType(), r.outcome(), payload, r.previousHash(), r.recordHash());
    }

    static DecisionRecord renumbered(DecisionRecord r, long seq) {
        return new DecisionRecord(seq, r.recordedAt(), r.actorId(), r.actorRole(), r.organisation(), r.caseId(),
                r.processInstanceId(), r.activityId(), r.eventType(), r.outcome(), r.payload(), r.previousHash(), r.recordHash());
    }
}
