/**
 * Obligations: from a case's AI Act classification to the requirements and measures of the Algoritmekader that
 * apply to it, and the EU database registration of a high-risk AI system a public authority deploys.
 *
 * <p>Owns: the catalogue as policy data ({@code policies/algoritmekader/requirements|measures/*.yaml}, in the shape
 * of MinBZK/task-registry, identified by URN and version, validated on every reload) and the release policy
 * ({@code policies/obligations.yaml}); the owner's work per measure (status, evidence text, link and files with their
 * SHA-256); the Annex VIII Section C registration and its confirmation; the exports of both.
 *
 * <p>How it talks to others: facts go out as events ({@link nl.transparant.obligations.ObligationEvents}), which the
 * decision log records; commands come in as direct calls to this package's services from its own pages and API.
 * It reads other modules through their public services only: {@code cases.Cases} for access to a case,
 * {@code screening.Screenings} for the recorded pre-scan, DPIA and IAMA (one class, {@link
 * nl.transparant.obligations.CaseAiActProfile}, turns the pre-scan into the AI Act profile),
 * {@code organisations.OrganisationDirectory} for the deployer's name in the EU registration,
 * {@code reports.ReportPdf} to print that registration, {@code workflow.review.ReviewProcess} and
 * {@code workflow.livingentry.EntryUpkeepProcess} to see where a case stands. It plugs into others through their
 * extension points: a {@code cases.CasePageSection} for the checklist, two {@code workflow.review.ApprovalCondition}s
 * for the release, an {@code assessment.ReloadablePolicy} for the reload. The dependencies allowed here are checked by
 * {@code ModularityTest}.
 */
@ApplicationModule(displayName = "Obligations", allowedDependencies = {"assessment", "cases", "identity", "organisations", "problems", "reports", "screening", "site", "workflow", "workflow :: livingentry", "workflow :: review"})
package nl.transparant.obligations;

import org.springframework.modulith.ApplicationModule;
