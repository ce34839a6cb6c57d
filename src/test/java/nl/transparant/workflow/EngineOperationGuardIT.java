package nl.transparant.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.transparant.support.Api;
import nl.transparant.support.FullStackTest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On MariaDB with Keycloak's tokens: the administrator's engine REST API refuses a modification past the review and a
 * deployment (403, nothing changed, a refusal record), and records an allowed repair as {@code engine-operation}.
 */
class EngineOperationGuardIT extends FullStackTest {

    @Autowired
    RuntimeService runtime;
    @Autowired
    RepositoryService repository;
    @Autowired
    ManagementService management;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aModificationPastTheReviewIsRefusedAndRecorded() {
        String caseId = UUID.randomUUID().toString();
        String instance = runtime.createProcessInstanceByKey(ProcessVariables.PROCESS_KEY).businessKey(caseId)
                .setVariable(ProcessVariables.CASE_ID, caseId)
                .setVariable(ProcessVariables.ORGANISATION, "GM0637")
                .setVariable(ProcessVariables.SUBMITTER, "owner-zoetermeer")
                .execute().getId();
        List<String> before = runtime.getActiveActivityIds(instance);
        long refusals = refusals("/engine-rest/process-instance/{id}/modification");

        Api.Response refused = as("admin").post("/engine-rest/process-instance/" + instance + "/modification", Map.of(
                "skipCustomListeners", true,
                "instructions", List.of(Map.of("type", "startBeforeActivity", "activityId", "releasePublication"),
                        Map.of("type", "cancel", "activityId", before.get(0)))));

        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.isProblem()).isTrue();
        assertThat(runtime.getActiveActivityIds(instance)).isEqualTo(before);
        assertThat(refusals("/engine-rest/process-instance/{id}/modification")).isEqualTo(refusals + 1);
    }

    @Test
    void aDeploymentThroughTheRestApiIsRefused() {
        long deployments = repository.createDeploymentQuery().count();
        String boundary = "b" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nsneaky\r\n--" + boundary + "--\r\n";

        Api.Response refused = as("admin").withHeader("Content-Type", "multipart/form-data; boundary=" + boundary)
                .send("POST", "/engine-rest/deployment/create", body);

        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
    }

    @Test
    void settingAFailedJobsRetriesIsRecordedWithTheReason() {
        String key = "timer" + UUID.randomUUID().toString().replace("-", "");
        repository.createDeployment().addString(key + ".bpmn", """
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                    targetNamespace="test">
                  <process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
                    <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition>
                    </intermediateCatchEvent>
                    <sequenceFlow id="f2" sourceRef="wait" targetRef="end"/><endEvent id="end"/>
                  </process>
                </definitions>""".formatted(key)).deploy();
        Job job = management.createJobQuery().processInstanceId(runtime.startProcessInstanceByKey(key).getId()).singleResult();

        Api.Response done = as("admin").withHeader("X-Transparant-Reason", "the register was down")
                .put("/engine-rest/job/" + job.getId() + "/retries", Map.of("retries", 5));

        assertThat(done.status()).as(done.body()).isEqualTo(204);
        assertThat(management.createJobQuery().jobId(job.getId()).singleResult().getRetries()).isEqualTo(5);
        Map<String, Object> record = jdbc.queryForMap("SELECT actor_id, outcome, payload FROM decision_log"
                + " WHERE event_type = 'engine-operation' AND payload LIKE ?", "%" + job.getId() + "%");
        assertThat(record.get("outcome")).isEqualTo("set-job-retries");
        assertThat((String) record.get("payload")).contains("the register was down");
    }

    private long refusals(String path) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM decision_log WHERE event_type = 'authorisation-denied' AND payload LIKE ?",
                Long.class, "%\"" + path + "\"%");
    }
}
