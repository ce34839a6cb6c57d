package nl.transparant.audit;

import static nl.transparant.review.ReviewSpineFixtures.awaitStage;
import static nl.transparant.review.ReviewSpineFixtures.answers;
import static nl.transparant.review.ReviewSpineFixtures.complete;
import static nl.transparant.review.ReviewSpineFixtures.createCase;
import static nl.transparant.review.ReviewSpineFixtures.vote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.StreamSupport;
import nl.transparant.cases.Cases;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.screening.DpiaAnswers;
import nl.transparant.screening.IamaAnswers;
import nl.transparant.support.Api;
import nl.transparant.support.FullStackTest;
import nl.transparant.support.MariaDbTestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The decision log on MariaDB, written by a real case going through the real process, read by a real auditor. */
class DecisionLogIT extends FullStackTest {

    @Autowired
    Cases cases;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DecisionLog log;

    private final DriverManagerDataSource secondNode = new DriverManagerDataSource(MariaDbTestDatabase.jdbcUrl(),
            MariaDbTestDatabase.user(), MariaDbTestDatabase.password());

    @Test
    void aFullCaseLeavesTheExpectedRecordsInOrderAndTheChainVerifies() {
        String caseId = publishedCaseWithDpiaAndEthicsReview("Audit: bomen langs de weg");

        JsonNode page = as("auditor-regional").get("/api/audit/records?caseId=" + caseId + "&size=100").json();
        List<String> steps = new ArrayList<>();
        page.get("records").forEach(r -> steps.add(r.get("eventType").asText() + " " + r.path("activityId").asText("")
                + (r.path("outcome").isNull() ? "" : " " + r.get("outcome").asText())));
        assertThat(steps).containsExactly(
                "case-created ",
                "case-changed ",
                "stage-reached answerPreScan",
                "case-submitted ",
                "pre-scan-assessed  required",
                "task-decided answerPreScan submit",
                "policy-evaluated decideReviewRoute",
                "stage-reached fillInDpia",
                "dpia-assessed  laag",
                "task-decided fillInDpia submit",
                "stage-reached reviewDpia",
                "task-decided reviewDpia send-back",
                "stage-reached fillInDpia",
                "dpia-assessed  laag",
                "task-decided fillInDpia submit",
                "stage-reached reviewDpia",
                "task-decided reviewDpia approve",
                "policy-evaluated decideAfterDpia",
                "stage-reached fillInIama",
                "iama-assessed  proceed",
                "task-decided fillInIama submit",
                "stage-reached reviewEthics",
                "task-decided reviewEthics approve",
                "stage-reached releasePublication",
                "task-decided releasePublication approve",
                "publication-released publishEntry",
                "entry-published publishEntry",
                "stage-reached published");
        JsonNode records = page.get("records");
        assertThat(page.get("total").asLong()).isEqualTo(28);
        assertThat(records.findValuesAsText("organisation")).containsOnly("zoetermeer");
        String processInstanceId = records.get(3).get("processInstanceId").asText();
        assertThat(StreamSupport.stream(records.spliterator(), false).skip(2).map(r -> r.get("processInstanceId").asText()))
                .containsOnly(processInstanceId);
        JsonNode sendBack = records.get(11);
        assertThat(sendBack.get("actorId").asText()).isEqualTo("privacy-zoetermeer");
        assertThat(sendBack.get("actorRole").asText()).isEqualTo("privacy-officer");
        assertThat(sendBack.get("payload").get("rationale").asText()).isEqualTo("Bewaartermijn ontbreekt.");
        assertThat(sendBack.get("payload").get("process").get("definitionKey").asText()).isEqualTo("algorithm-review");
        assertThat(records.get(5).get("payload").get("answers").get("profiling").asBoolean()).as("pre-scan answers").isTrue();
        assertThat(records.get(5).get("payload").get("answers")).hasSize(11);
        JsonNode policy = records.get(6).get("payload");
        assertThat(policy.get("decision").get("key").asText()).isEqualTo("review-route");
        assertThat(policy.get("decision").get("version").asInt()).isPositive();
        assertThat(policy.get("matchedRuleIds")).hasSize(1);
        assertThat(policy.get("outputs").get("dpiaRequired").asBoolean()).isTrue();
        assertThat(records.get(6).get("actorId").asText()).isEqualTo("owner-zoetermeer");
        assertThat(records.get(4).get("payload").get("definition").asText()).as("the pre-scan's policy version").isNotBlank();
        assertThat(records.get(8).get("payload").get("residualRisk").asText()).isEqualTo("laag");
        assertThat(records.get(2).get("actorId").asText()).as("the submitter moved the case to the pre-scan")
                .isEqualTo("owner-zoetermeer");

        JsonNode verification = as("auditor-regional").get("/api/audit/verify").json();
        assertThat(verification.get("intact").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.get("recordsChecked").asLong()).isGreaterThanOrEqualTo(20);
    }

