package nl.transparant.workflow.review;

import nl.transparant.workflow.ProcessVariables;
import nl.transparant.workflow.RecordedEvents;
import nl.transparant.workflow.WorkflowTestEngine;

import static nl.transparant.workflow.review.ReviewCases.ETHICS_MEMBER;
import static nl.transparant.workflow.review.ReviewCases.ORGANISATION;
import static nl.transparant.workflow.review.ReviewCases.PRIVACY_OFFICER;
import static nl.transparant.workflow.review.ReviewCases.PUBLISHER;
import static nl.transparant.workflow.review.ReviewCases.SUBMITTER;
import static nl.transparant.workflow.review.ReviewCases.newCaseId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import nl.transparant.workflow.review.ReviewEvents.CaseStageReached;
import nl.transparant.workflow.review.ReviewEvents.PublicationReleased;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of {@code processes/algorithm-review.bpmn}, routed by the approval tiers of {@code policies/review-route.dmn}, on an
 * engine with the application's own plugin and delegate. The coverage extension fails the class unless the
 * tests together pass every flow node and sequence flow; its report goes to
 * {@code <build folder>/process-test-coverage}.
 */
class AlgorithmReviewProcessTest {

    static final RecordedEvents events = new RecordedEvents();

    @RegisterExtension
    static final ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension
            .builder(WorkflowTestEngine.withCoverage("algorithm-review-process-test", events))
            .reportDirectory(buildFolder().resolve("process-test-coverage").toString())
            .assertClassCoverageAtLeast(1.0)
            .build();

    ReviewCases cases;

    @BeforeEach
    void deployAndReset() {
        WorkflowTestEngine.deployReviewModels(engine.getProcessEngine());
        BpmnAwareTests.init(engine.getProcessEngine());
        cases = new ReviewCases(engine.getProcessEngine());
        events.clear();
    }

    @AfterEach
    void signOut() {
        engine.getIdentityService().clearAuthentication();
        BpmnAwareTests.reset();
    }

    @Test
    void aHighResidualRiskWaitsForTheSupervisorsAdviceBeforeRelease() {
        String caseId = newCaseId();
        ProcessInstance instance = cases.submit(caseId, "personalData", "largeScale", "dpia:required");
        cases.handInDpia(instance, "hoog");
        cases.decide(PRIVACY_OFFICER, instance, "reviewDpia", "approve", "Measures are as good as they get; residual risk stays high.");

        assertThat(instance).isWaitingAt("requestPriorConsultation").task().hasCandidateGroup("privacy-officer");
        assertThat(instance).variables().containsEntry("approvalTier", "prior-consultation").containsEntry("priorConsultationRequired", true);
        cases.complete(PRIVACY_OFFICER, cases.openTask(instance, "requestPriorConsultation"),
                java.util.Map.of(ProcessVariables.OUTCOME, ReviewTask.SUBMIT, ProcessVariables.RATIONALE, "Sent to the AP."));
        assertThat(instance).isWaitingAt("supervisorAdvice");
        assertThat(stages(caseId)).endsWith("DPIA_REVIEW", "PRIOR_CONSULTATION");

        engine.getRuntimeService().createMessageCorrelation("SupervisorAdviceRecorded")
                .processInstanceId(instance.getId())
                .setVariable("supervisorAdvice", "Proceed with the additional measures.")
                .correlate();
        assertThat(instance).isWaitingAt("releasePublication")
                .hasPassedInOrder("decideAfterDpia", "priorConsultationGateway", "requestPriorConsultation", "supervisorAdvice", "afterPrivacy");
    }

    @Test
    void aMediumResidualRiskNeedsNoPriorConsultation() {
        ProcessInstance instance = cases.submit(newCaseId(), "personalData", "largeScale", "dpia:required");
        cases.handInDpia(instance, "midden");
        cases.decide(PRIVACY_OFFICER, instance, "reviewDpia", "approve", "Fine.");

        assertThat(instance).isWaitingAt("releasePublication").hasPassed("decideAfterDpia", "priorConsultationGateway")
                .hasNotPassed("requestPriorConsultation");
        assertThat(instance).variables().containsEntry("approvalTier", "dpia").containsEntry("priorConsultationRequired", false);
    }

