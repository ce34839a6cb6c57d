package nl.transparant.workflow;

import static nl.transparant.workflow.ReviewCases.answers;
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
 * One test per rule of {@code policies/review-route.dmn} (hit policy FIRST): the answers that make the rule the
 * first to match, the rule that fired (its id, from the engine's decision history) and its outputs.
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
    void aProhibitedPracticeWinsOverEveryOtherAnswer() {
        Route route = evaluate(answers(ReviewCases.PRE_SCAN_QUESTIONS.toArray(String[]::new)));

        assertThat(route.ruleId()).isEqualTo("prohibited-practice");
        assertThat(route.prohibited()).isTrue();
        assertThat(route.dpiaRequired()).isFalse();
        assertThat(route.ethicsReviewRequired()).isFalse();
        assertThat(route.publicationCategory()).isEqualTo(HIGH_RISK_AI);
        assertThat(route.routeReason()).contains("Prohibited AI practice (AI Act Art. 5)");
    }

    @Test
    void anAiSystemThatProfilesPeopleIsHighRiskEvenWithoutPersonalData() {
        Route route = evaluate(answers("aiSystem", "profiling", "highRiskArea", "largeScale", "directImpactOnCitizens"));

        assertThat(route.ruleId()).isEqualTo("ai-profiling-high-risk");
        assertThat(route).isEqualTo(route.expecting(false, true, true, HIGH_RISK_AI));
        assertThat(route.routeReason()).contains("AI system profiling people: high risk");
    }

    @Test
    void anAiSystemInAnAnnexIiiAreaNeedsADpiaOnlyWithPersonalData() {
        Route withPersonalData = evaluate(answers("aiSystem", "highRiskArea", "personalData", "sensitiveData"));
        Route withoutPersonalData = evaluate(answers("aiSystem", "highRiskArea", "directImpactOnCitizens"));

        assertThat(withPersonalData.ruleId()).isEqualTo("ai-annex-iii-area");
        assertThat(withPersonalData).isEqualTo(withPersonalData.expecting(false, true, true, HIGH_RISK_AI));
        assertThat(withoutPersonalData.ruleId()).isEqualTo("ai-annex-iii-area");
        assertThat(withoutPersonalData).isEqualTo(withoutPersonalData.expecting(false, false, true, HIGH_RISK_AI));
        assertThat(withPersonalData.routeReason()).contains("AI system in a high-risk area (Annex III)");
    }

    @Test
    void sensitivePersonalDataNeedsDpiaAndEthicsReview() {
        Route route = evaluate(answers("personalData", "sensitiveData", "profiling", "automatedDecision", "largeScale"));

        assertThat(route.ruleId()).isEqualTo("sensitive-personal-data");
        assertThat(route).isEqualTo(route.expecting(false, true, true, IMPACTFUL));
        assertThat(route.routeReason()).contains("Special categories of data or vulnerable people");
    }

    @Test
    void profilingWithPersonalDataNeedsDpiaAndEthicsReview() {
        Route route = evaluate(answers("personalData", "profiling", "automatedDecision", "largeScale", "directImpactOnCitizens"));

        assertThat(route.ruleId()).isEqualTo("profiling-personal-data");
        assertThat(route).isEqualTo(route.expecting(false, true, true, IMPACTFUL));
        assertThat(route.routeReason()).contains("Profiling with personal data");
    }

    @Test
    void automatedDecisionsWithPersonalDataNeedDpiaAndEthicsReview() {
        Route route = evaluate(answers("personalData", "automatedDecision", "largeScale", "directImpactOnCitizens"));

        assertThat(route.ruleId()).isEqualTo("automated-decisions");
        assertThat(route).isEqualTo(route.expecting(false, true, true, IMPACTFUL));
        assertThat(route.routeReason()).contains("Automated decisions with legal effect");
    }

    @Test
    void directImpactOnResidentsNeedsEthicsReviewAndADpiaOnlyWithPersonalData() {
        Route withPersonalData = evaluate(answers("directImpactOnCitizens", "personalData", "largeScale"));
        Route withoutPersonalData = evaluate(answers("directImpactOnCitizens", "automatedDecision", "largeScale"));

        assertThat(withPersonalData.ruleId()).isEqualTo("direct-impact");
        assertThat(withPersonalData).isEqualTo(withPersonalData.expecting(false, true, true, IMPACTFUL));
        assertThat(withoutPersonalData.ruleId()).isEqualTo("direct-impact");
        assertThat(withoutPersonalData).isEqualTo(withoutPersonalData.expecting(false, false, true, IMPACTFUL));
        assertThat(withPersonalData.routeReason()).contains("Direct impact on residents");
    }

    @Test
    void aDpiaRequiredByThePreScanDefinitionNeedsADpiaButNoEthicsReview() {
        Route route = evaluate(answers("personalData", "largeScale", "dpia:required"));

        assertThat(route.ruleId()).isEqualTo("dpia-required-by-pre-scan");
        assertThat(route).isEqualTo(route.expecting(false, true, false, OTHER));
        assertThat(route.routeReason()).contains("DPIA required by the pre-scan");
    }

    @Test
    void aDpiaRecommendedByThePreScanDefinitionAlsoGoesToTheDpiaForNow() {
        Route route = evaluate(answers("personalData", "dpia:recommended"));

        assertThat(route.ruleId()).isEqualTo("dpia-recommended-by-pre-scan");
        assertThat(route).isEqualTo(route.expecting(false, true, false, OTHER));
        assertThat(route.routeReason()).contains("DPIA recommended by the pre-scan");
    }

    @Test
    void largeScaleAloneNoLongerDecidesTheDpiaThePreScanLevelDoes() {
        Route route = evaluate(answers("personalData", "largeScale", "highRiskArea"));

        assertThat(route.ruleId()).isEqualTo("other");
        assertThat(route).isEqualTo(route.expecting(false, false, false, OTHER));
    }

    @Test
    void everythingElseNeedsNeitherDpiaNorEthicsReview() {
        Route nothing = evaluate(answers());
        Route personalDataOnly = evaluate(answers("personalData"));
        Route noPersonalData = evaluate(answers("aiSystem", "sensitiveData", "automatedDecision", "largeScale"));

        assertThat(nothing.ruleId()).isEqualTo("other");
        assertThat(nothing).isEqualTo(nothing.expecting(false, false, false, OTHER));
        assertThat(nothing.routeReason()).contains("No raised risk found");
        assertThat(personalDataOnly.ruleId()).isEqualTo("other");
        assertThat(personalDataOnly).isEqualTo(personalDataOnly.expecting(false, false, false, OTHER));
        assertThat(noPersonalData.ruleId()).isEqualTo("other");
        assertThat(noPersonalData).isEqualTo(noPersonalData.expecting(false, false, false, OTHER));
    }

    @Test
    void anUnansweredPrescanQuestionMatchesNoRule() {
        Map<String, Object> incomplete = new HashMap<>(answers());
        incomplete.put("prohibitedPractice", null);

        DmnDecisionTableResult result = processEngine.getDecisionService().evaluateDecisionTableByKey("review-route", incomplete);

        assertThat(result).isEmpty();
    }

    /** What the table decided, and which rule decided it. */
    record Route(String ruleId, Boolean prohibited, Boolean dpiaRequired, Boolean ethicsReviewRequired,
            String publicationCategory, String routeReason) {

        Route expecting(boolean prohibited, boolean dpiaRequired, boolean ethicsReviewRequired, String category) {
            return new Route(ruleId, prohibited, dpiaRequired, ethicsReviewRequired, category, routeReason);
        }
    }

    private Route evaluate(Map<String, Object> answers) {
        Set<String> earlier = decisionHistory().stream().map(HistoricDecisionInstance::getId).collect(Collectors.toSet());
        DmnDecisionTableResult result = processEngine.getDecisionService().evaluateDecisionTableByKey("review-route", answers);
        assertThat(result).as("hit policy FIRST gives one result").hasSize(1);
        DmnDecisionRuleResult outputs = result.getSingleResult();
        HistoricDecisionInstance evaluation = decisionHistory().stream()
                .filter(instance -> !earlier.contains(instance.getId()))
                .reduce((a, b) -> {
                    throw new AssertionError("one evaluation, two history entries");
                })
                .orElseThrow();
        return new Route(firedRule(evaluation), outputs.getEntry("prohibited"), outputs.getEntry("dpiaRequired"),
                outputs.getEntry("ethicsReviewRequired"), outputs.getEntry("publicationCategory"), outputs.getEntry("routeReason"));
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
