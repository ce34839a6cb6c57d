package nl.transparant.review;

import static nl.transparant.review.ReviewSpineFixtures.answers;
import static nl.transparant.review.ReviewSpineFixtures.complete;
import static nl.transparant.review.ReviewSpineFixtures.createCase;
import static nl.transparant.review.ReviewSpineFixtures.stage;
import static nl.transparant.review.ReviewSpineFixtures.taskId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import nl.transparant.screening.DpiaAnswers;
import nl.transparant.support.Api;
import nl.transparant.support.FullStackTest;
import org.junit.jupiter.api.Test;

/**
 * The four-eyes rule on MariaDB with Keycloak's tokens: {@code owner-privacy-zoetermeer} (project owner and privacy officer
 * of Zoetermeer) fills in the DPIA of a colleague's case and then cannot approve it — not through our API, not through the
 * engine's REST API, not by having it assigned to them — and the submitter of a case cannot record the supervisor's advice
 * on it. Each refusal is a 403 problem+json in the caller's language and an {@code authorisation-denied} record.
 */
class FourEyesIT extends FullStackTest {

    static final Map<String, Object> HIGH_RISK_FACTS = answers(Map.of("personalData", true, "largeScale", true, "matchingDatasets", true));

    @Test
    void whoFilledInTheDpiaCannotApproveItThroughAnyClient() {
        Api submitter = as("owner-zoetermeer");
        Api dualRole = as("owner-privacy-zoetermeer");
        Api privacy = as("privacy-zoetermeer");
        String caseId = createCase(submitter, "Vier ogen: DPIA van een collega");
        assertThat(submitter.post("/api/cases/" + caseId + "/submit", null).status()).isEqualTo(200);
        complete(dualRole, caseId, "answerPreScan", Map.of("answers", HIGH_RISK_FACTS));
        complete(dualRole, caseId, "fillInDpia", Map.of("answers", DpiaAnswers.lowResidualRisk()));
        String review = taskId(privacy, caseId, "reviewDpia");
        Map<String, Object> approval = Map.of("outcome", "approve", "rationale", "Mijn eigen DPIA is in orde.");

        Api.Response dutch = dualRole.post("/api/tasks/" + review + "/complete", approval);
        Api.Response english = dualRole.withHeader("Accept-Language", "en").post("/api/tasks/" + review + "/complete", approval);
        assertThat(dutch.status()).as(dutch.toString()).isEqualTo(403);
        assertThat(dutch.isProblem()).isTrue();
        assertThat(dutch.json().get("detail").asText()).startsWith("U heeft zelf werk aan deze zaak gedaan");
        assertThat(english.status()).isEqualTo(403);
        assertThat(english.json().get("detail").asText()).startsWith("You did work on this case yourself");

        Api.Response engineRest = dualRole.post("/engine-rest/task/" + review + "/complete",
                Map.of("variables", Map.of("outcome", Map.of("value", "approve"))));
        assertThat(engineRest.status()).as("the engine's REST API: %s", engineRest).isEqualTo(403);
        Api admin = as("admin").withHeader("X-Transparant-Reason", "Vastgelopen beoordeling verdelen");
        Api.Response assigned = admin.post("/engine-rest/task/" + review + "/assignee", Map.of("userId", "owner-privacy-zoetermeer"));
        // the engine REST API holds an administrator's assignment to the four-eyes rule before the engine is asked
        assertThat(assigned.status()).as("an administrator assigning the review to them: %s", assigned).isEqualTo(403);
        assertThat(assigned.isProblem()).isTrue();
        // the administrator is told the other person did the work, not that they did (outside test, 2026-12-06)
        assertThat(assigned.json().get("detail").asText()).startsWith("De persoon aan wie u deze taak wilt geven, heeft zelf werk");
        Api.Response claimedByAnother = admin.post("/engine-rest/task/" + review + "/assignee", Map.of("userId", "privacy-zoetermeer"));
        assertThat(claimedByAnother.status()).as("assigned to someone who did no work: %s", claimedByAnother).isEqualTo(204);
        assertThat(admin.post("/engine-rest/task/" + review + "/unclaim", Map.of()).status()).isEqualTo(204);

        JsonNode task = as("admin").get("/engine-rest/task/" + review).json();
        assertThat(task.get("assignee").isNull()).as("still unassigned: %s", task).isTrue();
        assertThat(stage(submitter, caseId)).isEqualTo("DPIA_REVIEW");
        JsonNode refusals = as("auditor-regional")
                .get("/api/audit/records?eventType=authorisation-denied&actor=owner-privacy-zoetermeer&size=100").json().get("records");
        // the path as recorded: its ids normalised, so a refusal never stores what a person typed
        assertThat(refusals.findValuesAsText("path")).contains("/api/tasks/{id}/complete", "/engine-rest/task/{id}/complete");
        // the refusals of the review itself and of the administrator's hand-over are in the case's trail
        assertThat(as("auditor-regional").get("/api/audit/records?eventType=authorisation-denied&caseId=" + caseId + "&size=100")
                .json().get("records").findValuesAsText("path")).contains("/api/tasks/{id}/complete", "/engine-rest/task/{id}/assignee");

        complete(privacy, caseId, "reviewDpia", Map.of("outcome", "approve", "rationale", "Door een ander bekeken."));
        assertThat(stage(submitter, caseId)).isNotEqualTo("DPIA_REVIEW");
    }

    @Test
    void theSubmitterCannotRecordTheSupervisorsAdviceOnTheirOwnCase() {
        Api dualRole = as("owner-privacy-zoetermeer");
        Api privacy = as("privacy-zoetermeer");
        String caseId = createCase(dualRole, "Vier ogen: eigen zaak, advies van de AP");
        assertThat(dualRole.post("/api/cases/" + caseId + "/submit", null).status()).isEqualTo(200);
        complete(dualRole, caseId, "answerPreScan", Map.of("answers", HIGH_RISK_FACTS));
        complete(dualRole, caseId, "fillInDpia", Map.of("answers", DpiaAnswers.highResidualRisk()));
        complete(privacy, caseId, "reviewDpia", Map.of("outcome", "approve", "rationale", "Restrisico blijft hoog: raadplegen."));
        complete(privacy, caseId, "requestPriorConsultation", Map.of("rationale", "Verzoek verstuurd naar de AP."));
        Map<String, Object> advice = new HashMap<>(Map.of("advice", "De AP adviseert aanvullende waarborgen."));

        Api.Response refused = dualRole.post("/api/cases/" + caseId + "/supervisor-advice", advice);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
        assertThat(refused.isProblem()).isTrue();
        assertThat(refused.json().get("reason").asText()).startsWith("U diende deze zaak in");
        assertThat(stage(dualRole, caseId)).isEqualTo("PRIOR_CONSULTATION");

        assertThat(privacy.post("/api/cases/" + caseId + "/supervisor-advice", advice).status()).isEqualTo(204);
    }
}
