package nl.transparant.workflow.problemreports;

/** The owner completed the task of a problem report: the report is handled, with what they wrote about it. */
public record ProblemReportHandled(String reportId, String caseId, String handledBy, String rationale) {
}
