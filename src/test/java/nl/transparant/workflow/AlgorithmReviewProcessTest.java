package nl.transparant.workflow;

import static nl.transparant.workflow.ReviewCases.ETHICS_MEMBER;
import static nl.transparant.workflow.ReviewCases.ORGANISATION;
import static nl.transparant.workflow.ReviewCases.PRIVACY_OFFICER;
import static nl.transparant.workflow.ReviewCases.PUBLISHER;
import static nl.transparant.workflow.ReviewCases.SUBMITTER;
import static nl.transparant.workflow.ReviewCases.newCaseId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import nl.transparant.workflow.ReviewEvents.CaseStageReached;
import nl.transparant.workflow.ReviewEvents.PublicationReleased;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of {@code processes/algorithm-review.bpmn}, routed by {@code policies/review-route.dmn}, on an
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
        cases.handInDpia(instance, "hoog", true);
        cases.decide(PRIVACY_OFFICER, instance, "reviewDpia", "approve", "Measures are as good as they get; residual risk stays high.");

        assertThat(instance).isWaitingAt("requestPriorConsultation").task().hasCandidateGroup("privacy-officer");
        cases.complete(PRIVACY_OFFICER, cases.openTask(instance, "requestPriorConsultation"),
                java.util.Map.of(ProcessVariables.OUTCOME, ReviewTask.SUBMIT, ProcessVariables.RATIONALE, "Sent to the AP."));
        assertThat(instance).isWaitingAt("supervisorAdvice");
        assertThat(stages(caseId)).endsWith("DPIA_REVIEW", "PRIOR_CONSULTATION");

        engine.getRuntimeService().createMessageCorrelation("SupervisorAdviceRecorded")
                .processInstanceId(instance.getId())
                .setVariable("supervisorAdvice", "Proceed with the additional measures.")
                .correlate();
        assertThat(instance).isWaitingAt("releasePublication")
                .hasPassedInOrder("priorConsultationGateway", "requestPriorConsultation", "supervisorAdvice", "afterDpia");
    }

    @Test
    void aMediumResidualRiskNeedsNoPriorConsultation() {
        ProcessInstance instance = cases.submit(newCaseId(), "personalData", "largeScale", "dpia:required");
        cases.handInDpia(instance, "midden", false);
        cases.decide(PRIVACY_OFFICER, instance, "reviewDpia", "approve", "Fine.");

        assertThat(instance).isWaitingAt("releasePublication").hasPassed("priorConsultationGateway").hasNotPassed("requestPriorConsultation");
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
                .hasNotPassed("dpiaGateway", "fillInDpia", "reviewEthics", "releasePublication");
        assertThat(instance).variables()
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
    void withoutDpiaAndEthicsReviewTheCaseGoesStraightToRelease() {
        String caseId = newCaseId();
        ProcessInstance instance = cases.submit(caseId);

        assertThat(instance).isWaitingAt("releasePublication")
                .hasPassedInOrder("prohibitedGateway", "dpiaGateway", "afterDpia", "ethicsGateway", "afterEthics", "releaseLoop")
                .hasNotPassed("fillInDpia", "reviewDpia", "reviewEthics");
        assertThat(instance).task().hasCandidateGroup("register-publisher");
        assertThat(instance).variables()
                .containsEntry("prohibited", false)
                .containsEntry("dpiaRequired", false)
                .containsEntry("ethicsReviewRequired", false)
                .containsEntry("publicationCategory", "Overige algoritmes");
        assertThat(stages(caseId)).containsExactly("PRE_SCAN", "PUBLICATION_REVIEW");
    }

    @Test
    void aReleasedEntryIsPublished() {
        String caseId = newCaseId();
        ProcessInstance instance = cases.submit(caseId);

        cases.decide(PUBLISHER, instance, "releasePublication", "approve", "Entry is complete.");

        assertThat(instance).isEnded().hasPassedInOrder("releasePublication", "releaseOutcome", "publishEntry", "published");
        assertThat(stages(caseId)).containsExactly("PRE_SCAN", "PUBLICATION_REVIEW", "PUBLISHED");
        assertThat(events.stagesOf(caseId).get(2)).isEqualTo(new CaseStageReached(caseId, "PUBLISHED", "published", null));
        assertThat(events.publicationsOf(caseId))
                .containsExactly(new PublicationReleased(caseId, PUBLISHER.id(), "Overige algoritmes", false, false));
    }

    @Test
    void anApprovedDpiaLeadsToRelease() {
        String caseId = newCaseId();
        ProcessInstance instance = cases.submit(caseId, "personalData", "largeScale", "dpia:required");

        assertThat(instance).isWaitingAt("fillInDpia").task().hasCandidateGroup("project-owner");
        assertThat(instance).variables().containsEntry("dpiaRequired", true).containsEntry("ethicsReviewRequired", false);
        cases.handIn(instance, "fillInDpia");
        assertThat(instance).isWaitingAt("reviewDpia").task().hasCandidateGroup("privacy-officer");

        cases.decide(PRIVACY_OFFICER, instance, "reviewDpia", "approve", "Measures are sufficient.");

        assertThat(instance).isWaitingAt("releasePublication")
                .hasPassedInOrder("dpiaGateway", "dpiaLoop", "fillInDpia", "reviewDpia", "dpiaOutcome", "afterDpia",
                        "ethicsGateway", "afterEthics", "releaseLoop")
                .hasNotPassed("reviewEthics");
        // the release is a review of its own: the privacy officer's outcome does not carry over
        assertThat(instance).variables().doesNotContainKeys("outcome", "decidedBy");
        assertThat(stages(caseId)).containsExactly("PRE_SCAN", "DPIA", "DPIA_REVIEW", "PUBLICATION_REVIEW");

        cases.decide(PUBLISHER, instance, "releasePublication", "approve", "Entry is complete.");
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
                .hasPassedInOrder("fillInDpia", "reviewDpia", "fillInDpia", "reviewDpia", "fillInDpia", "reviewDpia", "afterDpia");
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
                .hasNotPassed("afterDpia", "releasePublication");
        assertThat(stages(caseId)).containsExactly("PRE_SCAN", "DPIA", "DPIA_REVIEW", "REJECTED");
        assertThat(events.stagesOf(caseId).get(3))
                .isEqualTo(new CaseStageReached(caseId, "REJECTED", "rejectedAtDpia", "Processing is not proportionate."));
        assertThat(events.publicationsOf(caseId)).isEmpty();
    }

    @Test
    void anApprovedEthicsReviewLeadsToRelease() {
        String caseId = newCaseId();
        ProcessInstance instance = cases.submit(caseId, "directImpactOnCitizens");

        assertThat(instance).isWaitingAt("reviewEthics").hasNotPassed("fillInDpia")
                .task().hasCandidateGroup("ethics-committee");
        assertThat(instance).variables().containsEntry("dpiaRequired", false).containsEntry("ethicsReviewRequired", true)
                .containsEntry("publicationCategory", "Impactvolle algoritmes");

        cases.decide(ETHICS_MEMBER, instance, "reviewEthics", "approve", "Proportionate and explained to residents.");

        assertThat(instance).isWaitingAt("releasePublication")
                .hasPassedInOrder("dpiaGateway", "afterDpia", "ethicsGateway", "ethicsLoop", "reviewEthics", "ethicsOutcome",
                        "afterEthics", "releaseLoop");
        assertThat(stages(caseId)).containsExactly("PRE_SCAN", "ETHICS_REVIEW", "PUBLICATION_REVIEW");

        cases.decide(PUBLISHER, instance, "releasePublication", "approve", "Entry is complete.");
        assertThat(events.publicationsOf(caseId))
                .containsExactly(new PublicationReleased(caseId, PUBLISHER.id(), "Impactvolle algoritmes", false, true));
    }

    @Test
    void anEthicsReviewSentBackIsRevisedAndReviewedAgain() {
        String caseId = newCaseId();
        ProcessInstance instance = cases.submit(caseId, "directImpactOnCitizens");

        cases.decide(ETHICS_MEMBER, instance, "reviewEthics", "send-back", "Explain the human oversight.");
        assertThat(instance).isWaitingAt("reviseForEthics").task().hasCandidateGroup("project-owner");
        cases.handIn(instance, "reviseForEthics");
        assertThat(instance).isWaitingAt("reviewEthics");
        cases.decide(ETHICS_MEMBER, instance, "reviewEthics", "approve", "Oversight is now clear.");

        assertThat(instance).isWaitingAt("releasePublication")
                .hasPassedInOrder("reviewEthics", "ethicsOutcome", "reviseForEthics", "ethicsLoop", "reviewEthics", "afterEthics");
        assertThat(passes(instance, "reviewEthics")).isEqualTo(2);
        assertThat(stages(caseId)).containsExactly("PRE_SCAN", "ETHICS_REVIEW", "REVISION", "ETHICS_REVIEW",
                "PUBLICATION_REVIEW");
        assertThat(events.stagesOf(caseId).get(2).activityId()).isEqualTo("reviseForEthics");
    }

    @Test
    void anEthicsRejectionEndsTheCase() {
        String caseId = newCaseId();
        ProcessInstance instance = cases.submit(caseId, "directImpactOnCitizens");

        cases.decide(ETHICS_MEMBER, instance, "reviewEthics", "reject", "Disproportionate impact on residents.");

        assertThat(instance).isEnded().hasPassedInOrder("reviewEthics", "ethicsOutcome", "rejectedByEthics")
                .hasNotPassed("afterEthics", "releasePublication");
        assertThat(stages(caseId)).containsExactly("PRE_SCAN", "ETHICS_REVIEW", "REJECTED");
        assertThat(events.stagesOf(caseId).get(2)).isEqualTo(
                new CaseStageReached(caseId, "REJECTED", "rejectedByEthics", "Disproportionate impact on residents."));
    }

    @Test
    void aCaseNeedingDpiaAndEthicsReviewPassesBothBeforeItIsPublished() {
        String caseId = newCaseId();
        ProcessInstance instance = cases.submit(caseId, "personalData", "sensitiveData");

        cases.handIn(instance, "fillInDpia");
        cases.decide(PRIVACY_OFFICER, instance, "reviewDpia", "approve", "Measures are sufficient.");
        assertThat(instance).isWaitingAt("reviewEthics");
        cases.decide(ETHICS_MEMBER, instance, "reviewEthics", "approve", "Proportionate.");
        cases.decide(PUBLISHER, instance, "releasePublication", "approve", "Entry is complete.");

        assertThat(instance).isEnded()
                .hasPassedInOrder("fillInDpia", "reviewDpia", "afterDpia", "ethicsGateway", "reviewEthics", "afterEthics",
                        "releasePublication", "publishEntry", "published");
        assertThat(stages(caseId)).containsExactly("PRE_SCAN", "DPIA", "DPIA_REVIEW", "ETHICS_REVIEW", "PUBLICATION_REVIEW",
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