    @Test
    void theTimelineJoinsTheLogWithTheEnginesHistoryAndTheExportsCarryTheHashes() {
        String caseId = publishedCaseWithDpiaAndEthicsReview("Audit: tijdlijn");
        Api auditor = as("auditor-regional");

        JsonNode timeline = auditor.get("/api/audit/cases/" + caseId + "/timeline").json();
        assertThat(timeline.get("organisation").asText()).isEqualTo("zoetermeer");
        assertThat(timeline.get("processState").asText()).isEqualTo("COMPLETED");
        assertThat(timeline.get("records")).hasSize(28);
        assertThat(timeline.get("activities").findValuesAsText("activityId"))
                .contains("caseSubmitted", "answerPreScan", "decideReviewRoute", "reviewDpia", "reviewEthics", "publishEntry", "published");
        JsonNode route = timeline.get("policyDecisions").get(0);
        assertThat(route.get("decisionDefinitionKey").asText()).isEqualTo("review-route");
        assertThat(route.get("matchedRuleIds")).isNotEmpty();
        assertThat(timeline.get("entries").findValuesAsText("kind"))
                .contains("RECORD", "ACTIVITY_STARTED", "ACTIVITY_ENDED", "POLICY_DECISION");

        JsonNode export = auditor.get("/api/audit/cases/" + caseId + "/export?format=json").json();
        assertThat(export.get("canonicalForm").asText()).isEqualTo(CanonicalForm.VERSION);
        assertThat(export.get("records").findValuesAsText("recordHash"))
                .isEqualTo(timeline.get("records").findValuesAsText("recordHash"));

        Api.Response csv = auditor.get("/api/audit/cases/" + caseId + "/export?format=csv");
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo(CsvExport.HEADER);
        assertThat(lines).hasSize(29);
        assertThat(lines[24]).endsWith(timeline.get("records").get(23).get("recordHash").asText());

        assertThat(auditor.get("/api/audit/records?eventType=task-decided&outcome=send-back&caseId=" + caseId).json()
                .get("total").asLong()).isEqualTo(1);
        assertThat(auditor.get("/api/audit/records?from=tomorrow").status()).isEqualTo(400);
        assertThat(auditor.get("/api/audit/records?size=5000").status()).isEqualTo(400);
        assertThat(auditor.get("/api/audit/records/export?format=xml").status()).isEqualTo(400);
    }

