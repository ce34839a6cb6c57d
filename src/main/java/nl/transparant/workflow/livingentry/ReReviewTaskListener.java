package nl.transparant.workflow.livingentry;

import nl.transparant.workflow.ProcessVariables;

import nl.transparant.workflow.livingentry.LivingEntryEvents.ReReviewConfirmed;
import nl.transparant.workflow.livingentry.LivingEntryEvents.ReReviewDue;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Serves "Check that the register entry is still right": tells the application when a re-review falls due (the
 * timer fired and the task was created) and when an owner confirmed the entry, in the engine's transaction.
 */
@Component("reReview")
class ReReviewTaskListener implements TaskListener {

    private final ApplicationEventPublisher events;

    ReReviewTaskListener(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public void notify(DelegateTask task) {
        String caseId = (String) task.getVariable(ProcessVariables.CASE_ID);
        String organisation = (String) task.getVariable(ProcessVariables.ORGANISATION);
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            events.publishEvent(new ReReviewDue(caseId, organisation, task.getProcessInstanceId(), task.getTaskDefinitionKey()));
        } else if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
            // the next re-review is the timer's: due since its task comes
            task.getExecution().getProcessInstance().removeVariable(EntryUpkeepProcess.DUE_SINCE);
            Authentication actor = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
            events.publishEvent(new ReReviewConfirmed(caseId, organisation, actor == null ? null : actor.getUserId(),
                    (String) task.getVariable(ProcessVariables.RATIONALE), task.getProcessInstanceId(), task.getTaskDefinitionKey()));
        }
    }
}
