package nl.transparant.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import nl.transparant.screening.PreScanAnswers;
import nl.transparant.support.Api;

/** Steps of the review spine over the HTTP API, shared by the full-stack tests. */
public final class ReviewSpineFixtures {

    private ReviewSpineFixtures() {
    }


    public static String createCase(Api owner, String name) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("description_short", "Een algoritme voor de test van de toetsingsketen.");
        fields.put("status", "In ontwikkeling");
        fields.put("contact_email", "algoritmes@example.nl");
        fields.put("goal", "<p>Beter plannen.</p><ul><li>Minder kosten</li></ul>");
        Api.Response created = owner.post("/api/cases", Map.of("fields", fields, "internalNotes", "Alleen voor intern gebruik"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    public static void complete(Api user, String caseId, String activityId, Map<String, Object> body) {
        String taskId = taskId(user, caseId, activityId);
        Api.Response response = user.post("/api/tasks/" + taskId + "/complete", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    public static String taskId(Api user, String caseId, String activityId) {
        JsonNode tasks = user.get("/api/cases/" + caseId).json().get("openTasks");
        return StreamSupport.stream(tasks.spliterator(), false)
                .filter(t -> t.get("activityId").asText().equals(activityId))
                .map(t -> t.get("id").asText())
                .findFirst()
                .orElseThrow(() -> new AssertionError("No open task " + activityId + " on case " + caseId + ": " + tasks));
    }

    /** An ethics committee member's vote; the committee's quorum (policies/ethics-committee.yaml) decides. */
    public static void vote(Api member, String caseId, String vote, String rationale) {
        Api.Response response = member.post("/api/cases/" + caseId + "/ethics-votes", Map.of("vote", vote, "rationale", rationale));
        assertThat(response.status()).as(response.toString()).isBetween(200, 201);
    }

    public static List<String> inboxTaskIds(Api user) {
        return user.get("/api/tasks").json().findValuesAsText("id");
    }

    public static String stage(Api user, String caseId) {
        return user.get("/api/cases/" + caseId).json().get("stage").asText();
    }

    /** Waits (at most 30 seconds) until the case is in this stage, and fails if it is not: the publication runs as a job after the release. */
    public static String awaitStage(Api user, String caseId, String expected) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(stage(user, caseId)).as("stage of case " + caseId).isEqualTo(expected));
        return expected;
    }

    /**
     * Pre-scan and AI Act answers for a case with these facts (see {@link PreScanAnswers}); what they mean is the
     * policy files' business.
     */
    public static Map<String, Object> answers(Map<String, Boolean> facts) {
        return PreScanAnswers.of(facts.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
                .toArray(String[]::new));
    }
}
