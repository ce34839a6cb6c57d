package nl.transparant.cases;

import static nl.transparant.review.ReviewSpineFixtures.answers;
import static nl.transparant.review.ReviewSpineFixtures.awaitStage;
import static nl.transparant.review.ReviewSpineFixtures.complete;
import static nl.transparant.review.ReviewSpineFixtures.createCase;
import static nl.transparant.review.ReviewSpineFixtures.inboxTaskIds;
import static nl.transparant.review.ReviewSpineFixtures.stage;
import static nl.transparant.review.ReviewSpineFixtures.taskId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import nl.transparant.support.Api;
import nl.transparant.support.FullStackTest;
import org.camunda.bpm.engine.RuntimeService;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A published entry's life over HTTP, on MariaDB with Keycloak tokens, each step by the right person: a change goes
 * through the review again and becomes version 2 while version 1 stays readable; a retirement approved by a
 * publisher publishes "Buiten gebruik" with the end date; the re-review timer gives the owner a task they confirm.
 */
class LivingEntryEndToEndIT extends FullStackTest {

    static final ZoneId NETHERLANDS = ZoneId.of("Europe/Amsterdam");

    @Autowired
    RuntimeService runtimeService;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;
    @Autowired
    nl.transparant.workflow.livingentry.EntryUpkeepProcess entryUpkeep;

    @Test
    void aChangeGoesThroughTheReviewAgainAndBecomesVersionTwoWhileVersionOneStaysReadable() {
        Api owner = as("owner-zoetermeer");
        String name = "Levend register: lantaarnpalen " + marker();
        String caseId = published(owner, name);
        String lars = larsOf(name);
        JsonNode entry = owner.get("/api/cases/" + caseId + "/entry").json();
        assertThat(entry.get("publishedVersions").asInt()).isEqualTo(1);
        Instant expectedReReview = LocalDate.now(NETHERLANDS).plusYears(1).atTime(LocalTime.of(9, 0)).atZone(NETHERLANDS).toInstant();
        assertThat(Instant.parse(entry.get("nextReReview").asText())).as("policies/re-review.yaml: P1Y at 9:00")
                .isEqualTo(expectedReReview);

        assertThat(as("owner-nissewaard").post("/api/cases/" + caseId + "/change", null).status()).isEqualTo(404);
        assertThat(as("publisher-zoetermeer").post("/api/cases/" + caseId + "/change", null).status()).isEqualTo(403);
        JsonNode changing = owner.post("/api/cases/" + caseId + "/change", null).json();
        assertThat(changing.get("stage").asText()).isEqualTo("CHANGE");
        assertThat(changing.get("nextReReview").isNull()).as("a change ends the pending re-review").isTrue();
        assertThat(owner.post("/api/cases/" + caseId + "/change", null).status()).as("already changing").isEqualTo(409);

        JsonNode current = owner.get("/api/cases/" + caseId).json();
        Map<String, Object> fields = new LinkedHashMap<>(Api.JSON.convertValue(current.get("fields"), Map.class));
        fields.put("description_short", "Nu ook voor de lantaarnpalen in parken.");
        Api.Response edited = owner.put("/api/cases/" + caseId, Map.of("fields", fields, "version", current.get("version").asLong()));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(anonymous().get("/api/public/algorithms/" + lars).json().get("fields").get("description_short").asText())
                .as("the public keeps seeing version 1 during the change").isEqualTo("Een algoritme voor de test van de toetsingsketen.");

        assertThat(owner.post("/api/cases/" + caseId + "/submit", null).json().get("stage").asText()).isEqualTo("PRE_SCAN");
        complete(owner, caseId, "answerPreScan", Map.of("answers", answers(Map.of())));
        assertThat(stage(owner, caseId)).isEqualTo("PUBLICATION_REVIEW");
        assertThat(anonymous().get("/api/public/algorithms/" + lars).json().get("version").asInt()).isEqualTo(1);
        complete(as("publisher-zoetermeer"), caseId, "releasePublication", Map.of("outcome", "approve", "rationale", "Wijziging klopt."));

        awaitStage(owner, caseId, "PUBLISHED");
        JsonNode latest = anonymous().get("/api/public/algorithms/" + lars).json();
        assertThat(latest.get("version").asInt()).isEqualTo(2);
        assertThat(latest.get("fields").get("description_short").asText()).isEqualTo("Nu ook voor de lantaarnpalen in parken.");
        assertThat(anonymous().get("/api/public/algorithms/" + lars + "/versions/1").json().get("fields").get("description_short").asText())
                .isEqualTo("Een algoritme voor de test van de toetsingsketen.");
        Document version2 = Jsoup.parse(anonymous().get("/register/" + lars + "/versions/2").body());
        assertThat(version2.select("#change-description_short del").text()).isEqualTo("Een algoritme voor de test van de toetsingsketen.");
        assertThat(version2.select("#change-description_short ins").text()).isEqualTo("Nu ook voor de lantaarnpalen in parken.");
        assertThat(anonymous().get("/register/feed.atom").body()).contains("Gewijzigd: " + name + " (versie 2)");
        JsonNode afterRelease = owner.get("/api/cases/" + caseId + "/entry").json();
        assertThat(afterRelease.get("publishedVersions").asInt()).isEqualTo(2);
        assertThat(afterRelease.get("nextReReview").isNull()).as("the new publication plans a new re-review").isFalse();
        assertThat(upkeepInstances(caseId)).isEqualTo(1);

        assertThat(auditTrail(caseId)).containsSubsequence("change-started", "case-changed", "case-submitted", "entry-published",
                "new-version-published changed", "stage-reached PUBLISHED");
    }

