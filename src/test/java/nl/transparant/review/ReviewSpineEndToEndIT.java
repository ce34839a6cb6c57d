package nl.transparant.review;

import static nl.transparant.review.ReviewSpineFixtures.awaitStage;
import static nl.transparant.review.ReviewSpineFixtures.answers;
import static nl.transparant.review.ReviewSpineFixtures.complete;
import static nl.transparant.review.ReviewSpineFixtures.createCase;
import static nl.transparant.review.ReviewSpineFixtures.inboxTaskIds;
import static nl.transparant.review.ReviewSpineFixtures.stage;
import static nl.transparant.review.ReviewSpineFixtures.taskId;
import static nl.transparant.review.ReviewSpineFixtures.vote;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import nl.transparant.screening.DpiaAnswers;
import nl.transparant.screening.IamaAnswers;
import nl.transparant.support.Api;
import nl.transparant.support.FullStackTest;
import org.junit.jupiter.api.Test;

/** One case from draft to the public register over HTTP, on MariaDB, each step by the right Keycloak user. */
class ReviewSpineEndToEndIT extends FullStackTest {

    static final Map<String, Object> PROFILING_WITH_PERSONAL_DATA = answers(Map.of("personalData", true, "profiling", true,
            "largeScale", true, "matchingDatasets", true));

    @Test
    void aCaseGoesFromDraftThroughDpiaAndEthicsReviewToThePublicRegister() {
        Api owner = as("owner-zoetermeer");
        String caseId = createCase(owner, "Voorspellen van onderhoud aan bomen");
        assertThat(owner.post("/api/cases/" + caseId + "/submit", null).json().get("stage").asText()).isEqualTo("PRE_SCAN");

        complete(owner, caseId, "answerPreScan", Map.of("answers", PROFILING_WITH_PERSONAL_DATA));
        assertThat(stage(owner, caseId)).isEqualTo("DPIA");
        complete(owner, caseId, "fillInDpia", Map.of("rationale", "DPIA ingevuld", "answers", DpiaAnswers.lowResidualRisk()));

        Api privacy = as("privacy-zoetermeer");
        complete(privacy, caseId, "reviewDpia", Map.of("outcome", "send-back", "rationale", "Bewaartermijn ontbreekt."));
        JsonNode sentBack = owner.get("/api/cases/" + caseId).json();
        assertThat(sentBack.get("stage").asText()).isEqualTo("DPIA");
        assertThat(sentBack.get("decisions").findValuesAsText("rationale")).contains("Bewaartermijn ontbreekt.");
        // who decided, as an account for programs and by name for people (never only the account: outside tester)
        assertThat(sentBack.get("decisions").findValuesAsText("decidedBy")).contains("privacy-zoetermeer");
        assertThat(sentBack.get("decisions").findValuesAsText("decidedByName")).isNotEmpty().noneMatch(name -> name.endsWith("-zoetermeer"));
        assertThat(sentBack.get("createdByName").asText()).isNotBlank().isNotEqualTo("owner-zoetermeer");

        complete(owner, caseId, "fillInDpia", Map.of("rationale", "Bewaartermijn van 6 maanden toegevoegd",
                "answers", DpiaAnswers.lowResidualRisk()));
        complete(privacy, caseId, "reviewDpia", Map.of("outcome", "approve", "rationale", "Maatregelen voldoende."));
        assertThat(stage(owner, caseId)).isEqualTo("IAMA");
        complete(owner, caseId, "fillInIama", Map.of("rationale", "IAMA met het team", "answers", IamaAnswers.proceeding()));
        assertThat(stage(owner, caseId)).isEqualTo("ETHICS_REVIEW");

        Api.Response direct = as("ethics-regional").post("/api/tasks/" + taskId(as("ethics-regional"), caseId, "reviewEthics") + "/complete",
                Map.of("outcome", "approve", "rationale", "Alleen ik beslis."));
        assertThat(direct.status()).as("the committee decides by vote, not one member").isEqualTo(403);
        vote(as("ethics-regional"), caseId, "positive", "Proportioneel.");
        assertThat(stage(owner, caseId)).isEqualTo("ETHICS_REVIEW");
        vote(as("ethics-second"), caseId, "positive", "Eens, met de gekozen waarborgen.");
        assertThat(stage(owner, caseId)).isEqualTo("PUBLICATION_REVIEW");
        assertThat(anonymous().get("/api/public/algorithms?q=bomen").json()).isEmpty();

        complete(as("publisher-zoetermeer"), caseId, "releasePublication", Map.of("outcome", "approve", "rationale", "Klaar."));
        assertThat(awaitStage(owner, caseId, "PUBLISHED")).as("published by the job after the release").isEqualTo("PUBLISHED");

        JsonNode listed = anonymous().get("/api/public/algorithms?q=bomen").json();
        assertThat(listed).hasSize(1);
        String lars = listed.get(0).get("lars").asText();
        JsonNode entry = anonymous().get("/api/public/algorithms/" + lars).json();
        JsonNode fields = entry.get("fields");
        assertThat(fields.get("name").asText()).isEqualTo("Voorspellen van onderhoud aan bomen");
        assertThat(fields.get("organization").asText()).isEqualTo("Gemeente Zoetermeer");
        assertThat(fields.get("publication_category").asText()).isEqualTo("Impactvolle algoritmes");
        assertThat(fields.get("impacttoetsen_grouping").findValuesAsText("title"))
                .contains("Data Protection Impact Assessment (DPIA)", "Impact Assessment Mensenrechten en Algoritmes (IAMA)");
        assertThat(entry.toString()).doesNotContain("Alleen voor intern gebruik").doesNotContain("internalNotes");
    }

