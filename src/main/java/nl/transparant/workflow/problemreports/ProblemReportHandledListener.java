package nl.transparant.workflow.problemreports;

import nl.transparant.workflow.ProcessVariables;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Serves the completion of "Handle a problem report": tells the register the report is handled, in the engine's
 * transaction, so the entry stops showing it as under review exactly when the task is done.
 */
@Component("problemReportHandled")
class ProblemReportHandledListener implements TaskListener {

    private final ApplicationEventPublisher events;

    ProblemReportHandledListener(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public void notify(DelegateTask task) {
        Authentication actor = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        events.publishEvent(new ProblemReportHandled(
                (String) task.getVariable(ProblemReportProcess.REPORT_ID),
                (String) task.getVariable(ProcessVariables.CASE_ID),
                actor == null ? null : actor.getUserId(),
                (String) task.getVariable(ProcessVariables.RATIONALE)));
    }
}