    @Test
    void aChangeTheReviewRejectsLeavesThePublishedVersionAndTheCasePublished() {
        Api owner = as("owner-zoetermeer");
        String name = "Levend register: afgewezen wijziging " + marker();
        String caseId = published(owner, name);
        owner.post("/api/cases/" + caseId + "/change", null);
        owner.post("/api/cases/" + caseId + "/submit", null);
        complete(owner, caseId, "answerPreScan", Map.of("answers", answers(Map.of())));
        complete(as("publisher-zoetermeer"), caseId, "releasePublication", Map.of("outcome", "reject", "rationale", "Niet nodig."));

        JsonNode rejected = owner.get("/api/cases/" + caseId).json();
        assertThat(rejected.get("stage").asText()).isEqualTo("PUBLISHED");
        assertThat(rejected.get("closingReason").asText()).isEqualTo("Niet nodig.");
        assertThat(anonymous().get("/api/public/algorithms/" + larsOf(name)).json().get("version").asInt()).isEqualTo(1);
        assertThat(upkeepInstances(caseId)).as("the entry is re-reviewed again").isEqualTo(1);
    }

    @Test
    void aRetirementApprovedByAPublisherPublishesBuitenGebruikWithTheEndDate() {
        Api owner = as("owner-zoetermeer");
        String name = "Levend register: uit gebruik " + marker();
        String caseId = published(owner, name);
        String lars = larsOf(name);
        String endDate = YearMonth.now(NETHERLANDS).toString();
        Map<String, Object> request = Map.of("endDate", endDate, "reason", "De dienst is gestopt.");

        assertProblem(owner.post("/api/cases/" + caseId + "/retirement", Map.of("endDate", "2999-01", "reason", "Later.")), "endDate");
        assertProblem(owner.post("/api/cases/" + caseId + "/retirement", Map.of("endDate", "december", "reason", "x")), "endDate");
        assertProblem(owner.post("/api/cases/" + caseId + "/retirement", Map.of("endDate", endDate, "reason", "<b>weg</b>")), "reason");
        assertProblem(owner.post("/api/cases/" + caseId + "/retirement", Map.of("endDate", endDate)), "reason");
        assertThat(as("owner-nissewaard").post("/api/cases/" + caseId + "/retirement", request).status()).isEqualTo(404);
        assertThat(as("publisher-zoetermeer").post("/api/cases/" + caseId + "/retirement", request).status()).isEqualTo(403);
        assertThat(stage(owner, caseId)).as("nothing was started by the refused requests").isEqualTo("PUBLISHED");

        Api.Response requested = owner.post("/api/cases/" + caseId + "/retirement", request);
        assertThat(requested.status()).as(requested.toString()).isEqualTo(200);
        assertThat(requested.json().get("stage").asText()).isEqualTo("RETIREMENT_REVIEW");
        assertThat(requested.json().get("nextReReview").isNull()).as("a retirement ends the pending re-review").isTrue();
        assertThat(owner.post("/api/cases/" + caseId + "/change", null).status()).isEqualTo(409);

        String decision = taskId(as("publisher-zoetermeer"), caseId, "decideRetirement");
        assertThat(inboxTaskIds(as("publisher-zoetermeer"))).contains(decision);
        assertThat(inboxTaskIds(owner)).doesNotContain(decision);
        assertThat(inboxTaskIds(as("publisher-nissewaard"))).doesNotContain(decision);
        Api.Response byRequester = owner.post("/api/tasks/" + decision + "/complete", Map.of("outcome", "approve", "rationale", "Zelf."));
        assertThat(byRequester.status()).as("the requester never decides on their own retirement").isEqualTo(403);
        assertThat(as("publisher-nissewaard").post("/api/tasks/" + decision + "/complete",
                Map.of("outcome", "approve", "rationale", "Andere gemeente.")).status()).isEqualTo(404);
        assertThat(as("publisher-zoetermeer").post("/api/tasks/" + decision + "/complete", Map.of("outcome", "approve")).status())
                .as("a decision needs a rationale").isEqualTo(400);
        assertThat(anonymous().get("/api/public/algorithms/" + lars).json().get("version").asInt()).isEqualTo(1);

        complete(as("publisher-zoetermeer"), caseId, "decideRetirement", Map.of("outcome", "approve", "rationale", "Klopt, gestopt."));

        assertThat(stage(owner, caseId)).isEqualTo("RETIRED");
        // the case's own texts say it too, read back from the database (its texts are replaced, never changed in place,
        // since Hibernate keeps no copy of them to compare: a change in place would have been lost silently)
        JsonNode caseFields = owner.get("/api/cases/" + caseId).json().get("fields");
        assertThat(caseFields.get("status").asText()).isEqualTo("Buiten gebruik");
        assertThat(caseFields.get("end_date").asText()).isEqualTo(endDate);
        JsonNode retired = anonymous().get("/api/public/algorithms/" + lars).json();
        assertThat(retired.get("version").asInt()).isEqualTo(2);
        assertThat(retired.get("fields").get("status").asText()).isEqualTo("Buiten gebruik");
        assertThat(retired.get("fields").get("end_date").asText()).isEqualTo(endDate);
        assertThat(retired.get("fields").get("name").asText()).isEqualTo(name);
        assertThat(anonymous().get("/api/algoritme/NLD/" + lars).json().get("end_date").asText()).isEqualTo(endDate);
        Document page = Jsoup.parse(anonymous().get("/register/" + lars).body());
        assertThat(page.text()).contains("Buiten gebruik").contains(endDate);
        assertThat(anonymous().get("/register/feed.atom").body()).contains("Buiten gebruik gesteld: " + name + " (versie 2)")
                .contains("term=\"retired\"");
        assertThat(anonymous().get("/api/public/algorithms/" + lars + "/versions/1").json().get("fields").get("status").asText())
                .isEqualTo("In ontwikkeling");
        assertThat(upkeepInstances(caseId)).as("a retired entry is not re-reviewed").isZero();
        assertThat(owner.post("/api/cases/" + caseId + "/retirement", request).status()).isEqualTo(409);

        assertThat(auditTrail(caseId)).containsSubsequence("stage-reached RETIREMENT_REVIEW", "retirement-requested",
                "task-decided approve", "entry-retired retired", "new-version-published retired", "stage-reached RETIRED");
    }

