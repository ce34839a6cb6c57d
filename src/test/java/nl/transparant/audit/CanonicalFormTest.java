package nl.transparant.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CanonicalFormTest {

    private final CanonicalForm canonical = new CanonicalForm();

    private static DecisionRecord record(String actorId, String actorRole, String payload) {
        return new DecisionRecord(7, Instant.parse("2026-05-04T10:11:12.345600Z"), actorId, actorRole, "zoetermeer", "case-1",
                null, "reviewDpia", "task-decided", "approve", payload, CanonicalForm.GENESIS_HASH, null);
    }

    @Test
    void theCanonicalFormIsTheDocumentedNetstringSequence() {
        DecisionRecord record = record("pieter", "privacy-officer", "{\"rationale\":\"Akkoord, één voorwaarde\"}");
        String expected = "27:transparant-decision-log-v1,1:7,27:2026-05-04T10:11:12.345600Z,6:pieter,15:privacy-officer,"
                + "10:zoetermeer,6:case-1,~,10:reviewDpia,12:task-decided,7:approve,"
                + "41:{\"rationale\":\"Akkoord, één voorwaarde\"},64:" + CanonicalForm.GENESIS_HASH + ",";
        assertThat(new String(canonical.bytes(record), StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void theHashIsSha256OfTheCanonicalBytesInLowerCaseHex() throws Exception {
        DecisionRecord record = record("pieter", "privacy-officer", "{}");
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.bytes(record)));
        assertThat(canonical.hash(record)).isEqualTo(expected).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(new CanonicalForm().hash(record)).as("the same on another instance").isEqualTo(expected);
    }

    @Test
    void nullAndEmptyAreDifferent() {
        assertThat(canonical.hash(record(null, "r", "{}"))).isNotEqualTo(canonical.hash(record("", "r", "{}")));
    }

    @Test
    void movingTextFromOneFieldToTheNextChangesTheHash() {
        assertThat(canonical.hash(record("ab", "c", "{}"))).isNotEqualTo(canonical.hash(record("a", "bc", "{}")));
        assertThat(canonical.hash(record("a,1:b", "c", "{}"))).isNotEqualTo(canonical.hash(record("a", "b,1:c", "{}")));
    }

    @Test
    void everyColumnCounts() {
        DecisionRecord base = record("pieter", "privacy-officer", "{}");
        String hash = canonical.hash(base);
        assertThat(canonical.hash(Chains.renumbered(base, 8))).isNotEqualTo(hash);
        assertThat(canonical.hash(Chains.replaced(base, "{ }"))).isNotEqualTo(hash);
        assertThat(canonical.hash(new DecisionRecord(7, base.recordedAt().plusNanos(1000), "pieter", "privacy-officer",
                "zoetermeer", "case-1", null, "reviewDpia", "task-decided", "approve", "{}", CanonicalForm.GENESIS_HASH, null)))
                .as("one microsecond later").isNotEqualTo(hash);
        assertThat(canonical.hash(base.withHash("ab".repeat(32)))).as("the stored hash is not an input").isEqualTo(hash);
    }

    @Test
    void timesAreWrittenInUtcWithMicroseconds() {
        assertThat(CanonicalForm.format(Instant.parse("2026-01-02T03:04:05Z"))).isEqualTo("2026-01-02T03:04:05.000000Z");
        assertThat(CanonicalForm.format(Instant.parse("2026-01-02T03:04:05.1234Z"))).isEqualTo("2026-01-02T03:04:05.123400Z");
    }
}