    @Test
    void theOrganisationOfTheCaseIsTheTenantOfItsInstanceTasksAndRoutingDecision() {
        String caseId = newCaseId();
        ProcessInstance instance = cases.start(caseId);

        assertThat(instance.getTenantId()).isEqualTo(ORGANISATION);
        assertThat(instance).isWaitingAt("answerPreScan").task().hasCandidateGroup("project-owner");
        assertThat(cases.openTask(instance, "answerPreScan").getTenantId()).isEqualTo(ORGANISATION);
        assertThat(instance).variables()
                .containsEntry("caseId", caseId)
                .containsEntry("organisation", ORGANISATION)
                .containsEntry("submitter", SUBMITTER.id())
                .containsEntry("starter", SUBMITTER.id());
        assertThat(events.stagesOf(caseId)).containsExactly(new CaseStageReached(caseId, "PRE_SCAN", "answerPreScan", null));

        cases.answerPreScan(instance);

        HistoricDecisionInstance routing = engine.getHistoryService().createHistoricDecisionInstanceQuery()
                .processInstanceId(instance.getId()).singleResult();
        assertThat(routing.getDecisionDefinitionKey()).isEqualTo("review-route");
        assertThat(routing.getTenantId()).isEqualTo(ORGANISATION);
    }

    @Test
    void aProhibitedPracticeStopsTheCaseRightAfterThePreScan() {
        String caseId = newCaseId();
        ProcessInstance instance = cases.submit(caseId, "prohibitedPractice", "aiSystem", "profiling", "personalData",
                "sensitiveData", "directImpactOnCitizens");

        assertThat(instance).isEnded().hasPassedInOrder("answerPreScan", "decideReviewRoute", "prohibitedGateway", "stoppedProhibited")
                .hasNotPassed("privacyGateway", "fillInDpia", "fillInIama", "reviewEthics", "releasePublication");
        assertThat(instance).variables()
                .containsEntry("approvalTier", "rejected")
                .containsEntry("prohibited", true)
                .containsEntry("dpiaRequired", false)
                .containsEntry("ethicsReviewRequired", false);
        assertThat(stages(caseId)).containsExactly("PRE_SCAN", "STOPPED");
        CaseStageReached stopped = events.stagesOf(caseId).get(1);
        assertThat(stopped.activityId()).isEqualTo("stoppedProhibited");
        assertThat(stopped.closingReason()).contains("Prohibited AI practice (AI Act Art. 5)");
        assertThat(events.publicationsOf(caseId)).isEmpty();
    }

    @Test
    void withoutDpiaMinimalAiAndNoImpactOnlyThePublisherReviews() {
        String caseId = newCaseId();
        ProcessInstance instance = cases.submit(caseId, "aiSystem", "ai:minimal");

        assertThat(instance).isWaitingAt("releasePublication")
                .hasPassedInOrder("prohibitedGateway", "privacyGateway", "afterPrivacy", "ethicsGateway", "afterEthics", "releaseLoop")
                .hasNotPassed("fillInDpia", "approvePreScan", "reviewDpia", "fillInIama", "reviewEthics");
        assertThat(instance).task().hasCandidateGroup("register-publisher");
        assertThat(instance).variables()
                .containsEntry("approvalTier", "owner-publisher")
                .containsEntry("prohibited", false)
                .containsEntry("preScanApprovalRequired", false)
                .containsEntry("dpiaRequired", false)
                .containsEntry("ethicsReviewRequired", false)
                .containsEntry("publicationCategory", "Overige algoritmes");
        assertThat(stages(caseId)).containsExactly("PRE_SCAN", "PUBLICATION_REVIEW");
    }

    @Test
    void aReleasedEntryIsPublishedByAJobAfterTheApprovalIsCommitted() {
        String caseId = newCaseId();
        ProcessInstance instance = cases.submit(caseId);

        cases.decide(PUBLISHER, instance, "releasePublication", "approve", "Entry is complete.");

        assertThat(instance).as("the approval is done; publication waits as a job").isNotEnded().isWaitingAt("publishEntry");
        assertThat(cases.openTaskCount(instance)).isZero();
        assertThat(events.publicationsOf(caseId)).isEmpty();
        cases.runPublication(instance);

        assertThat(instance).isEnded().hasPassedInOrder("releasePublication", "releaseOutcome", "publishEntry", "published");
        assertThat(stages(caseId)).containsExactly("PRE_SCAN", "PUBLICATION_REVIEW", "PUBLISHED");
        assertThat(events.stagesOf(caseId).get(2)).isEqualTo(new CaseStageReached(caseId, "PUBLISHED", "published", null));
        assertThat(events.publicationsOf(caseId))
                .containsExactly(new PublicationReleased(caseId, PUBLISHER.id(), "Overige algoritmes", false, false));
    }

