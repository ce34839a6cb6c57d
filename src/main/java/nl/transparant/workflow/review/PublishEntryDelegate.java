package nl.transparant.workflow.review;

import nl.transparant.workflow.ProcessVariables;

import nl.transparant.workflow.review.ReviewEvents.PublicationReleased;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Serves the service task "Publish the register entry": hands the released case to the register. */
@Component("publishEntry")
public class PublishEntryDelegate implements JavaDelegate {

    private final ApplicationEventPublisher events;

    public PublishEntryDelegate(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public void execute(DelegateExecution execution) {
        events.publishEvent(new PublicationReleased(
                (String) execution.getVariable(ProcessVariables.CASE_ID),
                (String) execution.getVariable(ProcessVariables.DECIDED_BY),
                (String) execution.getVariable(ProcessVariables.PUBLICATION_CATEGORY),
                Boolean.TRUE.equals(execution.getVariable(ProcessVariables.DPIA_REQUIRED)),
                Boolean.TRUE.equals(execution.getVariable(ProcessVariables.ETHICS_REVIEW_REQUIRED))));
    }
}
