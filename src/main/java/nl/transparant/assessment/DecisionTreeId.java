package nl.transparant.assessment;

/**
 * Which decision tree a classification used: its key (the file name without extension, e.g. "ai-act"), its
 * declared version and the SHA-256 of the file's bytes.
 */
public record DecisionTreeId(String key, String version, String sha256) {

    @Override
    public String toString() {
        return key + " " + version + " (sha256 " + sha256.substring(0, Math.min(12, sha256.length())) + ")";
    }
}
