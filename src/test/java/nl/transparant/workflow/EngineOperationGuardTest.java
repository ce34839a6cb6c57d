package nl.transparant.workflow;

import nl.transparant.workflow.review.ReviewProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.runtime.Job;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The administrator's engine REST API and Cockpit cannot change a case behind the review's back: a process instance
 * modification and a deployment are refused (403, nothing changed, a refusal record), an allowed repair (a job's
 * retries) needs a reason and is recorded as {@code engine-operation}; expressions reach the product's beans only;
 * an emergency stop goes through the application's API and is recorded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:engineguard;MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
        "transparant.demo-data=false"})
class EngineOperationGuardTest {

    static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("admin:demo".getBytes(StandardCharsets.UTF_8));

    @LocalServerPort
    int port;
    @Autowired
    RuntimeService runtime;
    @Autowired
    RepositoryService repository;
    @Autowired
    ManagementService management;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TaskService tasks;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aModificationThatSkipsTheReviewIsRefusedAndRecordedAsARefusal() throws Exception {
        String instance = reviewOf(newCase());
        List<String> before = runtime.getActiveActivityIds(instance);
        String modification = """
                {"skipCustomListeners": true, "instructions": [
                  {"type": "startBeforeActivity", "activityId": "releasePublication"},
                  {"type": "cancel", "activityId": "%s"}]}""".formatted(before.get(0));

        HttpResponse<String> refused = send("POST", "/engine-rest/process-instance/" + instance + "/modification", modification, Map.of());

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(refused.body()).contains("noodingreep").contains("\"title\":\"Geen toegang\"").doesNotContain("Forbidden");
        assertThat(runtime.getActiveActivityIds(instance)).isEqualTo(before);
        assertThat(refusalsOf("POST", "/engine-rest/process-instance/{id}/modification")).isEqualTo(1);
    }

    @Test
    void nothingIsDeployedThroughTheRestApi() throws Exception {
        long deployments = repository.createDeploymentQuery().count();
        String boundary = "b" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nsneaky\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"sneaky.bpmn\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + timerProcess("sneaky") + "\r\n--" + boundary + "--\r\n";

        HttpResponse<String> refused = send("POST", "/engine-rest/deployment/create", body,
                Map.of("Content-Type", "multipart/form-data; boundary=" + boundary, "Accept-Language", "en"));

        // a form body reaches no API of ours (the cross-site guard answers 415 first); nothing is deployed either way
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(415);
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
        // and the allow-list refuses the operation itself, whatever the body
        HttpResponse<String> asJson = send("POST", "/engine-rest/deployment/create", "{\"deployment-name\": \"sneaky\"}",
                Map.of("Content-Type", "application/json", "Accept-Language", "en"));
        assertThat(asJson.statusCode()).as(asJson.body()).isEqualTo(403);
        assertThat(asJson.body()).contains("do not allow this operation");
        assertThat(repository.createDeploymentQuery().count()).isEqualTo(deployments);
        assertThat(refusalsOf("POST", "/engine-rest/deployment/create")).isEqualTo(1);
    }

