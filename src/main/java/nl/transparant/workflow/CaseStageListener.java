package nl.transparant.workflow;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import nl.transparant.workflow.review.ReviewEvents.CaseStageReached;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.context.ApplicationEventPublisher;

/** Tells the rest of the application that the process moved the case to the stage its BPMN element names. */
public class CaseStageListener implements TaskListener, ExecutionListener {

    private final ApplicationEventPublisher events;

    CaseStageListener(ApplicationEventPublisher events) {
        this.events = events;
    }

    /**
     * The stage each element of a deployed definition names, by definition id and element id: read from the BPMN's model
     * once, not on every stage reached (a deployed definition never changes; a query of the model's DOM each time).
     */
    private final Map<String, String> stageByElement = new ConcurrentHashMap<>();

    @Override
    public void notify(DelegateTask task) {
        DelegateExecution execution = task.getExecution();
        String stage = stageByElement.computeIfAbsent(task.getProcessDefinitionId() + "/" + task.getTaskDefinitionKey(),
                element -> stageOf(task.getBpmnModelElementInstance()));
        events.publishEvent(new CaseStageReached(caseId(execution), stage, task.getTaskDefinitionKey(), null));
    }

    @Override
    public void notify(DelegateExecution execution) {
        String stage = stageByElement.computeIfAbsent(execution.getProcessDefinitionId() + "/" + execution.getCurrentActivityId(),
                element -> stageOf(execution.getBpmnModelElementInstance()));
        String reason = switch (stage) {
            case "REJECTED" -> (String) execution.getVariable(ProcessVariables.RATIONALE);
            case "STOPPED" -> execution.getVariable(ProcessVariables.STOP_REASON) instanceof String stop
                    ? stop
                    : (String) execution.getVariable(ProcessVariables.ROUTE_REASON);
            default -> null;
        };
        events.publishEvent(new CaseStageReached(caseId(execution), stage, execution.getCurrentActivityId(), reason));
    }

    private static String caseId(DelegateExecution execution) {
        return (String) execution.getVariable(ProcessVariables.CASE_ID);
    }

    static String stageOf(FlowElement element) {
        return property(element, ProcessVariables.PROPERTY_CASE_STAGE);
    }

    public static String property(FlowElement element, String name) {
        if (element == null || element.getExtensionElements() == null) {
            return null;
        }
        return element.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list().stream()
                .flatMap(p -> p.getCamundaProperties().stream())
                .filter(p -> name.equals(p.getCamundaName()))
                .map(CamundaProperty::getCamundaValue)
                .findFirst()
                .orElse(null);
    }
}