    @Test
    void aRefusedRetirementLeavesTheEntryAsItWasAndPlansTheReReviewAgain() {
        Api owner = as("owner-zoetermeer");
        String name = "Levend register: blijft " + marker();
        String caseId = published(owner, name);
        owner.post("/api/cases/" + caseId + "/retirement", Map.of("endDate", YearMonth.now(NETHERLANDS).toString(), "reason", "Weg."));

        complete(as("publisher-zoetermeer"), caseId, "decideRetirement", Map.of("outcome", "refuse", "rationale", "Wordt nog gebruikt."));

        assertThat(stage(owner, caseId)).isEqualTo("PUBLISHED");
        assertThat(anonymous().get("/api/public/algorithms/" + larsOf(name)).json().get("version").asInt()).isEqualTo(1);
        assertThat(owner.get("/api/cases/" + caseId + "/entry").json().get("nextReReview").isNull()).isFalse();
    }

    @Test
    void onTheReviewDateTheOwnerGetsATaskAndConfirmsTheEntryIsStillRight() {
        Api owner = as("owner-zoetermeer");
        String caseId = published(owner, "Levend register: herbeoordeling " + marker());
        assertThat(plannedReReview(caseId)).isAfter(Instant.now().plus(300, ChronoUnit.DAYS));
        assertThat(taskIdOrNull(owner, caseId, "confirmEntryCurrent")).isNull();

        // the date comes: the upkeep schedule's next round starts the re-review (here the round runs at once)
        inTransaction(() -> jdbc.update("UPDATE entry_upkeep_plan SET due_at = ? WHERE case_id = ?",
                java.sql.Timestamp.from(Instant.now().minusSeconds(1)), caseId));
        assertThat(entryUpkeep.startDue(Instant.now())).isOne();
        String task = awaitTask(owner, caseId, "confirmEntryCurrent");

        assertThat(inboxTaskIds(owner)).contains(task);
        assertThat(inboxTaskIds(as("owner-nissewaard"))).doesNotContain(task);
        assertThat(as("publisher-zoetermeer").post("/api/tasks/" + task + "/complete", Map.of("rationale", "Niet mijn taak.")).status())
                .isEqualTo(403);
        Api.Response confirmed = owner.post("/api/tasks/" + task + "/complete", Map.of("rationale", "Tekst en DPIA nagelezen: klopt nog."));
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);