    /**
     * The submission and every completion answer with the case's next state, so a client goes from task to task without
     * reading the case; the release's answer comes after the publication it ran on the same thread.
     */
    @Test
    void eachAnswerNamesTheNextOpenTaskAndTheReleaseAnswersPublished() {
        Api owner = as("owner-zoetermeer");
        String caseId = createCase(owner, "Volgende stap zonder te lezen");
        JsonNode state = owner.post("/api/cases/" + caseId + "/submit", null).json();
        Map<String, Api> byRole = Map.of("project-owner", owner, "privacy-officer", as("privacy-zoetermeer"),
                "register-publisher", as("publisher-zoetermeer"));
        Map<String, Map<String, Object>> bodies = Map.of(
                "answerPreScan", Map.of("answers", answers(Map.of("personalData", true, "largeScale", true, "matchingDatasets", true))),
                "fillInDpia", Map.of("rationale", "DPIA ingevuld", "answers", DpiaAnswers.lowResidualRisk()),
                "reviewDpia", Map.of("outcome", "approve", "rationale", "Akkoord."),
                "releasePublication", Map.of("outcome", "approve", "rationale", "Akkoord."));
        java.util.List<String> path = new java.util.ArrayList<>();
        java.util.List<String> stages = new java.util.ArrayList<>();
        while (!state.get("stage").asText().equals("PUBLISHED")) {
            assertThat(state.get("openTasks")).as("the next open task, in the answer: " + state).hasSize(1);
            JsonNode task = state.get("openTasks").get(0);
            assertThat(task.get("name").asText()).isNotBlank();
            String activity = task.get("activityId").asText();
            path.add(activity);
            Api.Response completed = byRole.get(task.get("role").asText()).post("/api/tasks/" + task.get("id").asText() + "/complete",
                    bodies.get(activity));
            assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
            state = completed.json();
            assertThat(state.get("taskId").asText()).isEqualTo(task.get("id").asText());
            assertThat(state.get("caseId").asText()).isEqualTo(caseId);
            stages.add(state.get("stage").asText());
            // the answer is what a read of the case shows now
            JsonNode read = owner.get("/api/cases/" + caseId).json();
            assertThat(state.get("stage").asText()).isEqualTo(read.get("stage").asText());
            assertThat(state.get("openTasks").findValuesAsText("id")).isEqualTo(read.get("openTasks").findValuesAsText("id"));
            assertThat(path).as("no loop").hasSizeLessThan(6);
        }
        assertThat(path).containsExactly("answerPreScan", "fillInDpia", "reviewDpia", "releasePublication");
        assertThat(stages.get(stages.size() - 1)).as("the release's answer, after the publication it ran").isEqualTo("PUBLISHED");
        assertThat(anonymous().get("/api/public/algorithms?q=Volgende").json()).hasSize(1);
    }