    @Test
    void everyDeployedProcessAndPolicyIsRecordedOnceWithTheHashOfItsFile() throws Exception {
        JsonNode deployed = as("auditor-regional").get("/api/audit/records?eventType=definition-deployed&size=500").json()
                .get("records");
        Map<String, String> hashes = new LinkedHashMap<>();
        deployed.forEach(r -> hashes.merge(r.get("payload").get("definitionId").asText(),
                r.get("payload").get("contentSha256").asText(), (a, b) -> "recorded twice"));
        assertThat(hashes.values()).doesNotContain("recorded twice");
        java.security.MessageDigest sha256 = java.security.MessageDigest.getInstance("SHA-256");
        String processFile = java.util.HexFormat.of().formatHex(
                sha256.digest(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("processes", "algorithm-review.bpmn"))));
        assertThat(StreamSupport.stream(deployed.spliterator(), false)
                .filter(r -> r.get("payload").get("key").asText().equals("algorithm-review"))
                .map(r -> r.get("payload").get("contentSha256").asText()))
                .contains(processFile);
        assertThat(deployed.findValuesAsText("key")).contains("algorithm-review", "review-route");
    }

    @Test
    void aRefusedStaffRequestIsRecorded() {
        assertThat(as("owner-nissewaard").get("/api/audit/verify").status()).isEqualTo(403);
        JsonNode denied = as("auditor-regional")
                .get("/api/audit/records?eventType=authorisation-denied&actor=owner-nissewaard").json().get("records");
        assertThat(denied).isNotEmpty();
        JsonNode last = denied.get(denied.size() - 1);
        assertThat(last.get("payload").get("path").asText()).isEqualTo("/api/audit/verify");
        assertThat(last.get("actorRole").asText()).isEqualTo("project-owner");
    }

    @Test
    void theLogAndTheChangeRollBackTogether() {
        long headBefore = head();
        AtomicReference<String> createdId = new AtomicReference<>();
        StaffUser owner = new StaffUser("owner-zoetermeer", "Sanne de Vries", Set.of(Role.PROJECT_OWNER), Set.of("zoetermeer"));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", "Audit: teruggedraaid");
        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            createdId.set(cases.create(owner, null, fields, null).getId());
            assertThat(count("decision_log WHERE case_id = ?", createdId.get())).as("written in the transaction").isEqualTo(1);
            throw new IllegalStateException("forced failure after the change");
        })).hasMessageContaining("forced failure");
        assertThat(createdId.get()).isNotNull();
        assertThat(count("algorithm_case WHERE id = ?", createdId.get())).isZero();
        assertThat(count("decision_log WHERE case_id = ?", createdId.get())).isZero();
        assertThat(head()).isEqualTo(headBefore);
    }

    /** Two "nodes": this application's pool and a second, separate pool on the same database, appending at once. */
    @Test
    void twoNodesAppendingAtOnceNeverForkTheChain() throws Exception {
        DecisionLog otherNode = new DecisionLog(new JdbcTemplate(secondNode));
        TransactionTemplate otherNodeTransaction = new TransactionTemplate(new DataSourceTransactionManager(secondNode));
        TransactionTemplate thisNodeTransaction = new TransactionTemplate(transactions);
        long before = head();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> appends = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            boolean here = i % 2 == 0;
            LogEntry entry = new LogEntry("concurrency-probe", "bench", null, "zoetermeer", "concurrency-" + (i % 8), null, null,
                    null, Map.of("i", i));
            appends.add(pool.submit(() -> here
                    ? thisNodeTransaction.execute(status -> log.append(entry))
                    : otherNodeTransaction.execute(status -> otherNode.append(entry))));
        }
        for (Future<?> append : appends) {
            append.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(head()).isEqualTo(before + 200);
        assertThat(count("decision_log WHERE event_type = 'concurrency-probe'")).isEqualTo(200);
        Verification verification = log.verify();
        assertThat(verification.intact()).as(String.valueOf(verification.firstProblem())).isTrue();
    }

    @Test
    void mariaDbRefusesUpdateAndDeleteOnTheLogAndVerificationLocatesTampering() throws Exception {
        String caseId = publishedCaseWithDpiaAndEthicsReview("Audit: geknoei");
        long seq = jdbc.queryForObject("SELECT MAX(seq) FROM decision_log WHERE case_id = ? AND event_type = 'task-decided'"
                + " AND outcome = 'approve'", Long.class, caseId);
        try (Connection root = MariaDbTestDatabase.connect(); Statement sql = root.createStatement()) {
            assertThatThrownBy(() -> sql.executeUpdate("UPDATE decision_log SET outcome = 'approve' WHERE seq = " + seq))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> sql.executeUpdate("DELETE FROM decision_log WHERE seq = " + seq))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");

            List<String> triggers = dropTriggers(sql);
            try {
                sql.executeUpdate("UPDATE decision_log SET payload = REPLACE(payload, '\"approve\"', '\"reject\"') WHERE seq = " + seq);
                assertBrokenAt(seq, "CONTENT_CHANGED");
                sql.executeUpdate("UPDATE decision_log SET payload = REPLACE(payload, '\"reject\"', '\"approve\"') WHERE seq = " + seq);
                assertIntact();

                sql.executeUpdate("CREATE TEMPORARY TABLE removed AS SELECT * FROM decision_log WHERE seq = " + seq);
                sql.executeUpdate("DELETE FROM decision_log WHERE seq = " + seq);
                assertBrokenAt(seq, "MISSING");
                sql.executeUpdate("INSERT INTO decision_log SELECT * FROM removed");
                assertIntact();

                swap(sql, seq, seq + 1);
                assertBrokenAt(seq, "CONTENT_CHANGED");
                swap(sql, seq, seq + 1);
                assertIntact();
            } finally {
                for (String trigger : triggers) {
                    sql.execute(trigger);
                }
            }
            assertThatThrownBy(() -> sql.executeUpdate("DELETE FROM decision_log WHERE seq = " + seq))
                    .as("the triggers are back").hasMessageContaining("append-only");
        }
    }

    private void assertBrokenAt(long seq, String kind) {
        JsonNode verification = as("auditor-regional").get("/api/audit/verify").json();
        assertThat(verification.get("intact").asBoolean()).as(verification.toString()).isFalse();
        assertThat(verification.get("firstProblem").get("seq").asLong()).as(verification.toString()).isEqualTo(seq);
        assertThat(verification.get("firstProblem").get("kind").asText()).isEqualTo(kind);
        assertThat(AuditLogCommand.run(commandLine())).as("the command line says so too").isEqualTo(1);
    }

    private void assertIntact() {
        JsonNode verification = as("auditor-regional").get("/api/audit/verify").json();
        assertThat(verification.get("intact").asBoolean()).as(verification.toString()).isTrue();
        assertThat(AuditLogCommand.run(commandLine())).isZero();
    }

    private static String[] commandLine() {
        return new String[] {AuditLogCommand.OPTION, "--spring.datasource.url=" + MariaDbTestDatabase.jdbcUrl(),
                "--spring.datasource.username=" + MariaDbTestDatabase.user(),
                "--spring.datasource.password=" + MariaDbTestDatabase.password()};
    }

    /** Exchanges everything but the sequence numbers of two rows, as someone reordering history would. */
    private static void swap(Statement sql, long a, long b) throws SQLException {
        sql.executeUpdate("UPDATE decision_log SET seq = -1 WHERE seq = " + a);
        sql.executeUpdate("UPDATE decision_log SET seq = " + a + " WHERE seq = " + b);
        sql.executeUpdate("UPDATE decision_log SET seq = " + b + " WHERE seq = -1");
    }

    private static List<String> dropTriggers(Statement sql) throws SQLException {
        List<String> definitions = new ArrayList<>();
        for (String name : List.of("decision_log_no_update", "decision_log_no_delete")) {
            try (ResultSet trigger = sql.executeQuery("SHOW CREATE TRIGGER " + name)) {
                trigger.next();
                definitions.add(trigger.getString("SQL Original Statement"));
            }
        }
        for (String name : List.of("decision_log_no_update", "decision_log_no_delete")) {
            sql.execute("DROP TRIGGER " + name);
        }
        return definitions;
    }

    private long head() {
        return jdbc.queryForObject("SELECT last_seq FROM decision_log_head WHERE id = 1", Long.class);
    }

    private long count(String from, Object... args) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + from, Long.class, args);
    }

    private String publishedCaseWithDpiaAndEthicsReview(String name) {
        Api owner = as("owner-zoetermeer");
        String caseId = createCase(owner, name);
        JsonNode draft = owner.get("/api/cases/" + caseId).json();
        Map<String, Object> fields = Api.JSON.convertValue(draft.get("fields"), Map.class);
        fields.put("description_short", "Bijgewerkt voor de audit.");
        Api.Response edited = owner.put("/api/cases/" + caseId, Map.of("fields", fields, "version", draft.get("version").asLong()));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(owner.post("/api/cases/" + caseId + "/submit", null).status()).isEqualTo(200);
        complete(owner, caseId, "answerPreScan", Map.of("answers", answers(Map.of("personalData", true, "profiling", true,
                "largeScale", true, "matchingDatasets", true))));
        complete(owner, caseId, "fillInDpia", Map.of("rationale", "DPIA ingevuld", "answers", DpiaAnswers.lowResidualRisk()));
        Api privacy = as("privacy-zoetermeer");
        complete(privacy, caseId, "reviewDpia", Map.of("outcome", "send-back", "rationale", "Bewaartermijn ontbreekt."));
        complete(owner, caseId, "fillInDpia", Map.of("rationale", "Bewaartermijn toegevoegd", "answers", DpiaAnswers.lowResidualRisk()));
        complete(privacy, caseId, "reviewDpia", Map.of("outcome", "approve", "rationale", "Maatregelen voldoende."));
        complete(owner, caseId, "fillInIama", Map.of("rationale", "IAMA ingevuld", "answers", IamaAnswers.proceeding()));
        vote(as("ethics-regional"), caseId, "positive", "Proportioneel.");
        vote(as("ethics-second"), caseId, "positive", "Eens.");
        complete(as("publisher-zoetermeer"), caseId, "releasePublication", Map.of("outcome", "approve", "rationale", "Klaar."));
        assertThat(awaitStage(owner, caseId, "PUBLISHED")).isEqualTo("PUBLISHED");
        return caseId;
    }
}