        assertThat(stage(owner, caseId)).isEqualTo("PUBLISHED");
        Instant next = Instant.parse(owner.get("/api/cases/" + caseId + "/entry").json().get("nextReReview").asText());
        assertThat(next).as("the next re-review an interval (P1Y) after the confirmation")
                .isCloseTo(Instant.now().atZone(NETHERLANDS).plusYears(1).toInstant(), within(5, ChronoUnit.MINUTES));
        assertThat(owner.get("/api/cases/" + caseId).json().get("decisions").findValuesAsText("rationale"))
                .contains("Tekst en DPIA nagelezen: klopt nog.");
        assertThat(auditTrail(caseId)).containsSubsequence("re-review-due due", "task-decided submit", "re-review-confirmed confirmed");
        JsonNode confirmation = as("auditor-regional").get("/api/audit/records?caseId=" + caseId + "&eventType=re-review-confirmed")
                .json().get("records").get(0);
        assertThat(confirmation.get("actorId").asText()).isEqualTo("owner-zoetermeer");
        assertThat(confirmation.get("payload").toString()).contains("Tekst en DPIA nagelezen: klopt nog.");
        assertThat(as("auditor-regional").get("/api/audit/verify").json().get("intact").asBoolean()).isTrue();
    }

    /** Created, pre-scanned with nothing that needs a DPIA or ethics review, and released: version 1 in the register. */
    private String published(Api owner, String name) {
        String caseId = createCase(owner, name);
        owner.post("/api/cases/" + caseId + "/submit", null);
        complete(owner, caseId, "answerPreScan", Map.of("answers", answers(Map.of())));
        complete(as("publisher-zoetermeer"), caseId, "releasePublication", Map.of("outcome", "approve", "rationale", "Klaar."));
        awaitStage(owner, caseId, "PUBLISHED");
        return caseId;
    }

    private String larsOf(String name) {
        JsonNode listed = anonymous().get("/api/public/algorithms?q=" + name.substring(name.lastIndexOf(' ') + 1)).json();
        assertThat(listed).hasSize(1);
        return listed.get(0).get("lars").asText();
    }

    /** The case's decision log records as "event-type outcome" (or "event-type STAGE" for a stage reached). */
    private List<String> auditTrail(String caseId) {
        List<String> trail = new ArrayList<>();
        as("auditor-regional").get("/api/audit/records?caseId=" + caseId + "&size=200").json().get("records").forEach(r -> {
            String type = r.get("eventType").asText();
            String detail = "stage-reached".equals(type) ? r.get("payload").path("stage").asText()
                    : r.path("outcome").isNull() ? "" : r.get("outcome").asText();
            trail.add(detail.isEmpty() ? type : type + " " + detail);
        });
        return trail;
    }

    /** The entry's upkeep: its first re-review planned (a row until the date comes), or the process running. */
    private long upkeepInstances(String caseId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM entry_upkeep_plan WHERE case_id = ?", Long.class, caseId)
                + runtimeService.createProcessInstanceQuery().processDefinitionKeyIn("entry-re-review", "entry-upkeep")
                        .processInstanceBusinessKey(caseId).count();
    }

    /** When the entry's first re-review is planned. */
    private Instant plannedReReview(String caseId) {
        return jdbc.queryForObject("SELECT due_at FROM entry_upkeep_plan WHERE case_id = ?", java.sql.Timestamp.class, caseId).toInstant();
    }

    /** The job executor runs the timer once its due date has passed; waits for the task it creates. */
    private String awaitTask(Api user, String caseId, String activityId) {
        return await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500))
                .until(() -> taskIdOrNull(user, caseId, activityId), Objects::nonNull);
    }

    private static String taskIdOrNull(Api user, String caseId, String activityId) {
        for (JsonNode task : user.get("/api/cases/" + caseId).json().get("openTasks")) {
            if (task.get("activityId").asText().equals(activityId)) {
                return task.get("id").asText();
            }
        }
        return null;
    }

    private static void assertProblem(Api.Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.json().toString()).contains("\"" + field + "\"");
    }

    private static String marker() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
