package nl.transparant.workflow.review;

import nl.transparant.workflow.RecordedEvents;
import nl.transparant.workflow.WorkflowTestEngine;

import static nl.transparant.workflow.review.ReviewCases.answers;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricDecisionInstance;
import org.camunda.bpm.engine.history.HistoricDecisionOutputInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The approval tiers of {@code policies/review-route.dmn} (hit policy FIRST), every rule with answer sets that make it
 * the first to match: the rule that fired (its id, from the engine's decision history), its tier and the approvals it
 * adds to the owner's and the publisher's.
 */
class ReviewRouteDecisionTest {

    static final String HIGH_RISK_AI = "Hoog-risico AI-systeem";
    static final String IMPACTFUL = "Impactvolle algoritmes";
    static final String OTHER = "Overige algoritmes";

    @RegisterExtension
    static final ProcessEngineExtension engine = ProcessEngineExtension.builder()
            .useProcessEngine(WorkflowTestEngine.plain("review-route-decision-test", new RecordedEvents()))
            .build();

    /** Injected by the extension. */
    ProcessEngine processEngine;

    @BeforeEach
    void deploy() {
        WorkflowTestEngine.deployReviewModels(processEngine);
    }

    @Test
    void aProhibitedPracticeIsRejectedWhateverElseHolds() {
        Route route = evaluate(answers(ReviewCases.PRE_SCAN_QUESTIONS.toArray(String[]::new)), "hoog");

        assertThat(route.ruleId()).isEqualTo("prohibited-practice");
        assertThat(route.tier()).isEqualTo("rejected");
        assertThat(route.prohibited()).isTrue();
        assertThat(route.approvals()).isEqualTo(approvals(false, false, false, false));
        assertThat(route.routeReason()).contains("Prohibited AI practice (AI Act Art. 5)");
    }

    @Test
    void noDpiaMinimalAiAndNoImpactNeedOnlyTheOwnerAndThePublisher() {
        for (Map<String, Object> answers : List.of(answers(), answers("personalData"), answers("aiSystem", "ai:minimal", "largeScale"),
                answers("aiSystem", "highRiskArea", "ai:minimal"))) {
            Route route = evaluate(answers, NOT_ASSESSED);
            assertThat(route.ruleId()).as("%s", answers).isEqualTo("other");
            assertThat(route.tier()).isEqualTo("owner-publisher");
            assertThat(route.approvals()).isEqualTo(approvals(false, false, false, false));
            assertThat(route.publicationCategory()).isEqualTo(OTHER);
        }
    }

    @Test
    void aRecommendedDpiaOrTransparencyDutiesAddThePrivacyOfficersApprovalOfThePreScan() {
        Route recommended = evaluate(answers("personalData", "dpia:recommended"), NOT_ASSESSED);
        Route limitedAi = evaluate(answers("aiSystem", "ai:limited"), NOT_ASSESSED);

        assertThat(recommended.ruleId()).isEqualTo("dpia-recommended");
        assertThat(limitedAi.ruleId()).isEqualTo("limited-ai");
        for (Route route : List.of(recommended, limitedAi)) {
            assertThat(route.tier()).isEqualTo("privacy-officer");
            assertThat(route.approvals()).as("pre-scan approval, no full DPIA").isEqualTo(approvals(true, false, false, false));
            assertThat(route.publicationCategory()).isEqualTo(OTHER);
        }
    }

    @Test
    void aRequiredDpiaAddsTheDpiaWithTheDpoAdviceAndThePrivacyOfficersApproval() {
        Route beforeTheDpia = evaluate(answers("personalData", "largeScale", "dpia:required"), NOT_ASSESSED);
        Route lowResidualRisk = evaluate(answers("personalData", "largeScale", "dpia:required"), "laag");
        Route mediumResidualRisk = evaluate(answers("personalData", "largeScale", "dpia:required", "aiSystem", "ai:limited"), "midden");

        for (Route route : List.of(beforeTheDpia, lowResidualRisk, mediumResidualRisk)) {
            assertThat(route.ruleId()).isEqualTo("dpia-required");
            assertThat(route.tier()).isEqualTo("dpia");
            assertThat(route.approvals()).isEqualTo(approvals(false, true, false, false));
        }
    }

    @Test
    void aHighResidualRiskAddsPriorConsultationWhicheverTierTheCaseHas() {
        Route other = evaluate(answers("personalData", "largeScale", "dpia:required"), "hoog");
        Route impactful = evaluate(answers("personalData", "profiling", "dpia:required"), "hoog");
        Route highRisk = evaluate(answers("personalData", "aiSystem", "highRiskArea", "dpia:required"), "hoog");

        assertThat(other.ruleId()).isEqualTo("dpia-residual-high");
        assertThat(other.approvals()).isEqualTo(approvals(false, true, false, true));
        assertThat(impactful.ruleId()).isEqualTo("impactful-dpia-residual-high");
        assertThat(impactful.approvals()).isEqualTo(approvals(false, true, true, true));
        assertThat(highRisk.ruleId()).isEqualTo("high-risk-dpia-residual-high");
        assertThat(highRisk.approvals()).isEqualTo(approvals(false, true, true, true));
        assertThat(List.of(other.tier(), impactful.tier(), highRisk.tier())).containsOnly("prior-consultation");
        assertThat(List.of(other.publicationCategory(), impactful.publicationCategory(), highRisk.publicationCategory()))
                .containsExactly(OTHER, IMPACTFUL, HIGH_RISK_AI);
    }

    @Test
    void aHighRiskAiSystemAddsTheIamaAndTheEthicsCommitteeToItsPrivacyReview() {
        Route withDpia = evaluate(answers("personalData", "aiSystem", "highRiskArea", "dpia:required"), NOT_ASSESSED);
        Route withDpiaRecommended = evaluate(answers("personalData", "aiSystem", "highRiskArea", "dpia:recommended"), NOT_ASSESSED);
        Route withoutPersonalData = evaluate(answers("aiSystem", "highRiskArea"), NOT_ASSESSED);

        assertThat(withDpia.ruleId()).isEqualTo("high-risk-dpia");
        assertThat(withDpia.approvals()).isEqualTo(approvals(false, true, true, false));
        assertThat(withDpiaRecommended.ruleId()).isEqualTo("high-risk-dpia-recommended");
        assertThat(withDpiaRecommended.approvals()).isEqualTo(approvals(true, false, true, false));
        assertThat(withoutPersonalData.ruleId()).isEqualTo("high-risk");
        assertThat(withoutPersonalData.approvals()).isEqualTo(approvals(false, false, true, false));
        for (Route route : List.of(withDpia, withDpiaRecommended, withoutPersonalData)) {
            assertThat(route.tier()).isEqualTo("ethics-committee");
            assertThat(route.publicationCategory()).isEqualTo(HIGH_RISK_AI);
        }
    }

    @Test
    void anImpactfulAlgorithmAddsTheIamaAndTheEthicsCommittee() {
        Map<String, Route> byAnswers = new java.util.LinkedHashMap<>();
        byAnswers.put("impactful-dpia", evaluate(answers("personalData", "sensitiveData", "dpia:required"), NOT_ASSESSED));
        byAnswers.put("impactful-dpia-recommended", evaluate(answers("personalData", "automatedDecision", "dpia:recommended"), NOT_ASSESSED));
        byAnswers.put("impactful-limited-ai", evaluate(answers("directImpactOnCitizens", "aiSystem", "ai:limited"), NOT_ASSESSED));
        byAnswers.put("impactful", evaluate(answers("directImpactOnCitizens"), NOT_ASSESSED));

        assertThat(byAnswers).allSatisfy((rule, route) -> {
            assertThat(route.ruleId()).isEqualTo(rule);
            assertThat(route.tier()).isEqualTo("ethics-committee");
            assertThat(route.approvals().ethicsReview()).isTrue();
            assertThat(route.publicationCategory()).isEqualTo(IMPACTFUL);
        });
        assertThat(byAnswers.get("impactful-dpia").approvals()).isEqualTo(approvals(false, true, true, false));
        assertThat(byAnswers.get("impactful-dpia-recommended").approvals()).isEqualTo(approvals(true, false, true, false));
        assertThat(byAnswers.get("impactful-limited-ai").approvals()).isEqualTo(approvals(true, false, true, false));
        assertThat(byAnswers.get("impactful").approvals()).isEqualTo(approvals(false, false, true, false));
    }

    @Test
    void personalDataWithoutSpecialCategoriesProfilingOrAutomatedDecisionsIsNotImpactful() {
        assertThat(evaluate(answers("personalData", "largeScale"), NOT_ASSESSED).ruleId()).isEqualTo("other");
        assertThat(evaluate(answers("sensitiveData", "profiling", "automatedDecision"), NOT_ASSESSED).ruleId())
                .as("without personal data these answers are not about people").isEqualTo("other");
    }

    /** The risk matrix (policies/risk-matrix.yaml) shows the owner which residual level needs prior consultation; the table decides. */
    @Test
    void theTableAndTheRiskMatrixAgreeFromWhichResidualRiskTheSupervisorIsConsulted() throws java.io.IOException {
        Map<?, ?> matrix = new org.yaml.snakeyaml.Yaml().load(java.nio.file.Files.readString(java.nio.file.Path.of("policies", "risk-matrix.yaml")));
        String from = String.valueOf(matrix.get("prior_consultation_from"));
        Map<String, Integer> ranks = new java.util.HashMap<>();
        for (Object level : (List<?>) matrix.get("levels")) {
            ranks.put(String.valueOf(((Map<?, ?>) level).get("id")), ((Number) ((Map<?, ?>) level).get("rank")).intValue());
        }
        ranks.forEach((level, rank) -> assertThat(
                evaluate(answers("personalData", "largeScale", "dpia:required"), level).approvals().priorConsultation())
                .as("residual risk %s", level).isEqualTo(rank >= ranks.get(from)));
    }

    static final String NOT_ASSESSED = "not_assessed";

    /** What the table decided, and which rule decided it. */
    record Route(String ruleId, String tier, Boolean prohibited, Approvals approvals, String publicationCategory, String routeReason) {
    }

    /** The approvals a tier adds to the owner's and the publisher's. */
    record Approvals(Boolean preScanApproval, Boolean dpia, Boolean ethicsReview, Boolean priorConsultation) {
    }

    static Approvals approvals(boolean preScanApproval, boolean dpia, boolean ethicsReview, boolean priorConsultation) {
        return new Approvals(preScanApproval, dpia, ethicsReview, priorConsultation);
    }

    private Route evaluate(Map<String, Object> answers, String residualRisk) {
        Map<String, Object> variables = new HashMap<>(answers);
        variables.put("residualRisk", residualRisk);
        Set<String> earlier = decisionHistory().stream().map(HistoricDecisionInstance::getId).collect(Collectors.toSet());
        DmnDecisionTableResult result = processEngine.getDecisionService().evaluateDecisionTableByKey("review-route", variables);
        assertThat(result).as("hit policy FIRST gives one result").hasSize(1);
        DmnDecisionRuleResult outputs = result.getSingleResult();
        HistoricDecisionInstance evaluation = decisionHistory().stream()
                .filter(instance -> !earlier.contains(instance.getId()))
                .reduce((a, b) -> {
                    throw new AssertionError("one evaluation, two history entries");
                })
                .orElseThrow();
        return new Route(firedRule(evaluation), outputs.getEntry("approvalTier"), outputs.getEntry("prohibited"),
                new Approvals(outputs.getEntry("preScanApprovalRequired"), outputs.getEntry("dpiaRequired"),
                        outputs.getEntry("ethicsReviewRequired"), outputs.getEntry("priorConsultationRequired")),
                outputs.getEntry("publicationCategory"), outputs.getEntry("routeReason"));
    }

    private List<HistoricDecisionInstance> decisionHistory() {
        return processEngine.getHistoryService().createHistoricDecisionInstanceQuery()
                .decisionDefinitionKey("review-route")
                .includeOutputs()
                .list();
    }

    /** The rule that produced an evaluation's outputs, from the engine's decision history (history FULL). */
    private static String firedRule(HistoricDecisionInstance evaluation) {
        return evaluation.getOutputs().stream().map(HistoricDecisionOutputInstance::getRuleId).distinct()
                .reduce((a, b) -> {
                    throw new AssertionError("more than one rule fired: " + a + ", " + b);
                })
                .orElseThrow();
    }
}
