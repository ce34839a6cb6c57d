package nl.transparant.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import nl.transparant.problems.ConflictException;
import nl.transparant.problems.FieldProblem;
import nl.transparant.problems.IdempotencyKeyReusedException;
import nl.transparant.problems.InvalidInputException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code Idempotency-Key} of case creations (after the IETF draft of that header): the same person sending the
 * same request with the same key within a day gets the case the first one created, not a second case; the same key
 * with another request is refused (422); the same key while the first is still being stored is a 409 "send it again".
 * Written in the creation's own transaction, so a creation that rolls back leaves no key behind.
 */
@Component
class CaseCreationKeys {

    /** Printable ASCII, as the draft's examples (UUIDs, random strings); nothing a log or a page could misread. */
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    static final Duration KEPT = Duration.ofDays(1);
    private static final ObjectMapper CANONICAL = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private final JdbcTemplate jdbc;

    CaseCreationKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A key as sent, checked; 400 naming the header when it is no key. */
    static String checked(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw InvalidInputException.of("problem.case.idempotencyKey",
                    List.of(FieldProblem.of("Idempotency-Key", "problem.case.idempotencyKey.format")));
        }
        return key;
    }

    /** The case an earlier request with this key created, if the request was the same; 422 if it was another. */
    Optional<String> earlierCase(String owner, String key, String requestHash) {
        jdbc.update("DELETE FROM case_creation_key WHERE owner = ? AND idem_key = ? AND created_at < ?", owner, key,
                Timestamp.from(Instant.now().minus(KEPT)));
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT request_hash, case_id FROM case_creation_key WHERE owner = ? AND idem_key = ?", owner, key);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        if (!requestHash.equals(rows.get(0).get("request_hash"))) {
            throw new IdempotencyKeyReusedException("This Idempotency-Key was used for another request in the last day; "
                    + "use a new key for a new request.");
        }
        return Optional.of((String) rows.get(0).get("case_id"));
    }

    /** Remembers the key with the case it created; a request with the same key stored at the same moment is a 409. */
    void remember(String owner, String key, String requestHash, String caseId) {
        try {
            jdbc.update("INSERT INTO case_creation_key (owner, idem_key, request_hash, case_id, created_at) VALUES (?, ?, ?, ?, ?)",
                    owner, key, requestHash, caseId, Timestamp.from(Instant.now()));
        } catch (DuplicateKeyException sameKeyAtOnce) {
            throw new ConflictException("A request with this Idempotency-Key was being stored at the same moment; "
                    + "send it again to get its answer. Nothing of this one was saved.");
        }
    }

    /** SHA-256 of the request's content in a canonical form (keys sorted), so key order or spacing do not count. */
    static String hashOf(String organisation, Map<String, ?> fields, String internalNotes) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("organisation", organisation);
        request.put("fields", fields);
        request.put("internalNotes", internalNotes);
        try {
            byte[] canonical = CANONICAL.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot hash a case request", e);
        }
    }
}
