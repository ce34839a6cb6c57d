package nl.transparant.audit;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;

/**
 * One record of the decision log, exactly as stored. The payload is kept as the JSON text that was hashed,
 * and the time is written in the canonical form, so an export carries the very values an auditor needs to recompute
 * {@code recordHash}.
 */
record DecisionRecord(
        long seq,
        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", timezone = "UTC")
        Instant recordedAt,
        String actorId,
        String actorRole,
        String organisation,
        String caseId,
        String processInstanceId,
        String activityId,
        String eventType,
        String outcome,
        @JsonRawValue String payload,
        String previousHash,
        String recordHash) {

    DecisionRecord withHash(String hash) {
        return new DecisionRecord(seq, recordedAt, actorId, actorRole, organisation, caseId, processInstanceId, activityId,
                eventType, outcome, payload, previousHash, hash);
    }
}
