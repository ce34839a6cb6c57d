package nl.transparant.assessment;

import java.util.Objects;

/**
 * Which assessment definition an answer set or decision used: its URN, its declared version and the SHA-256
 * of the file's bytes. The hash tells two edits apart that forgot to raise the version.
 */
public record DefinitionId(String urn, String version, String sha256) {

    public DefinitionId {
        Objects.requireNonNull(urn, "urn");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(sha256, "sha256");
    }

    @Override
    public String toString() {
        return urn + " " + version + " (sha256 " + sha256.substring(0, Math.min(12, sha256.length())) + ")";
    }
}
