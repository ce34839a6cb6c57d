package nl.transparant.workflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.transparant.workflow.review.ReviewEvents.PolicyEvaluated;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedInput;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedOutput;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Tells the rest of the application which policy (decision table, with its deployed version) a case's process
 * evaluated, on which inputs, and which rules fired. Registered with the engine's DMN engine by
 * {@link TransparantEnginePlugin}; it runs inside the engine's transaction. Decisions evaluated outside a case's
 * process (for example a test through the decision service) are not a case's decision and are not reported.
 */
class PolicyEvaluationListener implements DmnDecisionTableEvaluationListener {

    private final ApplicationEventPublisher events;

    PolicyEvaluationListener(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public void notify(DmnDecisionTableEvaluationEvent evaluation) {
        BpmnExecutionContext context = Context.getBpmnExecutionContext();
        if (context == null || context.getExecution() == null) {
            return;
        }
        Object caseId = context.getExecution().getVariable(ProcessVariables.CASE_ID);
        if (caseId == null) {
            return;
        }
        DmnDecision decision = evaluation.getDecisionTable();
        DecisionDefinition definition = decision instanceof DecisionDefinition deployed ? deployed : null;
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (DmnEvaluatedInput input : evaluation.getInputs()) {
            inputs.put(input.getId(), input.getValue() == null ? null : input.getValue().getValue());
        }
        Map<String, Object> outputs = new LinkedHashMap<>();
        for (DmnEvaluatedDecisionRule rule : evaluation.getMatchingRules()) {
            for (DmnEvaluatedOutput output : rule.getOutputEntries().values()) {
                outputs.putIfAbsent(output.getOutputName(), output.getValue() == null ? null : output.getValue().getValue());
            }
        }
        List<String> matchedRules = evaluation.getMatchingRules().stream().map(DmnEvaluatedDecisionRule::getId).toList();
        events.publishEvent(new PolicyEvaluated(caseId.toString(), decision.getKey(),
                definition == null ? null : definition.getId(), definition == null ? null : definition.getVersion(),
                context.getExecution().getActivityId(), inputs, matchedRules, outputs));
    }
}