    @Test
    void aRecommendedDpiaNeedsOnlyThePrivacyOfficersApprovalOfThePreScan() {
        String caseId = newCaseId();
        ProcessInstance instance = cases.submit(caseId, "personalData", "dpia:recommended");

        assertThat(instance).isWaitingAt("approvePreScan").task().hasCandidateGroup("privacy-officer");
        assertThat(instance).variables().containsEntry("approvalTier", "privacy-officer")
                .containsEntry("preScanApprovalRequired", true).containsEntry("dpiaRequired", false);
        cases.decide(PRIVACY_OFFICER, instance, "approvePreScan", "approve", "A DPIA adds nothing here; the pre-scan is right.");

        assertThat(instance).isWaitingAt("releasePublication")
                .hasPassedInOrder("privacyGateway", "approvePreScan", "preScanApprovalOutcome", "afterPrivacy", "ethicsGateway")
                .hasNotPassed("fillInDpia", "reviewDpia");
        assertThat(stages(caseId)).containsExactly("PRE_SCAN", "PRE_SCAN_REVIEW", "PUBLICATION_REVIEW");
    }

    @Test
    void anAiSystemWithTransparencyDutiesAlsoNeedsThePreScanApproved() {
        ProcessInstance instance = cases.submit(newCaseId(), "aiSystem", "ai:limited");

        assertThat(instance).isWaitingAt("approvePreScan");
        assertThat(instance).variables().containsEntry("approvalTier", "privacy-officer");
    }

    @Test
    void aPreScanSentBackIsAnsweredAgainAndRoutedAgain() {
        String caseId = newCaseId();
        ProcessInstance instance = cases.submit(caseId, "personalData", "dpia:recommended");

        cases.decide(PRIVACY_OFFICER, instance, "approvePreScan", "send-back", "Large scale is missing: there are 40,000 residents.");
        assertThat(instance).isWaitingAt("answerPreScan");
        cases.answerPreScan(instance, "personalData", "largeScale", "dpia:required");

        assertThat(instance).isWaitingAt("fillInDpia")
                .hasPassedInOrder("approvePreScan", "preScanApprovalOutcome", "preScanLoop", "answerPreScan", "decideReviewRoute");
        assertThat(passes(instance, "decideReviewRoute")).isEqualTo(2);
        assertThat(stages(caseId)).containsExactly("PRE_SCAN", "PRE_SCAN_REVIEW", "PRE_SCAN", "DPIA");
    }

    @Test
    void aPreScanRejectedByThePrivacyOfficerEndsTheCase() {
        String caseId = newCaseId();
        ProcessInstance instance = cases.submit(caseId, "personalData", "dpia:recommended");

        cases.decide(PRIVACY_OFFICER, instance, "approvePreScan", "reject", "No legal basis for this processing.");

        assertThat(instance).isEnded().hasPassed("rejectedAtPreScan").hasNotPassed("releasePublication");
        assertThat(stages(caseId)).containsExactly("PRE_SCAN", "PRE_SCAN_REVIEW", "REJECTED");
    }

    @Test
    void anApprovedDpiaLeadsToRelease() {
        String caseId = newCaseId();
        ProcessInstance instance = cases.submit(caseId, "personalData", "largeScale", "dpia:required");

        assertThat(instance).isWaitingAt("fillInDpia").task().hasCandidateGroup("project-owner");
        assertThat(instance).variables().containsEntry("dpiaRequired", true).containsEntry("ethicsReviewRequired", false)
                .containsEntry("approvalTier", "dpia");
        cases.handIn(instance, "fillInDpia");
        assertThat(instance).isWaitingAt("reviewDpia").task().hasCandidateGroup("privacy-officer");

        cases.decide(PRIVACY_OFFICER, instance, "reviewDpia", "approve", "Measures are sufficient.");

        assertThat(instance).isWaitingAt("releasePublication")
                .hasPassedInOrder("privacyGateway", "dpiaLoop", "fillInDpia", "reviewDpia", "dpiaOutcome", "decideAfterDpia", "afterPrivacy",
                        "ethicsGateway", "afterEthics", "releaseLoop")
                .hasNotPassed("reviewEthics");
        // the release is a review of its own: the privacy officer's outcome does not carry over; who decided is
        // overwritten by whoever decides next (not cleared and stored again: issue 14)
        assertThat(instance).variables().doesNotContainKeys("outcome").containsEntry("decidedBy", PRIVACY_OFFICER.id());
        assertThat(stages(caseId)).containsExactly("PRE_SCAN", "DPIA", "DPIA_REVIEW", "PUBLICATION_REVIEW");

        cases.decide(PUBLISHER, instance, "releasePublication", "approve", "Entry is complete.");
        assertThat(instance).variables().containsEntry("decidedBy", PUBLISHER.id());
        cases.runPublication(instance);
        assertThat(instance).isEnded().hasPassed("published");
        assertThat(events.publicationsOf(caseId))
                .containsExactly(new PublicationReleased(caseId, PUBLISHER.id(), "Overige algoritmes", true, false));
    }

