package nl.transparant.workflow.review;

import nl.transparant.workflow.RecordedEvents;
import nl.transparant.workflow.WorkflowTestEngine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nl.transparant.workflow.review.ReviewEvents.PolicyEvaluated;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The routing table's evaluation reaches the application as an event, with the definition version and the rule that fired. */
class PolicyEvaluationListenerTest {

    static final RecordedEvents events = new RecordedEvents();
    static ProcessEngine engine;

    @BeforeAll
    static void startEngine() {
        engine = WorkflowTestEngine.plain("policy-evaluation-test", events);
        WorkflowTestEngine.deployReviewModels(engine);
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @Test
    void thePreScanRoutingIsReportedWithItsPolicyVersionInputsAndFiredRule() {
        String caseId = ReviewCases.newCaseId();
        ProcessInstance instance = new ReviewCases(engine).submit(caseId, "personalData", "profiling", "dpia:required");

        List<PolicyEvaluated> evaluated = events.ofType(PolicyEvaluated.class).stream()
                .filter(e -> caseId.equals(e.caseId()))
                .toList();
        assertThat(evaluated).hasSize(1);
        PolicyEvaluated routing = evaluated.get(0);
        assertThat(routing.decisionKey()).isEqualTo("review-route");
        assertThat(routing.decisionVersion()).isEqualTo(1);
        assertThat(routing.decisionDefinitionId()).startsWith("review-route:1:");
        assertThat(routing.activityId()).isEqualTo("decideReviewRoute");
        assertThat(routing.inputs()).containsEntry("in_impactful", true).containsEntry("in_dpiaLevel", "required")
                .containsEntry("in_residualRisk", "not_assessed");
        assertThat(routing.matchedRuleIds()).hasSize(1);
        assertThat(routing.outputs()).containsEntry("dpiaRequired", true).containsEntry("approvalTier", "ethics-committee")
                .containsKey("publicationCategory");
        assertThat(engine.getHistoryService().createHistoricDecisionInstanceQuery().processInstanceId(instance.getId())
                .includeOutputs().singleResult().getOutputs().get(0).getRuleId())
                .as("the same rule as the engine's history names")
                .isEqualTo(routing.matchedRuleIds().get(0));
    }
}
