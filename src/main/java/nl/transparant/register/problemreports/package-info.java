/**
 * "Report a problem" on a public register entry: the public form ({@link ProblemReportPages}, guarded against bots and
 * floods by {@link ReportFormGuard}), the stored report ({@link ProblemReport}) and its handling by the entry's owners,
 * which {@link ProblemReports} hands to the engine's flow in {@code workflow.problemreports}. The entry's page shows how
 * many reports are under review.
 *
 * <p>Other modules may use this part's public types: the audit records {@link ProblemReportReceived}.
 */
@NamedInterface("problemreports")
package nl.transparant.register.problemreports;

import org.springframework.modulith.NamedInterface;
