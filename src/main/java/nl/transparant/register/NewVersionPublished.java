package nl.transparant.register;

/**
 * The register published version {@code version} (2 or later) of an entry: a released change, or the retirement
 * that set its status to "Buiten gebruik". Published in the transaction that stores the version.
 */
public record NewVersionPublished(String caseId, String organisationCode, String lars, int version, Kind kind, String publishedBy) {

    public enum Kind {
        CHANGED, RETIRED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
