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
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.core.Ordered;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
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
    Flyway flyway;

    @Autowired
    DecisionLog log;

    @Autowired
    org.camunda.bpm.engine.RepositoryService repository;

    private final DriverManagerDataSource secondNode = new DriverManagerDataSource(MariaDbTestDatabase.jdbcUrl(),
            MariaDbTestDatabase.applicationUser(), MariaDbTestDatabase.accountPassword());

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
                "ethics-vote-cast reviewEthics positive",
                "ethics-vote-cast reviewEthics positive-with-conditions",
                "ethics-decision-reached reviewEthics approve",
                "task-decided reviewEthics approve",
                "stage-reached releasePublication",
                "ethics-condition-met  met",
                "task-decided releasePublication approve",
                "publication-released publishEntry",
                "entry-published publishEntry",
                "stage-reached published");
        // the records of the submission and of the assessments name the review's process, which the log looks up for them
        // (the case's latest process instance)
        assertThat(jdbc.queryForList("SELECT DISTINCT process_instance_id FROM decision_log WHERE case_id = ? "
                + "AND event_type IN ('case-submitted', 'pre-scan-assessed', 'dpia-assessed')", String.class, caseId))
                .hasSize(1).doesNotContainNull();
        JsonNode records = page.get("records");
        assertThat(page.get("total").asLong()).isEqualTo(32);
        assertThat(records.findValuesAsText("organisation")).containsOnly("zoetermeer");
        String processInstanceId = records.get(3).get("processInstanceId").asText();
        assertThat(StreamSupport.stream(records.spliterator(), false).skip(2).map(r -> r.get("processInstanceId").asText()))
                .containsOnly(processInstanceId);
        // the publication runs as a job, without anyone signed in: its stage names who released (it named nobody)
        assertThat(records.get(31).get("actorId").asText()).isNotBlank().isEqualTo(records.get(28).get("actorId").asText());
        JsonNode sendBack = records.get(11);
        assertThat(sendBack.get("actorId").asText()).isEqualTo("privacy-zoetermeer");
        assertThat(sendBack.get("actorRole").asText()).isEqualTo("privacy-officer");
        assertThat(sendBack.get("payload").get("rationale").asText()).isEqualTo("Bewaartermijn ontbreekt.");
        assertThat(sendBack.get("payload").get("process").get("definitionKey").asText()).isEqualTo("algorithm-review");
        assertThat(records.get(5).get("payload").get("answers").get("profiling").asBoolean()).as("pre-scan answers").isTrue();
        // the route's eleven inputs, and whether the binding left a gap that needs a policy decision
        assertThat(records.get(5).get("payload").get("answers")).hasSize(12);
        assertThat(records.get(5).get("payload").get("answers").get("policyDecisionNeeded").asBoolean()).isFalse();
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
        assertThat(records.get(16).get("payload").get("variables").get("residualRisk").asText())
                .as("the DPIA's approval names the residual risk it approved").isEqualTo("laag");
        JsonNode vote = records.get(23);
        assertThat(vote.get("actorId").asText()).isEqualTo("ethics-second");
        assertThat(vote.get("actorRole").asText()).isEqualTo("ethics-committee");
        assertThat(vote.get("organisation").asText()).isEqualTo("zoetermeer");
        assertThat(vote.get("payload").get("rationale").asText()).isEqualTo("Eens, mits uitlegbaar.");
        assertThat(vote.get("payload").get("conditions").get(0).asText()).isEqualTo("Leg de werking uit aan bewoners.");
        JsonNode decision = records.get(24);
        assertThat(decision.get("payload").get("votes").asInt()).isEqualTo(2);
        assertThat(decision.get("actorId").asText()).as("the vote that completed the quorum").isEqualTo("ethics-second");
        JsonNode met = records.get(27);
        assertThat(met.get("actorId").asText()).isEqualTo("owner-zoetermeer");
        assertThat(met.get("payload").get("note").asText()).isEqualTo("Uitleg staat op de website.");

        JsonNode verification = as("auditor-regional").get("/api/audit/verify").json();
        assertThat(verification.get("intact").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.get("recordsChecked").asLong()).isGreaterThanOrEqualTo(20);
    }

    /**
     * A completion's records (the assessment, the decision, the route's policy, the next stage) are written in one step
     * of the chain after the engine's work: the head is locked once for them, so they follow each other and share
     * one time; and the chain verifies.
     */
    @Test
    void theRecordsOfOneCompletionAreAppendedInOneChainStep() {
        Api owner = as("owner-zoetermeer");
        String caseId = createCase(owner, "Audit: één stap in de keten");
        assertThat(owner.post("/api/cases/" + caseId + "/submit", null).status()).isEqualTo(200);
        long submitted = jdbc.queryForObject("SELECT seq FROM decision_log WHERE case_id = ? AND event_type = 'case-submitted'",
                Long.class, caseId);
        complete(owner, caseId, "answerPreScan", Map.of("answers", answers(Map.of("personalData", true, "largeScale", true,
                "matchingDatasets", true))));

        List<Map<String, Object>> records = jdbc.queryForList(
                "SELECT seq, recorded_at, event_type FROM decision_log WHERE case_id = ? AND seq > ? ORDER BY seq", caseId, submitted);
        assertThat(records).extracting(r -> (String) r.get("event_type"))
                .containsExactly("pre-scan-assessed", "task-decided", "policy-evaluated", "stage-reached");
        long first = ((Number) records.get(0).get("seq")).longValue();
        long last = ((Number) records.get(records.size() - 1).get("seq")).longValue();
        assertThat(last - first).as("nothing between them").isEqualTo(records.size() - 1);
        assertThat(records).extracting(r -> r.get("recorded_at")).as("one chain step, one time").containsOnly(records.get(0).get("recorded_at"));
        assertIntact();
    }

    @Test
    void theTimelineJoinsTheLogWithTheEnginesHistoryAndTheExportsCarryTheHashes() {
        String caseId = publishedCaseWithDpiaAndEthicsReview("Audit: tijdlijn");
        Api auditor = as("auditor-regional");

        JsonNode timeline = auditor.get("/api/audit/cases/" + caseId + "/timeline").json();
        assertThat(timeline.get("organisation").asText()).isEqualTo("zoetermeer");
        assertThat(timeline.get("processState").asText()).isEqualTo("COMPLETED");
        assertThat(timeline.get("records")).hasSize(32);
        assertThat(timeline.get("activities").findValuesAsText("activityId"))
                .contains("caseSubmitted", "answerPreScan", "decideReviewRoute", "reviewDpia", "reviewEthics", "publishEntry", "published");
        JsonNode route = timeline.get("policyDecisions").get(0);
        assertThat(route.get("decisionDefinitionKey").asText()).isEqualTo("review-route");
        assertThat(route.get("matchedRuleIds")).isNotEmpty();
        assertThat(timeline.get("entries").findValuesAsText("kind"))
                .contains("RECORD", "ACTIVITY_STARTED", "ACTIVITY_ENDED", "POLICY_DECISION");

        JsonNode points = timeline.get("decisionPoints");
        JsonNode routeDecided = StreamSupport.stream(points.spliterator(), false)
                .filter(p -> p.get("activityId").asText().equals("decideReviewRoute")).findFirst().orElseThrow();
        assertThat(routeDecided.get("activityType").asText()).isEqualTo("businessRuleTask");
        assertThat(routeDecided.get("variables").get("dpiaRequired").asBoolean()).isTrue();
        assertThat(routeDecided.get("setHere")).as("the table's result, set by the step itself").isNotEmpty();
        List<JsonNode> dpiaReviews = StreamSupport.stream(points.spliterator(), false)
                .filter(p -> p.get("activityId").asText().equals("reviewDpia")).toList();
        assertThat(dpiaReviews).hasSize(2);
        assertThat(dpiaReviews.get(0).get("variables").get("outcome").asText()).isEqualTo("send-back");
        assertThat(dpiaReviews.get(1).get("variables").get("outcome").asText()).isEqualTo("approve");
        assertThat(dpiaReviews.get(1).get("variables").get("residualRisk").asText()).as("what the privacy officer decided on")
                .isEqualTo("laag");
        assertThat(StreamSupport.stream(dpiaReviews.get(1).get("setHere").spliterator(), false).map(JsonNode::asText))
                .contains("outcome", "rationale").doesNotContain("residualRisk");

        JsonNode export = auditor.get("/api/audit/cases/" + caseId + "/export?format=json").json();
        assertThat(export.get("decisionPoints")).isEqualTo(points);
        assertThat(export.get("canonicalForm").asText()).isEqualTo(CanonicalForm.VERSION);
        assertThat(export.get("records").findValuesAsText("recordHash"))
                .isEqualTo(timeline.get("records").findValuesAsText("recordHash"));

        Api.Response csv = auditor.get("/api/audit/cases/" + caseId + "/export?format=csv");
        assertThat(csv.contentType()).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo(CsvExport.HEADER);
        assertThat(lines).hasSize(33);
        assertThat(lines[32]).endsWith(timeline.get("records").get(31).get("recordHash").asText());

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
        // the history clean-up policy: every definition's history is kept ten years (configured default and files)
        assertThat(repository.createProcessDefinitionQuery().list())
                .allSatisfy(d -> assertThat(d.getHistoryTimeToLive()).as(d.getId()).isEqualTo(3650));
        assertThat(repository.createDecisionDefinitionQuery().list())
                .allSatisfy(d -> assertThat(d.getHistoryTimeToLive()).as(d.getId()).isEqualTo(3650));
    }

    @Test
    void aRefusedStaffRequestIsRecorded() {
        assertThat(as("owner-nissewaard").get("/api/audit/verify").status()).isEqualTo(403);
        String mine = "/api/audit/records?eventType=authorisation-denied&actor=owner-nissewaard";
        long total = as("auditor-regional").get(mine + "&size=1").json().get("total").asLong();
        // the newest records are on the last page (other tests of the run refuse this account too)
        JsonNode denied = as("auditor-regional").get(mine + "&size=500&page=" + Math.max(0, (total - 1) / 500)).json().get("records");
        assertThat(denied).isNotEmpty();
        assertThat(denied).anySatisfy(record -> {
            assertThat(record.get("payload").get("path").asText()).isEqualTo("/api/audit/verify");
            assertThat(record.get("actorRole").asText()).isEqualTo("project-owner");
        });
    }

    /**
     * Prior consultation and the supervisor's advice are records of their own; a refusal inside the service (the owner
     * may not record the advice) is recorded although its transaction rolls back, and what it refused is not.
     */
    @Test
    void priorConsultationTheSupervisorsAdviceAndARefusalInsideTheServiceAreRecorded() {
        Api owner = as("owner-zoetermeer");
        String caseId = createCase(owner, "Audit: hoog restrisico");
        assertThat(owner.post("/api/cases/" + caseId + "/submit", null).status()).isEqualTo(200);
        complete(owner, caseId, "answerPreScan", Map.of("answers", answers(Map.of("personalData", true, "largeScale", true,
                "matchingDatasets", true))));
        complete(owner, caseId, "fillInDpia", Map.of("answers", DpiaAnswers.highResidualRisk()));
        Api privacy = as("privacy-zoetermeer");
        complete(privacy, caseId, "reviewDpia", Map.of("outcome", "approve", "rationale", "Restrisico blijft hoog: raadplegen."));
        complete(privacy, caseId, "requestPriorConsultation", Map.of("rationale", "Verzoek verstuurd naar de AP."));

        long headBeforeRefusal = head();
        Map<String, Object> advice = Map.of("advice", "De AP adviseert aanvullende waarborgen.");
        assertThat(owner.post("/api/cases/" + caseId + "/supervisor-advice", advice).status()).isEqualTo(403);
        assertThat(head()).as("only the refusal was appended").isEqualTo(headBeforeRefusal + 1);
        Map<String, Object> refusal = jdbc.queryForMap("SELECT event_type, actor_id, payload FROM decision_log WHERE seq = ?",
                headBeforeRefusal + 1);
        assertThat(refusal.get("event_type")).isEqualTo("authorisation-denied");
        assertThat(refusal.get("actor_id")).isEqualTo("owner-zoetermeer");
        assertThat((String) refusal.get("payload")).contains("\"source\":\"service\"").contains("\"path\":\"/api/cases/{id}/supervisor-advice\"")
                .doesNotContain(caseId)
                .contains("Only a privacy officer records the supervisor's advice.");
        assertThat(count("decision_log WHERE case_id = ? AND event_type = 'supervisor-advice-recorded'", caseId)).isZero();
        assertThat(count("case_decision WHERE case_id = ? AND outcome = 'recorded'", caseId)).isZero();

        assertThat(privacy.post("/api/cases/" + caseId + "/supervisor-advice", advice).status()).isEqualTo(204);

        JsonNode records = as("auditor-regional").get("/api/audit/records?caseId=" + caseId + "&size=100").json().get("records");
        List<String> steps = new ArrayList<>();
        records.forEach(r -> steps.add(r.get("eventType").asText() + " " + r.path("activityId").asText("")
                + (r.path("outcome").isNull() ? "" : " " + r.get("outcome").asText())));
        assertThat(steps).containsSubsequence(
                "dpia-assessed  hoog",
                "task-decided reviewDpia approve",
                "stage-reached requestPriorConsultation",
                "task-decided requestPriorConsultation submit",
                "prior-consultation-requested supervisorAdvice requested",
                "supervisor-advice-recorded supervisorAdvice recorded",
                "stage-reached releasePublication");
        JsonNode requested = StreamSupport.stream(records.spliterator(), false)
                .filter(r -> r.get("eventType").asText().equals("prior-consultation-requested")).findFirst().orElseThrow();
        assertThat(requested.get("actorId").asText()).isEqualTo("privacy-zoetermeer");
        assertThat(requested.get("payload").get("rationale").asText()).isEqualTo("Verzoek verstuurd naar de AP.");
        JsonNode recorded = StreamSupport.stream(records.spliterator(), false)
                .filter(r -> r.get("eventType").asText().equals("supervisor-advice-recorded")).findFirst().orElseThrow();
        assertThat(recorded.get("payload").get("advice").asText()).isEqualTo("De AP adviseert aanvullende waarborgen.");
        assertThat(recorded.get("actorRole").asText()).isEqualTo("privacy-officer");

        // The issue's examples across cases: DPIAs approved with residual risk hoog; approvals that overruled a send-back
        String sendBackCase = publishedCaseWithDpiaAndEthicsReview("Audit: overruled");
        Api auditor = as("auditor-regional");
        JsonNode approvedHigh = auditor.get("/api/audit/records?eventType=task-decided&activity=reviewDpia&outcome=approve"
                + "&variable=residualRisk%3Dhoog&size=500").json().get("records");
        assertThat(approvedHigh.findValuesAsText("caseId")).contains(caseId).doesNotContain(sendBackCase);
        JsonNode overruled = auditor.get("/api/audit/records?eventType=task-decided&outcome=approve&earlierOutcome=send-back&size=500")
                .json().get("records");
        assertThat(overruled.findValuesAsText("caseId")).contains(sendBackCase).doesNotContain(caseId);
        assertThat(auditor.get("/api/audit/records?variable=nonsense").status()).isEqualTo(400);
        assertIntact();
    }

    /**
     * A refusal decided inside a transaction that has already appended records (and so holds the chain's head lock) is
     * appended after that transaction rolled back, in a transaction of its own: no deadlock, no record of the refused
     * change, the chain in order.
     */
    @Test
    void aRefusalInsideATransactionThatAlreadyAppendedIsRecordedAfterTheRollback(@Autowired RefusalRecorder refusals) {
        long headBefore = head();
        StaffUser owner = new StaffUser("owner-zoetermeer", "Sanne de Vries", Set.of(Role.PROJECT_OWNER), Set.of("zoetermeer"));
        AtomicReference<String> createdId = new AtomicReference<>();
        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            createdId.set(cases.create(owner, null, new LinkedHashMap<>(Map.of("name", "Audit: geweigerd")), null).getId());
            refusals.record(owner, "POST", "/api/test/refused", "refused after a change");
            throw new nl.transparant.problems.ForbiddenException("refused after a change");
        })).hasMessageContaining("refused after a change");
        assertThat(count("algorithm_case WHERE id = ?", createdId.get())).isZero();
        assertThat(count("decision_log WHERE case_id = ?", createdId.get())).isZero();
        assertThat(head()).isEqualTo(headBefore + 1);
        Map<String, Object> refusal = jdbc.queryForMap("SELECT event_type, payload FROM decision_log WHERE seq = ?", headBefore + 1);
        assertThat(refusal.get("event_type")).isEqualTo("authorisation-denied");
        assertThat((String) refusal.get("payload")).contains("refused after a change");
        assertThat(log.verify().intact()).isTrue();
    }

    /**
     * The application's own database account was granted only what it needs: even with the triggers gone it can neither
     * change nor delete a record, nor empty or drop the log, nor put the triggers back or away. It can still do its work.
     */
    @Test
    void theApplicationsAccountCannotUpdateOrDeleteTheLogEvenWithoutTheTriggers() throws Exception {
        publishedCaseWithDpiaAndEthicsReview("Audit: rechten");
        long seq = head();
        assertThat(jdbc.queryForObject("SELECT CURRENT_USER()", String.class))
                .as("the application runs as its own account").startsWith(MariaDbTestDatabase.applicationUser() + "@");
        try (Connection root = MariaDbTestDatabase.connect(); Statement admin = root.createStatement();
                Connection app = MariaDbTestDatabase.connectAsApplication(); Statement sql = app.createStatement()) {
            List<String> triggers = dropTriggers(admin);
            try {
                for (String refused : List.of(
                        "UPDATE decision_log SET outcome = 'reject' WHERE seq = " + seq,
                        "DELETE FROM decision_log WHERE seq = " + seq,
                        "TRUNCATE TABLE decision_log",
                        "DROP TABLE decision_log",
                        "ALTER TABLE decision_log ADD COLUMN note VARCHAR(10)",
                        "DELETE FROM decision_log_head",
                        "CREATE TRIGGER t BEFORE INSERT ON algorithm_case FOR EACH ROW SET @x = 1",
                        "GRANT UPDATE ON decision_log TO CURRENT_USER()")) {
                    assertThatThrownBy(() -> sql.execute(refused)).as(refused).isInstanceOf(SQLException.class)
                            .hasMessageContaining("denied");
                }
                assertThat(sql.executeUpdate("UPDATE algorithm_case SET stage = stage WHERE id = 'none'")).isZero();
                assertThat(sql.executeQuery("SELECT COUNT(*) FROM ACT_HI_ACTINST").next()).isTrue();
            } finally {
                for (String trigger : triggers) {
                    admin.execute(trigger);
                }
            }
        }
        assertIntact();
    }

    /** Signed checkpoints are append-only on MariaDB like the log: the triggers refuse even root, the grants the application. */
    @Test
    void signedCheckpointsAreAppendOnlyAndTheVerificationHoldsTheChainToThem() throws Exception {
        publishedCaseWithDpiaAndEthicsReview("Audit: controlepunt");
        assertThat(as("admin").post("/api/admin/checkpoints", null).status()).isEqualTo(200);
        try (Connection root = MariaDbTestDatabase.connect(); Statement sql = root.createStatement();
                Connection app = MariaDbTestDatabase.connectAsApplication(); Statement appSql = app.createStatement()) {
            assertThatThrownBy(() -> sql.executeUpdate("UPDATE decision_log_checkpoint SET log_hash = log_hash"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> sql.executeUpdate("DELETE FROM decision_log_checkpoint")).hasMessageContaining("append-only");
            assertThatThrownBy(() -> appSql.executeUpdate("DELETE FROM decision_log_checkpoint")).hasMessageContaining("denied");
        }
        JsonNode verified = as("auditor-regional").get("/api/audit/verify").json();
        assertThat(verified.get("intact").asBoolean()).isTrue();
        assertThat(verified.get("checkpointsChecked").asLong()).isPositive();
    }

    /**
     * A migration run takes away a right granted by hand (UPDATE on the log), and never takes the account's ordinary
     * rights away even for a moment: another node keeps working on them while this one starts (a rolling upgrade).
     */
    @Test
    void aMigrationRunTakesAwayRightsGrantedByHandButNeverTheAccountsOwn() throws Exception {
        String account = "'" + MariaDbTestDatabase.applicationUser() + "'@'%'";
        try (Connection root = MariaDbTestDatabase.connect(); Statement admin = root.createStatement()) {
            admin.execute("GRANT UPDATE ON decision_log TO " + account);
        }
        ExecutorService reader = Executors.newSingleThreadExecutor();
        java.util.concurrent.atomic.AtomicBoolean migrating = new java.util.concurrent.atomic.AtomicBoolean(true);
        try {
            Future<Integer> reads = reader.submit(() -> {
                int done = 0;
                try (Connection app = MariaDbTestDatabase.connectAsApplication(); Statement sql = app.createStatement()) {
                    while (migrating.get()) {
                        // a running node's everyday statements on the tables whose rights the run grants again
                        sql.executeQuery("SELECT COUNT(*) FROM algorithm_case").close();
                        sql.executeQuery("SELECT COUNT(*) FROM ACT_RU_TASK").close();
                        sql.executeQuery("SELECT last_seq FROM decision_log_head").close();
                        done++;
                    }
                }
                return done;
            });
            for (int run = 0; run < 3; run++) {
                flyway.migrate();
            }
            migrating.set(false);
            assertThat(reads.get(60, TimeUnit.SECONDS)).as("reads that never failed while migrations ran").isPositive();
        } finally {
            migrating.set(false);
            reader.shutdownNow();
        }
        try (Connection app = MariaDbTestDatabase.connectAsApplication(); Statement sql = app.createStatement()) {
            assertThatThrownBy(() -> sql.execute("UPDATE decision_log SET outcome = outcome WHERE seq = 0"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("denied");
        }
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
            // fail at the last moment: after the log has written the record, just before the commit
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public int getOrder() {
                    return Ordered.LOWEST_PRECEDENCE;
                }

                @Override
                public void beforeCommit(boolean readOnly) {
                    assertThat(count("decision_log WHERE case_id = ?", createdId.get())).as("written in the transaction").isEqualTo(1);
                    throw new IllegalStateException("forced failure after the change");
                }
            });
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
                    ? thisNodeTransaction.execute(status -> { log.append(entry); return null; })
                    : otherNodeTransaction.execute(status -> { otherNode.append(entry); return null; })));
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
                "--spring.datasource.username=" + MariaDbTestDatabase.applicationUser(),
                "--spring.datasource.password=" + MariaDbTestDatabase.accountPassword()};
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
        Api.Response withConditions = as("ethics-second").post("/api/cases/" + caseId + "/ethics-votes", Map.of("vote",
                "positive-with-conditions", "rationale", "Eens, mits uitlegbaar.", "conditions", List.of("Leg de werking uit aan bewoners.")));
        assertThat(withConditions.status()).as(withConditions.toString()).isEqualTo(201);
        long condition = owner.get("/api/cases/" + caseId + "/ethics-votes").json().get("conditions").get(0).get("id").asLong();
        Api.Response met = owner.post("/api/cases/" + caseId + "/conditions/" + condition + "/met",
                Map.of("note", "Uitleg staat op de website."));
        assertThat(met.status()).as(met.toString()).isEqualTo(200);
        complete(as("publisher-zoetermeer"), caseId, "releasePublication", Map.of("outcome", "approve", "rationale", "Klaar."));
        assertThat(awaitStage(owner, caseId, "PUBLISHED")).isEqualTo("PUBLISHED");
        return caseId;
    }
}
