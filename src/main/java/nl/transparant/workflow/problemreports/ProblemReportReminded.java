package nl.transparant.workflow.problemreports;

/** A problem report stayed unhandled for the reminder period: its owners were reminded (once, by the engine's timer). */
public record ProblemReportReminded(String reportId, String caseId, String reminderAfter) {
}