    @Test
    void cockpitsCopyOfTheApiRefusesTheSame() throws Exception {
        String instance = reviewOf(newCase());
        HttpClient browser = signedIn();
        // Cockpit's own CSRF token, so that only our refusal can answer 403
        browser.send(HttpRequest.newBuilder(uri("/camunda/app/cockpit/default/")).GET().build(), HttpResponse.BodyHandlers.ofString());
        String token = ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst().orElse("");
        HttpResponse<String> refused = browser.send(HttpRequest.newBuilder(
                        uri("/camunda/api/engine/engine/default/process-instance/" + instance + "/variables"))
                .header("Content-Type", "application/json").header("X-XSRF-TOKEN", token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"modifications\": {\"dpiaRequired\": {\"value\": false}}}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("noodingreep");
        assertThat(runtime.getVariable(instance, "dpiaRequired")).isNull();
        // the record says which API was called and what was tried (it held only "/process-instance/{id}/variables")
        assertThat(refusalsOf("POST", "/camunda/api/engine/engine/default/process-instance/{id}/variables")).isEqualTo(1);
    }

    @Test
    void settingAJobsRetriesNeedsAReasonAndIsRecordedAsAnEngineOperation() throws Exception {
        Job job = timerJob();
        String path = "/engine-rest/job/" + job.getId() + "/retries";

        HttpResponse<String> withoutReason = send("PUT", path, "{\"retries\": 7}", Map.of());
        assertThat(withoutReason.statusCode()).as(withoutReason.body()).isEqualTo(400);
        assertThat(retriesOf(job)).isNotEqualTo(7);

        HttpResponse<String> done = send("PUT", path, "{\"retries\": 7}", Map.of("X-Transparant-Reason", "register was down, retry"));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);
        assertThat(retriesOf(job)).isEqualTo(7);
        Map<String, Object> record = jdbc.queryForMap("SELECT actor_id, outcome, payload FROM decision_log WHERE event_type = 'engine-operation'"
                + " AND payload LIKE ?", "%" + job.getId() + "%");
        assertThat(record.get("actor_id")).isEqualTo("admin");
        assertThat(record.get("outcome")).isEqualTo("set-job-retries");
        assertThat((String) record.get("payload")).contains("register was down, retry").contains("/job/{id}/retries");
    }

    @Test
    void readsPassUnrecorded() throws Exception {
        reviewOf(newCase());
        long records = jdbc.queryForObject("SELECT COUNT(*) FROM decision_log", Long.class);
        assertThat(send("GET", "/engine-rest/process-instance?processDefinitionKey=algorithm-review", null, Map.of()).statusCode())
                .isEqualTo(200);
        HttpResponse<String> query = send("POST", "/engine-rest/process-instance", "{\"processDefinitionKey\": \"algorithm-review\"}", Map.of());
        assertThat(query.statusCode()).as(query.body()).isEqualTo(200);
        assertThat(query.body()).contains("algorithm-review");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM decision_log", Long.class)).isEqualTo(records);
    }

    @Test
    void expressionsReachTheProductsBeansOnly() {
        repository.createDeployment().addString("foreign-bean.bpmn", """
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                    targetNamespace="test">
                  <process id="foreignBean" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="touch"/>
                    <serviceTask id="touch" camunda:expression="${jdbcTemplate.update('DELETE FROM decision_log')}"/>
                    <sequenceFlow id="f2" sourceRef="touch" targetRef="end"/><endEvent id="end"/>
                  </process>
                </definitions>""").deploy();

        assertThatThrownBy(() -> runtime.startProcessInstanceByKey("foreignBean"))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("jdbcTemplate");
    }

    @Test
    void anEmergencyStopGoesThroughTheApplicationWithAReasonAndIsRecorded() throws Exception {
        String caseId = newCase();
        String instance = reviewOf(caseId);
        String path = "/api/admin/cases/" + caseId + "/emergency";

        HttpResponse<String> noReason = send("POST", path, "{\"action\": \"stop\"}", Map.of("Content-Type", "application/json"));
        assertThat(noReason.statusCode()).as(noReason.body()).isEqualTo(400);
        // in the reader's language, as every other answer (outside tester: these were English in a Dutch answer)
        assertThat(noReason.body()).contains("Geef de reden van de noodingreep (ten hoogste").doesNotContain("Give the reason");
        assertThat(send("POST", path, "{\"action\": \"pauze\", \"reason\": \"r\"}", Map.of("Content-Type", "application/json")).body())
                .contains("De actie moet retry-failed-jobs of stop zijn.");
        assertThat(send("POST", "/api/admin/cases/onbekend/emergency", "{\"action\": \"stop\", \"reason\": \"r\"}",
                Map.of("Content-Type", "application/json")).body()).contains("Zaak 'onbekend' heeft geen lopende beoordeling.");
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isEqualTo(1);

        HttpResponse<String> stopped = send("POST", path, "{\"action\": \"stop\", \"reason\": \"algorithm withdrawn by the council\"}",
                Map.of("Content-Type", "application/json"));
        assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
        assertThat(jdbc.queryForObject("SELECT outcome FROM decision_log WHERE event_type = 'emergency-change' AND case_id = ?",
                String.class, caseId)).isEqualTo("stop");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM decision_log WHERE event_type = 'stage-reached' AND case_id = ?"
                + " AND payload LIKE '%STOPPED%'", Long.class, caseId)).isEqualTo(1);
    }

    @Test
    void retryingFailedJobsOfACaseWithoutAnyIsAConflictAndChangesNothing() throws Exception {
        String caseId = newCase();
        reviewOf(caseId);

        HttpResponse<String> none = send("POST", "/api/admin/cases/" + caseId + "/emergency",
                "{\"action\": \"retry-failed-jobs\", \"reason\": \"publication stuck\"}", Map.of());

        assertThat(none.statusCode()).as(none.body()).isEqualTo(409);
        assertThat(none.body()).contains("De beoordeling van deze zaak heeft geen mislukte job om opnieuw te proberen.");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM decision_log WHERE event_type = 'emergency-change' AND case_id = ?",
                Long.class, caseId)).isZero();
    }

    @Test
    void badInputIsA4xxProblemWithAnExplanationNeverTheEnginesOwn500() throws Exception {
        Map<String, String> reason = Map.of("X-Transparant-Reason", "t");
        expectProblem(send("POST", "/engine-rest/task/bestaat-niet/claim", "{\"userId\": \"x\"}", reason), 404);
        expectProblem(send("PUT", "/engine-rest/job/bestaat-niet/retries", "{\"retries\": 1}", reason), 404);
        Job job = timerJob();
        expectProblem(send("PUT", "/engine-rest/job/" + job.getId() + "/retries", "{\"retries\": -5}", reason), 400);
        assertThat(retriesOf(job)).isNotNegative();
        expectProblem(send("POST", "/engine-rest/history/task",
                "{\"taskVariables\": [{\"name\": \"a\", \"value\": {\"x\": 1}, \"operator\": \"eq\"}]}", Map.of()), 400);
        expectProblem(send("POST", "/engine-rest/task", "{\"a\":".repeat(1_100) + "1" + "}".repeat(1_100), Map.of()), 400);
        expectProblem(send("POST", "/engine-rest/task", "{\"name\": \"\\ud800\"}", Map.of()), 400);
        expectProblem(send("POST", "/engine-rest/task", "{}", Map.of("Content-Type", "garbage")), 400, 415);
        // a page that is negative (the engine ran it as SQL: a 500) or no number (Jersey: a 404) (outside tester)
        for (String paging : List.of("firstResult=-5", "maxResults=-3", "maxResults=abc", "firstResult=", "maxResults=99999999999")) {
            HttpResponse<String> refused = send("GET", "/engine-rest/task?" + paging, null, Map.of());
            expectProblem(refused, 400);
            assertThat(refused.body()).contains("firstResult");
        }
        assertThat(send("GET", "/engine-rest/task?firstResult=0&maxResults=5", null, Map.of()).statusCode()).isEqualTo(200);

        // a task someone holds: a conflict, and it stays theirs
        Task held = tasks.newTask();
        held.setName("vastgehouden");
        tasks.saveTask(held);
        tasks.claim(held.getId(), "iemand-anders");
        expectProblem(send("POST", "/engine-rest/task/" + held.getId() + "/claim", "{\"userId\": \"admin\"}", reason), 409);
        assertThat(tasks.createTaskQuery().taskId(held.getId()).singleResult().getAssignee()).isEqualTo("iemand-anders");
        // handed to an id nobody can sign in as (capitals, a space): refused, it stays as it was (it was stuck: outside tester)
        for (String impossible : List.of("Owner-Zoetermeer", "owner-zoetermeer ", " ", "a b")) {
            HttpResponse<String> refused = send("POST", "/engine-rest/task/" + held.getId() + "/assignee",
                    "{\"userId\": \"" + impossible + "\"}", reason);
            expectProblem(refused, 400);
            assertThat(refused.body()).contains("kleine letters");
        }
        assertThat(tasks.createTaskQuery().taskId(held.getId()).singleResult().getAssignee()).isEqualTo("iemand-anders");
        tasks.deleteTask(held.getId(), true);
    }

    private static void expectProblem(HttpResponse<String> response, Integer... statuses) {
        assertThat(response.statusCode()).as(response.body()).isIn((Object[]) statuses);
        assertThat(response.headers().firstValue("Content-Type")).as(response.body())
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        // an explanation in words, not just the name of an exception
        assertThat(response.body()).contains("\"detail\"").doesNotContain("\"type\":\"" + "NullValueException")
                .doesNotContain("Exception\",");
    }

    private String newCase() {
        return UUID.randomUUID().toString();
    }

    /** A review process started as {@link ReviewProcess#start} starts it (there is no case row: the engine is what is tested). */
    private String reviewOf(String caseId) {
        return runtime.createProcessInstanceByKey(ProcessVariables.PROCESS_KEY).businessKey(caseId)
                .setVariable(ProcessVariables.CASE_ID, caseId)
                .setVariable(ProcessVariables.ORGANISATION, "GM0637")
                .setVariable(ProcessVariables.SUBMITTER, "owner-zoetermeer")
                .execute().getId();
    }

    /** A job to repair: a timer of a process deployed for the test through the engine's Java API. */
    private Job timerJob() {
        String key = "timer" + UUID.randomUUID().toString().replace("-", "");
        repository.createDeployment().addInputStream(key + ".bpmn", new ByteArrayInputStream(timerProcess(key).getBytes(StandardCharsets.UTF_8)))
                .deploy();
        String instance = runtime.startProcessInstanceByKey(key).getId();
        return management.createJobQuery().processInstanceId(instance).singleResult();
    }

    private int retriesOf(Job job) {
        return management.createJobQuery().jobId(job.getId()).singleResult().getRetries();
    }

    private static String timerProcess(String key) {
        return """
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                    targetNamespace="test">
                  <process id="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <startEvent id="start"/><sequenceFlow id="f1" sourceRef="start" targetRef="wait"/>
                    <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>PT1H</timeDuration></timerEventDefinition>
                    </intermediateCatchEvent>
                    <sequenceFlow id="f2" sourceRef="wait" targetRef="end"/><endEvent id="end"/>
                  </process>
                </definitions>""".formatted(key);
    }

    private long refusalsOf(String method, String path) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM decision_log WHERE event_type = 'authorisation-denied' AND actor_id = 'admin'"
                + " AND payload LIKE ? AND payload LIKE ?", Long.class, "%\"" + method + "\"%", "%\"" + path + "\"%");
    }

    private HttpResponse<String> send(String method, String path, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Authorization", ADMIN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpClient signedIn() throws IOException, InterruptedException {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String loginPage = browser.send(HttpRequest.newBuilder(uri("/login")).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        String csrf = Jsoup.parse(loginPage).select("form input[name=_csrf]").attr("value");
        String form = "username=admin&password=demo&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(302);
        return browser;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