    @Test
    void aDpiaSentBackTwiceIsFilledInAgainUntilApproved() {
        String caseId = newCaseId();
        ProcessInstance instance = cases.submit(caseId, "personalData", "largeScale", "dpia:required");

        cases.handIn(instance, "fillInDpia");
        cases.decide(PRIVACY_OFFICER, instance, "reviewDpia", "send-back", "Retention period is missing.");
        assertThat(instance).isWaitingAt("fillInDpia");
        assertThat(instance).variables().containsEntry("rationale", "Retention period is missing.");
        cases.handIn(instance, "fillInDpia");
        cases.decide(PRIVACY_OFFICER, instance, "reviewDpia", "send-back", "Legal basis is unclear.");
        assertThat(instance).isWaitingAt("fillInDpia");
        cases.handIn(instance, "fillInDpia");
        cases.decide(PRIVACY_OFFICER, instance, "reviewDpia", "approve", "Now complete.");

        assertThat(instance).isWaitingAt("releasePublication")
                .hasPassedInOrder("fillInDpia", "reviewDpia", "fillInDpia", "reviewDpia", "fillInDpia", "reviewDpia", "afterPrivacy");
        assertThat(passes(instance, "fillInDpia")).isEqualTo(3);
        assertThat(passes(instance, "dpiaLoop")).isEqualTo(3);
        assertThat(stages(caseId)).containsExactly("PRE_SCAN", "DPIA", "DPIA_REVIEW", "DPIA", "DPIA_REVIEW", "DPIA",
                "DPIA_REVIEW", "PUBLICATION_REVIEW");
    }

    @Test
    void aRejectedDpiaEndsTheCase() {
        String caseId = newCaseId();
        ProcessInstance instance = cases.submit(caseId, "personalData", "largeScale", "dpia:required");

        cases.handIn(instance, "fillInDpia");
        cases.decide(PRIVACY_OFFICER, instance, "reviewDpia", "reject", "Processing is not proportionate.");

        assertThat(instance).isEnded().hasPassedInOrder("reviewDpia", "dpiaOutcome", "rejectedAtDpia")
                .hasNotPassed("afterPrivacy", "releasePublication");
        assertThat(stages(caseId)).containsExactly("PRE_SCAN", "DPIA", "DPIA_REVIEW", "REJECTED");
        assertThat(events.stagesOf(caseId).get(3))
                .isEqualTo(new CaseStageReached(caseId, "REJECTED", "rejectedAtDpia", "Processing is not proportionate."));
        assertThat(events.publicationsOf(caseId)).isEmpty();
    }

    @Test
    void anImpactfulAlgorithmGoesThroughTheIamaToTheEthicsCommittee() {
        String caseId = newCaseId();
        ProcessInstance instance = cases.submit(caseId, "directImpactOnCitizens");

        assertThat(instance).isWaitingAt("fillInIama").hasNotPassed("fillInDpia").task().hasCandidateGroup("project-owner");
        assertThat(instance).variables().containsEntry("dpiaRequired", false).containsEntry("ethicsReviewRequired", true)
                .containsEntry("approvalTier", "ethics-committee").containsEntry("publicationCategory", "Impactvolle algoritmes");
        cases.handIn(instance, "fillInIama");
        assertThat(instance).isWaitingAt("reviewEthics").task().hasCandidateGroup("ethics-committee");

        cases.decide(ETHICS_MEMBER, instance, "reviewEthics", "approve", "Proportionate and explained to residents.");

        assertThat(instance).isWaitingAt("releasePublication")
                .hasPassedInOrder("privacyGateway", "afterPrivacy", "ethicsGateway", "fillInIama", "iamaStopGateway", "ethicsLoop",
                        "reviewEthics", "ethicsOutcome", "afterEthics", "releaseLoop");
        assertThat(stages(caseId)).containsExactly("PRE_SCAN", "IAMA", "ETHICS_REVIEW", "PUBLICATION_REVIEW");

        cases.decide(PUBLISHER, instance, "releasePublication", "approve", "Entry is complete.");
        cases.runPublication(instance);
        assertThat(events.publicationsOf(caseId))
                .containsExactly(new PublicationReleased(caseId, PUBLISHER.id(), "Impactvolle algoritmes", false, true));
    }

