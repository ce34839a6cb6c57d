package nl.transparant.register.problemreports;

/**
 * Someone from the public reported a problem on a register entry. Carries no message text and no reply address:
 * the decision log keeps its records for good, the report itself only as long as its handling needs.
 */
public record ProblemReportReceived(String reportId, String lars, int versionNumber, String caseId, String organisationCode,
        boolean replyAddressGiven) {
}
