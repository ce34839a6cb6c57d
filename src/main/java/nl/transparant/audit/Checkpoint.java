package nl.transparant.audit;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A signed statement "the decision log's record {@code logSeq} has hash {@code logHash}", made at {@code signedAt}. As
 * every record names its predecessor's hash, it fixes every record up to {@code logSeq}: a later rewrite of any of
 * them changes the hash of record {@code logSeq} and contradicts the checkpoint, even when the chain was re-hashed.
 *
 * <p>The signed bytes are the UTF-8 text of {@link #signedText()}: {@value #VERSION}, the number, the sequence number,
 * the hash and the time (UTC, microseconds), each on a line of its own, ending in a new line. The signature is Ed25519
 * (RFC 8032) over those bytes, in base64; {@code keyId} is the first 16 hex digits of the SHA-256 of the public key
 * (X.509 SubjectPublicKeyInfo, DER).
 */
record Checkpoint(
        long number,
        long logSeq,
        String logHash,
        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", timezone = "UTC")
        Instant signedAt,
        String keyId,
        String signature) {

    static final String VERSION = "transparant-decision-log-checkpoint-v1";

    String signedText() {
        return VERSION + "\n" + number + "\n" + logSeq + "\n" + logHash + "\n" + CanonicalForm.format(signedAt) + "\n";
    }

    @JsonIgnore
    byte[] signedBytes() {
        return signedText().getBytes(StandardCharsets.UTF_8);
    }
}