    @Test
    void anIamaThatFindsAProhibitedPracticeStopsTheCaseBeforeTheCommittee() {
        String caseId = newCaseId();
        ProcessInstance instance = cases.submit(caseId, "aiSystem", "highRiskArea");
        assertThat(instance).variables().containsEntry("publicationCategory", "Hoog-risico AI-systeem");

        cases.handInIamaThatStops(instance, "IAMA: The use case falls under a prohibited AI practice (AI Act Art. 5).");

        assertThat(instance).isEnded().hasPassedInOrder("fillInIama", "iamaStopGateway", "stoppedByIama")
                .hasNotPassed("reviewEthics", "releasePublication");
        assertThat(stages(caseId)).containsExactly("PRE_SCAN", "IAMA", "STOPPED");
        assertThat(events.stagesOf(caseId).get(2).closingReason()).contains("prohibited AI practice");
    }

    @Test
    void anEthicsReviewSentBackIsRevisedAndReviewedAgain() {
        String caseId = newCaseId();
        ProcessInstance instance = cases.submit(caseId, "directImpactOnCitizens");
        cases.handIn(instance, "fillInIama");

        cases.decide(ETHICS_MEMBER, instance, "reviewEthics", "send-back", "Explain the human oversight.");
        assertThat(instance).isWaitingAt("reviseForEthics").task().hasCandidateGroup("project-owner");
        cases.handIn(instance, "reviseForEthics");
        assertThat(instance).isWaitingAt("reviewEthics");
        cases.decide(ETHICS_MEMBER, instance, "reviewEthics", "approve", "Oversight is now clear.");

        assertThat(instance).isWaitingAt("releasePublication")
                .hasPassedInOrder("reviewEthics", "ethicsOutcome", "reviseForEthics", "ethicsLoop", "reviewEthics", "afterEthics");
        assertThat(passes(instance, "reviewEthics")).isEqualTo(2);
        assertThat(passes(instance, "fillInIama")).as("the IAMA is not asked again").isEqualTo(1);
        assertThat(stages(caseId)).containsExactly("PRE_SCAN", "IAMA", "ETHICS_REVIEW", "REVISION", "ETHICS_REVIEW",
                "PUBLICATION_REVIEW");
        assertThat(events.stagesOf(caseId).get(3).activityId()).isEqualTo("reviseForEthics");
    }

    @Test
    void anEthicsRejectionEndsTheCase() {
        String caseId = newCaseId();
        ProcessInstance instance = cases.submit(caseId, "directImpactOnCitizens");
        cases.handIn(instance, "fillInIama");

        cases.decide(ETHICS_MEMBER, instance, "reviewEthics", "reject", "Disproportionate impact on residents.");

        assertThat(instance).isEnded().hasPassedInOrder("reviewEthics", "ethicsOutcome", "rejectedByEthics")
                .hasNotPassed("afterEthics", "releasePublication");
        assertThat(stages(caseId)).containsExactly("PRE_SCAN", "IAMA", "ETHICS_REVIEW", "REJECTED");
        assertThat(events.stagesOf(caseId).get(3)).isEqualTo(
                new CaseStageReached(caseId, "REJECTED", "rejectedByEthics", "Disproportionate impact on residents."));
    }

    @Test
    void aCaseNeedingDpiaAndEthicsReviewPassesBothBeforeItIsPublished() {
        String caseId = newCaseId();
        ProcessInstance instance = cases.submit(caseId, "personalData", "sensitiveData", "dpia:required");

        cases.handIn(instance, "fillInDpia");
        cases.decide(PRIVACY_OFFICER, instance, "reviewDpia", "approve", "Measures are sufficient.");
        cases.handIn(instance, "fillInIama");
        assertThat(instance).isWaitingAt("reviewEthics");
        cases.decide(ETHICS_MEMBER, instance, "reviewEthics", "approve", "Proportionate.");
        cases.decide(PUBLISHER, instance, "releasePublication", "approve", "Entry is complete.");
        cases.runPublication(instance);

        assertThat(instance).isEnded()
                .hasPassedInOrder("fillInDpia", "reviewDpia", "decideAfterDpia", "afterPrivacy", "ethicsGateway", "fillInIama",
                        "reviewEthics", "afterEthics", "releasePublication", "publishEntry", "published");
        assertThat(stages(caseId)).containsExactly("PRE_SCAN", "DPIA", "DPIA_REVIEW", "IAMA", "ETHICS_REVIEW", "PUBLICATION_REVIEW",
                "PUBLISHED");
        assertThat(events.publicationsOf(caseId))
                .containsExactly(new PublicationReleased(caseId, PUBLISHER.id(), "Impactvolle algoritmes", true, true));
    }

