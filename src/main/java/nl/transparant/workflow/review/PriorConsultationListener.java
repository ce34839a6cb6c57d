package nl.transparant.workflow.review;

import nl.transparant.workflow.ProcessVariables;

import nl.transparant.workflow.review.ReviewEvents.PriorConsultationRequested;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Reports that prior consultation was requested: the process starts waiting for the message that the supervisor's
 * advice arrived ({@value SupervisorAdvice#MESSAGE}). Tied to that message, not to an element id, so
 * the BPMN may rename or move the wait; the person and note are those of the completion that led here.
 */
public class PriorConsultationListener implements ExecutionListener {

    private final ApplicationEventPublisher events;

    public PriorConsultationListener(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public void notify(DelegateExecution execution) {
        if (!(execution.getBpmnModelElementInstance() instanceof IntermediateCatchEvent wait) || !waitsForSupervisorsAdvice(wait)) {
            return;
        }
        Object rationale = execution.getVariable(ProcessVariables.RATIONALE);
        Object requestedBy = execution.getVariable(ProcessVariables.DECIDED_BY);
        events.publishEvent(new PriorConsultationRequested((String) execution.getVariable(ProcessVariables.CASE_ID),
                execution.getCurrentActivityId(), requestedBy == null ? null : requestedBy.toString(),
                rationale == null ? null : rationale.toString()));
    }

    private static boolean waitsForSupervisorsAdvice(IntermediateCatchEvent wait) {
        return wait.getEventDefinitions().stream()
                .filter(MessageEventDefinition.class::isInstance)
                .map(d -> ((MessageEventDefinition) d).getMessage())
                .anyMatch(message -> message != null && SupervisorAdvice.MESSAGE.equals(message.getName()));
    }
}
