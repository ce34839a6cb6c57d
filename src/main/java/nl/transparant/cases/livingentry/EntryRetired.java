package nl.transparant.cases.livingentry;

/**
 * A case's algorithm was taken out of use: the register publishes a new version of its entry with status
 * {@link #STATUS} and {@code end_date} {@code endDate} (the month, {@code 2026-12}), the rest as last published.
 */
public record EntryRetired(String caseId, String organisationCode, String endDate, String reason, String requestedBy,
        String retiredBy) {

    /** The standard's permitted value of {@code status} for an algorithm out of use. */
    public static final String STATUS = "Buiten gebruik";
}