    @Test
    void aReleaseSentBackIsRevisedAndReleasedAgain() {
        String caseId = newCaseId();
        ProcessInstance instance = cases.submit(caseId);

        cases.decide(PUBLISHER, instance, "releasePublication", "send-back", "The contact address is missing.");
        assertThat(instance).isWaitingAt("reviseForPublication").task().hasCandidateGroup("project-owner");
        cases.handIn(instance, "reviseForPublication");
        assertThat(instance).isWaitingAt("releasePublication");
        cases.decide(PUBLISHER, instance, "releasePublication", "approve", "Entry is complete.");
        cases.runPublication(instance);

        assertThat(instance).isEnded()
                .hasPassedInOrder("releaseLoop", "releasePublication", "releaseOutcome", "reviseForPublication", "releaseLoop",
                        "releasePublication", "releaseOutcome", "publishEntry", "published");
        assertThat(passes(instance, "releasePublication")).isEqualTo(2);
        assertThat(stages(caseId)).containsExactly("PRE_SCAN", "PUBLICATION_REVIEW", "REVISION", "PUBLICATION_REVIEW",
                "PUBLISHED");
        assertThat(events.stagesOf(caseId).get(2).activityId()).isEqualTo("reviseForPublication");
        assertThat(events.publicationsOf(caseId)).hasSize(1);
    }

    @Test
    void aRejectedReleaseEndsTheCaseUnpublished() {
        String caseId = newCaseId();
        ProcessInstance instance = cases.submit(caseId);

        cases.decide(PUBLISHER, instance, "releasePublication", "reject", "Not fit for the public register.");

        assertThat(instance).isEnded().hasPassedInOrder("releasePublication", "releaseOutcome", "rejectedAtRelease")
                .hasNotPassed("publishEntry", "published");
        assertThat(stages(caseId)).containsExactly("PRE_SCAN", "PUBLICATION_REVIEW", "REJECTED");
        assertThat(events.stagesOf(caseId).get(2)).isEqualTo(
                new CaseStageReached(caseId, "REJECTED", "rejectedAtRelease", "Not fit for the public register."));
        assertThat(events.publicationsOf(caseId)).isEmpty();
    }

    @Test
    void aResultTheBindingDoesNotMapStopsForThePrivacyOfficersPolicyDecisionAndNeverRoutes() {
        String caseId = newCaseId();
        ProcessInstance instance = cases.start(caseId);
        cases.answerPreScanWithAPolicyGap(instance, "aiActClass: no class fits labels [hoog-risico AI]");

        assertThat(instance).isWaitingAt("decidePolicyGap").task().hasCandidateGroup("privacy-officer");
        assertThat(instance).hasNotPassed("decideReviewRoute");
        cases.decide(PRIVACY_OFFICER, instance, "decidePolicyGap", "send-back", "The binding now maps this path; assess again.");
        assertThat(instance).isWaitingAt("answerPreScan");

        cases.answerPreScanWithAPolicyGap(instance, "dpiaLevel: assessment 'DPIA' reached level 'x'");
        cases.decide(PRIVACY_OFFICER, instance, "decidePolicyGap", "reject", "No policy for this use; not pursued.");
        assertThat(instance).isEnded().hasPassed("rejectedAtPolicyDecision").hasNotPassed("decideReviewRoute");
        assertThat(stages(caseId)).endsWith("REJECTED");
    }

    private static List<String> stages(String caseId) {
        return events.stagesOf(caseId).stream().map(CaseStageReached::stage).toList();
    }

    private static long passes(ProcessInstance instance, String activityId) {
        return engine.getHistoryService().createHistoricActivityInstanceQuery()
                .processInstanceId(instance.getId()).activityId(activityId).count();
    }

    /** The build folder of this run ({@code target}, or {@code -Dbuild.dir}): the parent of the test classes. */
    private static Path buildFolder() {
        try {
            return Path.of(AlgorithmReviewProcessTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
