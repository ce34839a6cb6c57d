package nl.transparant.review;

import static nl.transparant.review.ReviewSpineFixtures.answers;
import static nl.transparant.review.ReviewSpineFixtures.complete;
import static nl.transparant.review.ReviewSpineFixtures.createCase;
import static nl.transparant.review.ReviewSpineFixtures.taskId;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nl.transparant.screening.DpiaAnswers;
import nl.transparant.screening.PreScanAnswers;
import nl.transparant.support.Api;
import nl.transparant.support.FullStackTest;
import nl.transparant.support.MariaDbTestDatabase;
import nl.transparant.support.UnexpectedErrors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two people acting on the same task at the same moment, on MariaDB: exactly one decision counts, the other person
 * gets a 409 that says what happened, and a case released twice at once is published once.
 */
class ConcurrentDecisionsIT extends FullStackTest {

    /** Several rounds, so the two requests really overlap in at least some of them. */
    private static final int ROUNDS = 4;
    /**
     * More rounds for the release: its loser used to fail inside the engine (the task read before the winner's commit,
     * its execution after it, already at the asynchronous publication step) in about one round in 30 under load.
     */
    private static final int RELEASE_ROUNDS = 12;
    private static final ExecutorService pool = Executors.newFixedThreadPool(2);

    @BeforeEach
    void keepServerErrors() {
        UnexpectedErrors.listen();
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void twoPrivacyOfficersDecidingTheSameDpiaReviewAtOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            Api owner = as("owner-zoetermeer");
            String caseId = createCase(owner, "Gelijktijdige DPIA-toets " + round);
            assertThat(owner.post("/api/cases/" + caseId + "/submit", null).status()).isEqualTo(200);
            complete(owner, caseId, "answerPreScan", Map.of("answers", answers(Map.of("personalData", true, "largeScale", true, "matchingDatasets", true))));
            complete(owner, caseId, "fillInDpia", Map.of("answers", DpiaAnswers.lowResidualRisk()));
            String task = taskId(as("privacy-zoetermeer"), caseId, "reviewDpia");

            List<Api.Response> answers = atOnce(
                    as("privacy-zoetermeer"), "/api/tasks/" + task + "/complete", Map.of("outcome", "approve", "rationale", "Akkoord."),
                    as("owner-privacy-zoetermeer"), "/api/tasks/" + task + "/complete",
                    Map.of("outcome", "send-back", "rationale", "Bewaartermijn ontbreekt."));

            assertExactlyOneWon(answers);
            assertThat(count("SELECT COUNT(*) FROM case_decision WHERE case_id = ? AND activity_id = 'reviewDpia'", caseId))
                    .as("decisions recorded").isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM decision_log WHERE case_id = ? AND event_type = 'task-decided' "
                    + "AND activity_id = 'reviewDpia'", caseId)).as("decision log records").isEqualTo(1);
        }
        assertThat(as("auditor-regional").get("/api/audit/verify").json().path("intact").asBoolean()).isTrue();
    }

    @Test
    void theSameCaseReleasedTwiceAtOnceIsPublishedOnce() throws Exception {
        for (int round = 0; round < RELEASE_ROUNDS; round++) {
            Api owner = as("owner-zoetermeer");
            String caseId = createCase(owner, "Gelijktijdige publicatie " + round);
            assertThat(owner.post("/api/cases/" + caseId + "/submit", null).status()).isEqualTo(200);
            complete(owner, caseId, "answerPreScan", Map.of("answers", PreScanAnswers.of()));
            Api publisher = as("publisher-zoetermeer");
            String task = taskId(publisher, caseId, "releasePublication");
            Map<String, Object> release = Map.of("outcome", "approve", "rationale", "Klaar voor het register.");

            assertExactlyOneWon(atOnce(publisher, "/api/tasks/" + task + "/complete", release,
                    publisher, "/api/tasks/" + task + "/complete", release));
            assertThat(ReviewSpineFixtures.awaitStage(owner, caseId, "PUBLISHED")).as("the publication job ran").isEqualTo("PUBLISHED");
            assertThat(count("SELECT COUNT(*) FROM published_entry WHERE case_id = ?", caseId)).as("versions").isEqualTo(1);
            assertThat(count("SELECT COUNT(*) FROM decision_log WHERE case_id = ? AND event_type = 'entry-published'", caseId))
                    .isEqualTo(1);
            assertThat(ReviewSpineFixtures.stage(owner, caseId)).isEqualTo("PUBLISHED");
        }
    }

    private static void assertExactlyOneWon(List<Api.Response> answers) {
        assertThat(answers).as("one success: %s", answers).filteredOn(r -> r.status() == 200).hasSize(1);
        Api.Response loser = answers.stream().filter(r -> r.status() != 200).findFirst().orElseThrow();
        assertThat(loser.status()).as("%s; the server's last unexpected errors: %s", loser, UnexpectedErrors.lastOnes()).isEqualTo(409);
        assertThat(loser.isProblem()).isTrue();
        // the engine's optimistic locking, or the database giving way when both reach the same rows at commit
        assertThat(loser.json().path("detail").asText()).containsAnyOf("already been completed", "Someone else completed this task",
                "Someone else changed this at the same moment", "al afgerond", "op hetzelfde moment");
    }

    /** Both requests wait at a gate and leave it together. */
    private static List<Api.Response> atOnce(Api first, String firstPath, Object firstBody, Api second, String secondPath,
            Object secondBody) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        Future<Api.Response> a = pool.submit(() -> {
            gate.await();
            return first.post(firstPath, firstBody);
        });
        Future<Api.Response> b = pool.submit(() -> {
            gate.await();
            return second.post(secondPath, secondBody);
        });
        gate.countDown();
        List<Api.Response> answers = new ArrayList<>();
        answers.add(a.get(60, TimeUnit.SECONDS));
        answers.add(b.get(60, TimeUnit.SECONDS));
        return answers;
    }

    private static long count(String sql, String caseId) throws Exception {
        try (Connection connection = MariaDbTestDatabase.connect(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, caseId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
