package nl.transparant.workflow.problemreports;

import nl.transparant.workflow.ProcessVariables;

import java.time.Duration;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The application's way into {@code processes/problem-report.bpmn}: a problem the public reported about a register
 * entry becomes a task for the entry's owners. The case id is the business key, so the task shows in the owners'
 * inbox next to the case it is about and is completed through the same task API.
 */
@Service
public class ProblemReportProcess {

    static final String PROCESS_KEY = "problem-report";
    static final String REPORT_ID = "problemReportId";
    static final String REPORT_MESSAGE = "reportMessage";
    /** ISO 8601 duration after which the owners are reminded of an unhandled report (the BPMN's timer). */
    static final String REMINDER_AFTER = "reminderAfter";

    private final RuntimeService runtimeService;
    private final String reminderAfter;

    ProblemReportProcess(RuntimeService runtimeService,
            @Value("${transparant.register.problem-report-reminder:P14D}") String reminderAfter) {
        this.runtimeService = runtimeService;
        // refuse a typo at start, not when the first report's timer is created
        Duration.parse(reminderAfter);
        this.reminderAfter = reminderAfter;
    }

    /**
     * Starts the handling of a report; the organisation becomes the instance's tenant. The reply address is not
     * passed: the engine keeps its history for years, and the address belongs only in the report itself.
     */
    @Transactional
    public String startProblemReport(String reportId, String caseId, String organisation, String message) {
        return runtimeService.createProcessInstanceByKey(PROCESS_KEY)
                .businessKey(caseId)
                .setVariable(ProcessVariables.CASE_ID, caseId)
                .setVariable(ProcessVariables.ORGANISATION, organisation)
                .setVariable(REPORT_ID, reportId)
                .setVariable(REPORT_MESSAGE, message)
                .setVariable(REMINDER_AFTER, reminderAfter)
                .execute()
                .getId();
    }
}
