package nl.transparant.workflow.problemreports;

import nl.transparant.workflow.ProcessVariables;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Serves the service task "Remind the owners" after the reminder timer of {@code processes/problem-report.bpmn}
 * fired. It runs in the job executor's transaction, on whichever node acquired the timer job, so the reminder is
 * recorded exactly once however many nodes there are.
 */
@Component("problemReportReminder")
public class ProblemReportReminderDelegate implements JavaDelegate {

    private final ApplicationEventPublisher events;

    public ProblemReportReminderDelegate(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public void execute(DelegateExecution execution) {
        events.publishEvent(new ProblemReportReminded(
                (String) execution.getVariable(ProblemReportProcess.REPORT_ID),
                (String) execution.getVariable(ProcessVariables.CASE_ID),
                (String) execution.getVariable(ProblemReportProcess.REMINDER_AFTER)));
    }
}
