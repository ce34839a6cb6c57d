package nl.transparant.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine as the application shapes it ({@link TransparantEnginePlugin}) finds due jobs by their due date: every
 * job has one, the executor acquires in due-date order, the job table has the index, and a job an earlier version left
 * without a due date is given one at start.
 */
class JobsByDueDateTest {

    private static ProcessEngine engine;

    @BeforeAll
    static void start() {
        engine = WorkflowTestEngine.plain("jobs-by-due-date-test", new RecordedEvents());
        BpmnModelInstance asyncStep = Bpmn.createExecutableProcess("asyncStep").camundaHistoryTimeToLive(1)
                .startEvent().camundaAsyncBefore().userTask("wait").endEvent().done();
        engine.getRepositoryService().createDeployment().addModelInstance("async-step.bpmn", asyncStep).deploy();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    private static ProcessEngineConfigurationImpl configuration() {
        return (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }

    @Test
    void theExecutorAcquiresByDueDateAndEveryJobHasOne() {
        assertThat(configuration().isEnsureJobDueDateNotNull()).isTrue();
        assertThat(configuration().isJobExecutorAcquireByDueDate()).isTrue();
        String instance = engine.getRuntimeService().startProcessInstanceByKey("asyncStep").getId();
        Job job = engine.getManagementService().createJobQuery().processInstanceId(instance).singleResult();
        assertThat(job.getDuedate()).as("an asynchronous step is due when it is made").isNotNull();
    }

    @Test
    void theJobTableHasTheDueDateIndex() throws Exception {
        try (Connection connection = configuration().getDataSource().getConnection();
                ResultSet indexes = connection.getMetaData().getIndexInfo(null, null, "ACT_RU_JOB", false, false)) {
            List<String> dueDateIndexes = new ArrayList<>();
            while (indexes.next()) {
                if ("DUEDATE_".equalsIgnoreCase(indexes.getString("COLUMN_NAME"))) {
                    dueDateIndexes.add(indexes.getString("INDEX_NAME"));
                }
            }
            assertThat(dueDateIndexes).anyMatch(name -> name.equalsIgnoreCase(JobsByDueDate.INDEX));
        }
    }

    @Test
    void aJobLeftWithoutADueDateIsDueAtStartAndRuns() throws Exception {
        String instance = engine.getRuntimeService().startProcessInstanceByKey("asyncStep").getId();
        try (Connection connection = configuration().getDataSource().getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.executeUpdate("UPDATE ACT_RU_JOB SET DUEDATE_ = NULL WHERE PROCESS_INSTANCE_ID_ = '" + instance + "'");
        }
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance).singleResult().getDuedate()).isNull();

        JobsByDueDate.prepareTable(configuration()); // as at the next start

        Job job = engine.getManagementService().createJobQuery().processInstanceId(instance).singleResult();
        assertThat(job.getDuedate()).isNotNull();
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance).executable().count())
                .as("due, so the executor's query finds it").isEqualTo(1);
        engine.getManagementService().executeJob(job.getId());
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instance).count()).isEqualTo(1);
    }
}
