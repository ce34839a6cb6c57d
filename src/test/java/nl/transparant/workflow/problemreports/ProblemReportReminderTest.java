package nl.transparant.workflow.problemreports;

import nl.transparant.workflow.RecordedEvents;
import nl.transparant.workflow.WorkflowTestEngine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reminder timer of {@code processes/problem-report.bpmn}: once, after the configured period, the task stays open. */
class ProblemReportReminderTest {

    private static final RecordedEvents EVENTS = new RecordedEvents();
    private static ProcessEngine engine;

    @BeforeAll
    static void engine() throws IOException {
        engine = WorkflowTestEngine.plain("problem-report-reminder", EVENTS);
        engine.getRepositoryService().createDeployment()
                .addString("problem-report.bpmn", Files.readString(Path.of("processes", "problem-report.bpmn")))
                .deploy();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void anUnhandledReportRemindsItsOwnersOnceAfterThePeriodAndStaysOpen() {
        ProblemReportProcess reports = new ProblemReportProcess(engine.getRuntimeService(), "P14D");
        Instant started = Instant.now();
        String instance = reports.startProblemReport("report-1", "case-1", "zoetermeer", "De link werkt niet.");

        Job reminder = engine.getManagementService().createJobQuery().processInstanceId(instance).singleResult();
        assertThat(reminder.getDuedate().toInstant()).isCloseTo(started.plus(Duration.ofDays(14)), within(1, ChronoUnit.MINUTES));
        assertThat(EVENTS.ofType(ProblemReportReminded.class)).isEmpty();

        engine.getManagementService().executeJob(reminder.getId());

        assertThat(EVENTS.ofType(ProblemReportReminded.class)).containsExactly(new ProblemReportReminded("report-1", "case-1", "P14D"));
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance).count()).as("it fires once").isZero();
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instance).taskDefinitionKey("handleProblemReport").count())
                .isEqualTo(1);
    }

    @Test
    void aPeriodThatIsNoDurationIsRefusedAtStart() {
        assertThatThrownBy(() -> new ProblemReportProcess(engine.getRuntimeService(), "14 dagen"))
                .isInstanceOf(DateTimeParseException.class);
    }
}
