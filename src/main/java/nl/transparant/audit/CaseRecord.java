package nl.transparant.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A case's timeline as the auditor's page shows it: each line with what the record says in words (rationale, the
 * policy version and the rules or criteria that fired), and the register fields as they stood at each decision.
 * The register fields travel in the case-created and case-changed records; each of those is one version of the
 * documents, and every later line points at the version in force when it happened.
 */
record CaseRecord(Timeline timeline, List<Line> lines, List<DocumentVersion> documents) {

    /** The records that hold the case's texts as the owner wrote them: the documents of the case. */
    static final String CASE_CREATED = "case-created";
    static final String CASE_CHANGED = "case-changed";

    /** A re-review moved: its record's reason alone did not say from which day to which (outside tester). */
    static final String RE_REVIEW_RESCHEDULED = "re-review-rescheduled";

    /**
     * One line; {@code move} is the date a moved re-review had and the date it got, shown with the reason in the reader's
     * language and date format (null for any other line).
     */
    record Line(Timeline.Entry entry, String rationale, String policy, List<String> rulesFired, Long documentSeq, Move move) {
    }

    /** The due moments before and after a move, as the record holds them (UTC instants). */
    record Move(Instant from, Instant to) {
    }

    record DocumentVersion(long seq, Instant recordedAt, String eventType, String actorId, String version,
            List<Map.Entry<String, String>> fields) {
    }

    static CaseRecord of(Timeline timeline) {
        Map<Long, DecisionRecord> bySeq = new HashMap<>();
        List<DocumentVersion> documents = new ArrayList<>();
        Map<Long, JsonNode> payloads = new HashMap<>();
        for (DecisionRecord r : timeline.records()) {
            bySeq.put(r.seq(), r);
            JsonNode payload = payload(r.payload());
            payloads.put(r.seq(), payload);
            if (CASE_CREATED.equals(r.eventType()) || CASE_CHANGED.equals(r.eventType())) {
                documents.add(new DocumentVersion(r.seq(), r.recordedAt(), r.eventType(), r.actorId(), text(payload.get("version")),
                        fields(payload.get("registerFields"))));
            }
        }
        List<Line> lines = new ArrayList<>();
        Long inForce = null;
        for (Timeline.Entry entry : timeline.entries()) {
            if (entry.kind() != Timeline.Kind.RECORD) {
                lines.add(new Line(entry, null, entry.kind() == Timeline.Kind.POLICY_DECISION ? entry.name() : null,
                        entry.matchedRuleIds() == null ? List.of() : entry.matchedRuleIds(), inForce, null));
                continue;
            }
            DecisionRecord record = bySeq.get(entry.seq());
            JsonNode payload = payloads.get(entry.seq());
            if (CASE_CREATED.equals(record.eventType()) || CASE_CHANGED.equals(record.eventType())) {
                inForce = record.seq();
            }
            lines.add(new Line(entry, text(motivation(payload)), policy(payload), rules(payload), inForce,
                    RE_REVIEW_RESCHEDULED.equals(record.eventType()) ? move(payload) : null));
        }
        return new CaseRecord(timeline, lines, documents);
    }

    /**
     * What the person wrote for a record: a decision's rationale, else the reason of a request or a move (a retirement, a
     * re-review moved), else a note (a re-review's confirmation). The column showed the rationale only, so the auditor
     * read the other two in the export alone (outside tester).
     */
    private static JsonNode motivation(JsonNode payload) {
        for (String field : List.of("rationale", "reason", "note")) {
            if (payload.hasNonNull(field) && !payload.get(field).asText().isBlank()) {
                return payload.get(field);
            }
        }
        return null;
    }

    /** Both dates of a move, or null when the record lacks either or holds no instant (the reason is then shown alone). */
    private static Move move(JsonNode payload) {
        try {
            String from = text(payload.get("previousDue"));
            String to = text(payload.get("due"));
            return from == null || to == null ? null : new Move(Instant.parse(from), Instant.parse(to));
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** The policy a record was decided under: an assessment definition (urn@version#hash) or a decision table and its version. */
    private static String policy(JsonNode payload) {
        if (payload.hasNonNull("definition")) {
            return text(payload.get("definition"));
        }
        JsonNode decision = payload.get("decision");
        if (decision != null && decision.isObject()) {
            return text(decision.get("key")) + (decision.hasNonNull("version") ? ":" + text(decision.get("version")) : "");
        }
        return null;
    }

    private static List<String> rules(JsonNode payload) {
        List<String> rules = new ArrayList<>();
        for (String name : List.of("criteriaFired", "matchedRuleIds")) {
            JsonNode fired = payload.get(name);
            if (fired != null && fired.isArray()) {
                fired.forEach(rule -> rules.add(text(rule)));
            }
        }
        return rules;
    }

    private static List<Map.Entry<String, String>> fields(JsonNode fields) {
        Map<String, String> sorted = new TreeMap<>();
        if (fields != null && fields.isObject()) {
            fields.fields().forEachRemaining(field -> sorted.put(field.getKey(), text(field.getValue())));
        }
        return List.copyOf(sorted.entrySet());
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    private static JsonNode payload(String json) {
        try {
            return json == null ? DecisionLog.PAYLOAD_JSON.createObjectNode() : DecisionLog.PAYLOAD_JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A decision log payload is not JSON", e);
        }
    }
}
