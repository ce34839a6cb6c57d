package nl.transparant.workflow;

import nl.transparant.workflow.review.ReviewEvents.TaskAssigned;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Reports every claim, hand-over and release of a case's user task, whichever client did it (the engine's REST
 * API, Cockpit, the Tasklist). Attached by {@link CaseLifecycleParseListener} after the segregation-of-duties
 * check, so a refused claim is never reported.
 */
class TaskAssignmentListener implements TaskListener {

    private final ApplicationEventPublisher events;

    TaskAssignmentListener(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public void notify(DelegateTask task) {
        Authentication actor = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        events.publishEvent(new TaskAssigned((String) task.getVariable(ProcessVariables.CASE_ID), task.getTaskDefinitionKey(),
                task.getName(), task.getAssignee(), actor == null ? null : actor.getUserId()));
    }
}
