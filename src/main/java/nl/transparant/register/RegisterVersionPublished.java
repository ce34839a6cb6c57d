package nl.transparant.register;

/**
 * A new version of a register entry was published here (a first publication, a new version after a later review, or
 * the version that retires the entry). Published in the transaction that stores the version, so a listener that writes
 * commits or rolls back with it. Not published for versions imported from the national register: they came from there.
 */
public record RegisterVersionPublished(String lars, int versionNumber, String organisationCode, String caseId) {
}
