package nl.transparant.workflow.livingentry;

import nl.transparant.workflow.ProcessVariables;

import nl.transparant.workflow.livingentry.LivingEntryEvents.RetirementApproved;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/** Serves the service task "Publish the retired entry": hands the approved retirement to the case and the register. */
@Component("retireEntry")
class RetireEntryDelegate implements JavaDelegate {

    private final ApplicationEventPublisher events;

    RetireEntryDelegate(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public void execute(DelegateExecution execution) {
        events.publishEvent(new RetirementApproved(
                (String) execution.getVariable(ProcessVariables.CASE_ID),
                (String) execution.getVariable(ProcessVariables.ORGANISATION),
                (String) execution.getVariable(ProcessVariables.DECIDED_BY),
                (String) execution.getVariable(ProcessVariables.SUBMITTER),
                (String) execution.getVariable(EntryRetirementProcess.END_DATE),
                (String) execution.getVariable(EntryRetirementProcess.REASON)));
    }
}
