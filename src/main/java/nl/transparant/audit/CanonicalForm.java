package nl.transparant.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The bytes a record's hash is computed over, and the hash itself (SHA-256, lower-case hex).
 *
 * <p>Canonical form, version 1: the UTF-8 text {@value #VERSION}, then every column except the record's own hash
 * in table order, each written as {@code <byte length>:<UTF-8 bytes>,} (a netstring), with {@code ~,} for SQL NULL.
 * Numbers are decimal; the time is UTC as {@code yyyy-MM-ddTHH:mm:ss.SSSSSSZ} (the column holds microseconds).
 * Length prefixes make the form unambiguous whatever a value contains (commas, new lines, quotes), and NULL
 * differs from the empty string. The payload is hashed as the stored JSON text, which is written with sorted keys
 * and no white space; a verifier never has to re-serialise JSON.
 *
 * <p>Not thread-safe: it reuses one digest and one buffer, which is what makes verifying a long chain fast.
 */
final class CanonicalForm {

    static final String VERSION = "transparant-decision-log-v1";
    static final String GENESIS_HASH = "0".repeat(64);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final byte[] NULL = "~,".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VERSION_FIELD = field(VERSION);
    private static final HexFormat HEX = HexFormat.of();

    private final MessageDigest sha256;
    private byte[] buffer = new byte[1024];
    private int length;

    CanonicalForm() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** The record's hash as it should be stored in {@code record_hash}; the stored hash itself is not an input. */
    String hash(DecisionRecord record) {
        fill(record);
        sha256.update(buffer, 0, length);
        return HEX.formatHex(sha256.digest());
    }

    /** The canonical bytes themselves, for people checking an export by hand and for the benchmark's baseline. */
    byte[] bytes(DecisionRecord record) {
        fill(record);
        return Arrays.copyOf(buffer, length);
    }

    static String format(Instant time) {
        return TIME.format(time);
    }

    private void fill(DecisionRecord record) {
        length = 0;
        append(VERSION_FIELD);
        text(Long.toString(record.seq()));
        text(record.recordedAt() == null ? null : format(record.recordedAt()));
        text(record.actorId());
        text(record.actorRole());
        text(record.organisation());
        text(record.caseId());
        text(record.processInstanceId());
        text(record.activityId());
        text(record.eventType());
        text(record.outcome());
        text(record.payload());
        text(record.previousHash());
    }

    private void text(String value) {
        if (value == null) {
            append(NULL);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        append(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        appendByte((byte) ':');
        append(bytes);
        appendByte((byte) ',');
    }

    private static byte[] field(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = (bytes.length + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] result = Arrays.copyOf(prefix, prefix.length + bytes.length + 1);
        System.arraycopy(bytes, 0, result, prefix.length, bytes.length);
        result[result.length - 1] = ',';
        return result;
    }

    private void append(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void appendByte(byte b) {
        ensure(1);
        buffer[length++] = b;
    }

    private void ensure(int extra) {
        if (length + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + extra));
        }
    }
}
