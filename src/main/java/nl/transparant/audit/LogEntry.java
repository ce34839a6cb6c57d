package nl.transparant.audit;

import java.util.Map;

/** What a listener wants recorded; the log adds the sequence number, the time and the hashes. */
record LogEntry(String eventType, String actorId, String actorRole, String organisation, String caseId,
        String processInstanceId, String activityId, String outcome, Map<String, Object> payload) {
}
