package nl.transparant.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import nl.transparant.screening.PreScanAnswers;
import nl.transparant.support.ApplicationNode;
import nl.transparant.support.MariaDbTestDatabase;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two application nodes (two JVMs from the packaged jar) on one MariaDB database, each with its own job executor, as
 * the engine's cluster model intends: work started on one node is finished on the other, every asynchronous job and
 * timer runs exactly once, and the decision log stays one unbroken chain while both nodes append to it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScaleOutIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private ApplicationNode node1;
    private ApplicationNode node2;

    @BeforeAll
    void startTwoNodes() throws Exception {
        String url = MariaDbTestDatabase.jdbcUrl();
        // the first node creates the schema (Flyway, the engine); a second node joining an existing database is the
        // normal case of a cluster, and starting both on an empty one at once is not a supported installation step
        node1 = ApplicationNode.start("scale-out-node-1", url, MariaDbTestDatabase.user(), MariaDbTestDatabase.password(),
                nodeProperties("node-1"), START_TIMEOUT);
        node2 = ApplicationNode.start("scale-out-node-2", url, MariaDbTestDatabase.user(), MariaDbTestDatabase.password(),
                nodeProperties("node-2"), START_TIMEOUT);
    }

    private static Map<String, String> nodeProperties(String hostname) {
        Map<String, String> properties = new LinkedHashMap<>();
        // the engine writes this name into the job log (ACT_HI_JOB_LOG.HOSTNAME_): which node ran which job
        properties.put("camunda.bpm.generic-properties.properties.hostname", hostname);
        // every node must sign and accept the same report forms
        properties.put("transparant.register.form-secret", "scale-out-test-secret");
        // an idle job executor looks for due jobs at most every 2 s instead of backing off to a minute: the test moves
        // a timer's due date in the database, which no node is told about
        properties.put("camunda.bpm.job-execution.wait-time-in-millis", "500");
        properties.put("camunda.bpm.job-execution.max-wait", "2000");
        return properties;
    }

    @AfterAll
    void stopNodes() throws Exception {
        if (node2 != null) {
            node2.close();
        }
        if (node1 != null) {
            node1.close();
        }
    }

    @Test
    void aTaskCreatedOnOneNodeIsCompletedOnTheOther() throws Exception {
        Client owner1 = new Client(node1, "owner-zoetermeer");
        Client owner2 = new Client(node2, "owner-zoetermeer");
        String caseId = createAndSubmit(owner1, "Taak van knooppunt 1");
        String preScanTask = openTask(owner1, caseId, "answerPreScan");

        assertThat(openTask(owner2, caseId, "answerPreScan")).as("node 2 sees the task node 1 created").isEqualTo(preScanTask);
        owner2.post("/api/tasks/" + preScanTask + "/complete", Map.of("answers", PreScanAnswers.of()), 200);

        String releaseTask = openTask(owner1, caseId, "releasePublication");
        new Client(node2, "publisher-zoetermeer").post("/api/tasks/" + releaseTask + "/complete",
                Map.of("outcome", "approve", "rationale", "Vrijgegeven op knooppunt 2."), 200);
        awaitStage(owner1, caseId, "PUBLISHED");
        assertThat(owner2.get("/api/cases/" + caseId).get("stage").asText()).isEqualTo("PUBLISHED");
    }

    @Test
    void eachAsynchronousPublicationRunsExactlyOnceAcrossBothNodes() throws Exception {
        int cases = 12;
        List<String> caseIds = concurrently(cases, i -> {
            ApplicationNode node = i % 2 == 0 ? node1 : node2;
            Client owner = new Client(node, "owner-zoetermeer");
            String caseId = createAndSubmit(owner, "Asynchroon publiceren " + i);
            owner.post("/api/tasks/" + openTask(owner, caseId, "answerPreScan") + "/complete", Map.of("answers", PreScanAnswers.of()), 200);
            return caseId;
        });
        // the releases, half on each node, all at once: each leaves a publication job for any node's job executor
        concurrently(cases, i -> {
            Client publisher = new Client(i % 2 == 0 ? node2 : node1, "publisher-zoetermeer");
            String caseId = caseIds.get(i);
            publisher.post("/api/tasks/" + openTask(publisher, caseId, "releasePublication") + "/complete",
                    Map.of("outcome", "approve", "rationale", "Vrijgegeven."), 200);
            return caseId;
        });
        Client reader = new Client(node1, "owner-zoetermeer");
        for (String caseId : caseIds) {
            awaitStage(reader, caseId, "PUBLISHED");
        }
        try (Connection db = MariaDbTestDatabase.connect()) {
            // a second execution, if the engine's locking let one through, would show within seconds: none does
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                for (String caseId : caseIds) {
                    assertThat(count(db, "SELECT COUNT(*) FROM ACT_HI_ACTINST WHERE PROC_INST_ID_ = ? AND ACT_ID_ = 'publishEntry'",
                            processInstance(db, caseId, "algorithm-review"))).as("publishEntry of " + caseId).isEqualTo(1);
                }
            });
            for (String caseId : caseIds) {
                String instance = processInstance(db, caseId, "algorithm-review");
                assertThat(count(db, "SELECT COUNT(*) FROM ACT_HI_ACTINST WHERE PROC_INST_ID_ = ? AND ACT_ID_ = 'publishEntry'", instance))
                        .as("publishEntry of " + caseId).isEqualTo(1);
                assertThat(count(db, "SELECT COUNT(*) FROM ACT_HI_JOB_LOG WHERE PROCESS_INSTANCE_ID_ = ? AND ACT_ID_ = 'publishEntry' "
                        + "AND JOB_STATE_ = 2", instance)).as("successful publication jobs of " + caseId).isEqualTo(1);
                assertThat(count(db, "SELECT COUNT(*) FROM decision_log WHERE case_id = ? AND event_type = 'entry-published'", caseId))
                        .as("entry-published records of " + caseId).isEqualTo(1);
            }
            System.out.println("Publication jobs per node: " + jobsPerNode(db, "publishEntry"));
        }
    }

    @Test
    void theJobExecutorsFindDueJobsByTheirIndex() throws Exception {
        // the owner made the index with the engine's tables (EngineSchema): the application's account may not
        try (Connection db = MariaDbTestDatabase.connect()) {
            assertThat(count(db, "SELECT COUNT(*) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() "
                    + "AND TABLE_NAME = 'ACT_RU_JOB' AND INDEX_NAME = ? AND COLUMN_NAME = 'DUEDATE_'", JobsByDueDate.INDEX)).isEqualTo(1);
            Client owner = new Client(node1, "owner-zoetermeer");
            createAndSubmit(owner, "Taak met een vervaldatum");
            assertThat(count(db, "SELECT COUNT(*) FROM ACT_RU_JOB WHERE DUEDATE_ IS NULL")).as("jobs without a due date").isZero();
        }
    }

    @Test
    void aReminderTimerFiresOnceAcrossBothNodes() throws Exception {
        List<String> caseIds = concurrently(2, i -> publish(i == 0 ? node1 : node2, "Herinneren " + i));
        List<String> reportInstances = new ArrayList<>();
        try (Connection db = MariaDbTestDatabase.connect()) {
            for (int i = 0; i < caseIds.size(); i++) {
                String caseId = caseIds.get(i);
                reportProblem(i == 0 ? node1 : node2, lars(caseId));
                String instance = processInstance(db, caseId, "problem-report");
                reportInstances.add(instance);
                assertThat(count(db, "SELECT COUNT(*) FROM ACT_RU_JOB WHERE PROCESS_INSTANCE_ID_ = ? AND HANDLER_TYPE_ = 'timer-transition' "
                        + "AND DUEDATE_ > NOW() + INTERVAL 13 DAY", instance)).as("a reminder due in 14 days (the default)").isEqualTo(1);
            }
            // fourteen days pass
            for (String instance : reportInstances) {
                try (PreparedStatement due = db.prepareStatement(
                        "UPDATE ACT_RU_JOB SET DUEDATE_ = NOW() - INTERVAL 1 SECOND WHERE PROCESS_INSTANCE_ID_ = ? AND HANDLER_TYPE_ = 'timer-transition'")) {
                    due.setString(1, instance);
                    assertThat(due.executeUpdate()).isEqualTo(1);
                }
            }
            for (String instance : reportInstances) {
                awaitCount(db, "SELECT COUNT(*) FROM ACT_HI_ACTINST WHERE PROC_INST_ID_ = ? AND ACT_ID_ = 'ownersReminded'", instance, 1);
            }
            // a second firing, if the engine's locking let one through, would show within seconds: none does
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                for (String instance : reportInstances) {
                    assertThat(count(db, "SELECT COUNT(*) FROM ACT_HI_ACTINST WHERE PROC_INST_ID_ = ? AND ACT_ID_ = 'remindOwners'",
                            instance)).as("remindOwners of " + instance).isEqualTo(1);
                }
            });
            for (int i = 0; i < caseIds.size(); i++) {
                String instance = reportInstances.get(i);
                assertThat(count(db, "SELECT COUNT(*) FROM ACT_HI_ACTINST WHERE PROC_INST_ID_ = ? AND ACT_ID_ = 'remindOwners'", instance))
                        .isEqualTo(1);
                assertThat(count(db, "SELECT COUNT(*) FROM decision_log WHERE process_instance_id = ? AND event_type = 'problem-report-reminded'",
                        instance)).as("reminder records of " + caseIds.get(i)).isEqualTo(1);
                assertThat(count(db, "SELECT COUNT(*) FROM ACT_RU_JOB WHERE PROCESS_INSTANCE_ID_ = ?", instance)).isZero();
            }
            System.out.println("Reminder timers per node: " + jobsPerNode(db, "reminderDue"));
        }
        // the report itself stays open after the reminder, and either node completes it
        for (int i = 0; i < caseIds.size(); i++) {
            Client owner = new Client(i == 0 ? node2 : node1, "owner-zoetermeer");
            String caseId = caseIds.get(i);
            JsonNode task = StreamSupport.stream(owner.get("/api/tasks").spliterator(), false)
                    .filter(t -> t.get("activityId").asText().equals("handleProblemReport"))
                    .filter(t -> t.path("caseId").asText().equals(caseId))
                    .findFirst().orElseThrow(() -> new AssertionError("the report's task is still open"));
            owner.post("/api/tasks/" + task.get("id").asText() + "/complete", Map.of("rationale", "Nagekeken."), 200);
        }
    }

    @Test
    void theDecisionLogStaysOneChainUnderConcurrentWritesFromBothNodes() throws Exception {
        concurrently(16, i -> {
            Client owner = new Client(i % 2 == 0 ? node1 : node2, "owner-zoetermeer");
            String caseId = createAndSubmit(owner, "Gelijktijdig schrijven " + i);
            owner.post("/api/tasks/" + openTask(owner, caseId, "answerPreScan") + "/complete", Map.of("answers", PreScanAnswers.of()), 200);
            return caseId;
        });
        for (ApplicationNode node : List.of(node1, node2)) {
            JsonNode verification = new Client(node, "auditor-regional").get("/api/audit/verify");
            assertThat(verification.get("intact").asBoolean()).as(verification.toString()).isTrue();
            try (Connection db = MariaDbTestDatabase.connect()) {
                long records = count(db, "SELECT COUNT(*) FROM decision_log");
                assertThat(verification.get("recordsChecked").asLong()).isGreaterThanOrEqualTo(records - 1);
                assertThat(count(db, "SELECT MAX(seq) FROM decision_log")).as("no gaps in the sequence").isEqualTo(records);
            }
        }
    }

    // ---- steps ----

    private String createAndSubmit(Client owner, String name) throws Exception {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name + " " + UUID.randomUUID().toString().substring(0, 8));
        fields.put("description_short", "Een algoritme voor de test met twee knooppunten.");
        fields.put("status", "In ontwikkeling");
        fields.put("contact_email", "algoritmes@example.nl");
        fields.put("goal", "<p>Beter plannen.</p>");
        String caseId = owner.post("/api/cases", Map.of("fields", fields), 201).get("id").asText();
        owner.post("/api/cases/" + caseId + "/submit", null, 200);
        return caseId;
    }

    private String publish(ApplicationNode node, String name) throws Exception {
        Client owner = new Client(node, "owner-zoetermeer");
        String caseId = createAndSubmit(owner, name);
        owner.post("/api/tasks/" + openTask(owner, caseId, "answerPreScan") + "/complete", Map.of("answers", PreScanAnswers.of()), 200);
        Client publisher = new Client(node, "publisher-zoetermeer");
        publisher.post("/api/tasks/" + openTask(publisher, caseId, "releasePublication") + "/complete",
                Map.of("outcome", "approve", "rationale", "Vrijgegeven."), 200);
        awaitStage(owner, caseId, "PUBLISHED");
        return caseId;
    }

    private static String lars(String caseId) throws SQLException {
        try (Connection db = MariaDbTestDatabase.connect();
                PreparedStatement query = db.prepareStatement("SELECT lars FROM published_entry WHERE case_id = ?")) {
            query.setString(1, caseId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("a register entry for " + caseId).isTrue();
                return row.getString(1);
            }
        }
    }

    /** The public's report form, as a browser fills it in: read the form, wait like a person, send it to the same node. */
    private static void reportProblem(ApplicationNode node, String lars) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String formUrl = node.baseUrl() + "/register/" + lars + "/melden";
        Document form = Jsoup.parse(browser.send(HttpRequest.newBuilder(URI.create(formUrl)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        Thread.sleep(3200);
        String body = "message=" + encode("De contactgegevens kloppen niet.") + "&replyAddress=&website="
                + "&formToken=" + encode(form.selectFirst("input[name=formToken]").val())
                + "&_csrf=" + encode(form.selectFirst("input[name=_csrf]").val());
        HttpResponse<String> sent = browser.send(HttpRequest.newBuilder(URI.create(formUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String openTask(Client user, String caseId, String activityId) throws Exception {
        JsonNode tasks = user.get("/api/cases/" + caseId).get("openTasks");
        return StreamSupport.stream(tasks.spliterator(), false)
                .filter(t -> t.get("activityId").asText().equals(activityId))
                .map(t -> t.get("id").asText())
                .findFirst()
                .orElseThrow(() -> new AssertionError("No open task " + activityId + " on " + caseId + ": " + tasks));
    }

    private static void awaitStage(Client user, String caseId, String stage) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(user.get("/api/cases/" + caseId).get("stage").asText()).as("stage of " + caseId).isEqualTo(stage));
    }

    private static String processInstance(Connection db, String caseId, String processKey) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(
                "SELECT ID_ FROM ACT_HI_PROCINST WHERE BUSINESS_KEY_ = ? AND PROC_DEF_KEY_ = ?")) {
            query.setString(1, caseId);
            query.setString(2, processKey);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).as(processKey + " instance of " + caseId).isTrue();
                String id = rows.getString(1);
                assertThat(rows.next()).as("one " + processKey + " instance of " + caseId).isFalse();
                return id;
            }
        }
    }

    private static long count(Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void awaitCount(Connection db, String sql, String parameter, long expected) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(count(db, sql, parameter)).as(sql + " [" + parameter + "]").isGreaterThanOrEqualTo(expected));
    }

    private static Map<String, Long> jobsPerNode(Connection db, String activityId) throws SQLException {
        Map<String, Long> perNode = new LinkedHashMap<>();
        try (Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery("SELECT HOSTNAME_, COUNT(*) FROM ACT_HI_JOB_LOG WHERE ACT_ID_ = '" + activityId
                        + "' AND JOB_STATE_ = 2 GROUP BY HOSTNAME_ ORDER BY HOSTNAME_")) {
            while (rows.next()) {
                perNode.put(rows.getString(1), rows.getLong(2));
            }
        }
        return perNode;
    }

    interface Step {
        String run(int index) throws Exception;
    }

    private static List<String> concurrently(int count, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(count, 8));
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> step.run(index)));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The staff API of one node as a demo account (HTTP Basic, the local identity mode). */
    private record Client(ApplicationNode node, String user) {

        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        JsonNode get(String path) throws Exception {
            return send("GET", path, null, 200);
        }

        JsonNode post(String path, Object body, int expected) throws Exception {
            return send("POST", path, body, expected);
        }

        private JsonNode send(String method, String path, Object body, int expected) throws Exception {
            String payload = body == null ? null : JSON.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.baseUrl() + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/json")
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
                    .method(method, payload == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(payload));
            if (payload != null) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method + " " + path + " on " + node.name() + " as " + user + ": " + response.body())
                    .isEqualTo(expected);
            return JSON.readTree(response.body());
        }
    }
}