    @org.springframework.beans.factory.annotation.Autowired
    nl.transparant.workflow.review.ReviewProcess reviewProcess;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    /**
     * A release locks its publication job for the node that released it, which runs it right after the commit. When
     * that node dies in between, the job is still there, committed with the release: once the lock runs out (the job
     * executor's lock time, as for a job an executor had acquired) any node's job executor publishes the entry.
     */
    @Test
    void aPublicationClaimedByANodeThatDiedBeforeRunningItIsPublishedByTheJobExecutor() {
        Api owner = as("owner-zoetermeer");
        String caseId = createCase(owner, "Vrijgegeven vlak voor een crash");
        assertThat(owner.post("/api/cases/" + caseId + "/submit", null).status()).isEqualTo(200);
        complete(owner, caseId, "answerPreScan", Map.of("answers", nl.transparant.screening.PreScanAnswers.of()));
        String release = taskId(as("publisher-zoetermeer"), caseId, "releasePublication");
        nl.transparant.identity.StaffUser publisher = new nl.transparant.identity.StaffUser("publisher-zoetermeer", "Publicist",
                java.util.Set.of(nl.transparant.identity.Role.REGISTER_PUBLISHER), java.util.Set.of("zoetermeer"));

        // the release commits with its claimed job; the node then "dies" and never runs it
        nl.transparant.workflow.review.ReviewProcess.Completion released = new org.springframework.transaction.support.TransactionTemplate(
                transactions).execute(status -> reviewProcess.completeClaimingPublication(publisher, release,
                        new nl.transparant.workflow.review.TaskCompletion("approve", "Vrijgegeven.", Map.of())));
        assertThat(released.claimedPublication()).as("the release's publication job, claimed").isPresent();
        String job = released.claimedPublication().get();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_RU_JOB WHERE ID_ = ? AND LOCK_OWNER_ IS NOT NULL", Integer.class, job))
                .as("committed with the release and locked").isEqualTo(1);
        assertThat(stage(owner, caseId)).isNotEqualTo("PUBLISHED");

        // the lock runs out, as it does the job executor's lock time after the crash
        inTransaction(() -> jdbc.update("UPDATE ACT_RU_JOB SET LOCK_EXP_TIME_ = ? WHERE ID_ = ?",
                new java.sql.Timestamp(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().getTime() - 60_000), job));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90)).pollInterval(java.time.Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(stage(owner, caseId)).as("published by the job executor").isEqualTo("PUBLISHED"));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ACT_HI_JOB_LOG WHERE JOB_ID_ = ? AND JOB_STATE_ = 2", Integer.class, job))
                .as("the publication ran once").isEqualTo(1);
    }

    @Test
    void theSubmitterCannotReviewTheirOwnCaseEvenWithTheRole() {
        Api dualRole = as("owner-privacy-zoetermeer");
        String caseId = createCase(dualRole, "Eigen zaak toetsen");
        dualRole.post("/api/cases/" + caseId + "/submit", null);
        complete(dualRole, caseId, "answerPreScan", Map.of("answers", answers(Map.of("personalData", true, "largeScale", true, "matchingDatasets", true))));
        complete(dualRole, caseId, "fillInDpia", Map.of("answers", DpiaAnswers.lowResidualRisk()));

        String reviewTask = taskId(as("privacy-zoetermeer"), caseId, "reviewDpia");
        assertThat(inboxTaskIds(dualRole)).doesNotContain(reviewTask);
        Api.Response selfApproval = dualRole.post("/api/tasks/" + reviewTask + "/complete",
                Map.of("outcome", "approve", "rationale", "Zelf goedgekeurd"));
        assertThat(selfApproval.status()).isEqualTo(403);
        assertThat(selfApproval.isProblem()).isTrue();
        assertThat(stage(dualRole, caseId)).isEqualTo("DPIA_REVIEW");

        complete(as("privacy-zoetermeer"), caseId, "reviewDpia", Map.of("outcome", "approve", "rationale", "Akkoord."));
        assertThat(stage(dualRole, caseId)).isEqualTo("PUBLICATION_REVIEW");
    }

    @Test
    void aHighResidualRiskWaitsForTheSupervisorsAdviceRecordedByThePrivacyOfficer() {
        Api owner = as("owner-zoetermeer");
        String caseId = createCase(owner, "Hoog restrisico na maatregelen");
        owner.post("/api/cases/" + caseId + "/submit", null);
        complete(owner, caseId, "answerPreScan", Map.of("answers", answers(Map.of("personalData", true, "largeScale", true, "matchingDatasets", true))));
        complete(owner, caseId, "fillInDpia", Map.of("answers", DpiaAnswers.highResidualRisk()));
        Api privacy = as("privacy-zoetermeer");
        complete(privacy, caseId, "reviewDpia", Map.of("outcome", "approve", "rationale", "Restrisico blijft hoog: raadplegen."));
        assertThat(stage(owner, caseId)).isEqualTo("PRIOR_CONSULTATION");

        complete(privacy, caseId, "requestPriorConsultation", Map.of("rationale", "Verzoek verstuurd naar de AP."));
        Map<String, Object> advice = Map.of("advice", "De AP adviseert aanvullende waarborgen; daarna mag de verwerking starten.");
        assertThat(owner.post("/api/cases/" + caseId + "/supervisor-advice", advice).status()).isEqualTo(403);
        assertThat(as("privacy-nissewaard").post("/api/cases/" + caseId + "/supervisor-advice", advice).status()).isEqualTo(404);
        assertThat(privacy.post("/api/cases/" + caseId + "/supervisor-advice", Map.of("advice", "<b>x</b>")).status()).isEqualTo(400);
        assertThat(stage(owner, caseId)).isEqualTo("PRIOR_CONSULTATION");

        assertThat(privacy.post("/api/cases/" + caseId + "/supervisor-advice", advice).status()).isEqualTo(204);
        assertThat(stage(owner, caseId)).isEqualTo("PUBLICATION_REVIEW");
        assertThat(owner.get("/api/cases/" + caseId).json().get("decisions").findValuesAsText("rationale"))
                .contains("De AP adviseert aanvullende waarborgen; daarna mag de verwerking starten.");
        assertThat(privacy.post("/api/cases/" + caseId + "/supervisor-advice", advice).status()).isEqualTo(409);
    }

    @Test
    void aRejectionEndsTheCaseWithTheReason() {
        Api owner = as("owner-nissewaard");
        String caseId = createCase(owner, "Risicoscore bijstand");
        owner.post("/api/cases/" + caseId + "/submit", null);
        complete(owner, caseId, "answerPreScan", Map.of("answers", answers(Map.of("aiSystem", true, "highRiskArea", true))));
        complete(owner, caseId, "fillInIama", Map.of("answers", IamaAnswers.proceeding()));
        vote(as("ethics-regional"), caseId, "negative", "Risico op discriminatie.");
        vote(as("ethics-second"), caseId, "negative", "Niet evenredig.");

        JsonNode rejected = owner.get("/api/cases/" + caseId).json();
        assertThat(rejected.get("stage").asText()).isEqualTo("REJECTED");
        assertThat(rejected.get("closingReason").asText()).contains("Risico op discriminatie.").contains("Niet evenredig.");
        assertThat(rejected.get("openTasks")).isEmpty();
        assertThat(anonymous().get("/api/public/algorithms?q=bijstand").json()).isEmpty();
    }

    @Test
    void aProhibitedPracticeStopsTheCaseAtThePreScan() {
        Api owner = as("owner-nissewaard");
        String caseId = createCase(owner, "Sociale scoring van inwoners");
        owner.post("/api/cases/" + caseId + "/submit", null);
        complete(owner, caseId, "answerPreScan", Map.of("answers", answers(Map.of("aiSystem", true, "prohibitedPractice", true))));

        JsonNode stopped = owner.get("/api/cases/" + caseId).json();
        assertThat(stopped.get("stage").asText()).isEqualTo("STOPPED");
        assertThat(stopped.get("closingReason").asText()).contains("art. 5");
    }
}
