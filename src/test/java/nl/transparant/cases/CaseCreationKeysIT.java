package nl.transparant.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nl.transparant.support.Api;
import nl.transparant.support.FullStackTest;
import nl.transparant.support.MariaDbTestDatabase;
import org.junit.jupiter.api.Test;

/**
 * A project owner's client that got no answer sends its creation again with the same {@code Idempotency-Key}: one case,
 * one record in the decision log, the same answer; on MariaDB, with real Keycloak tokens.
 */
class CaseCreationKeysIT extends FullStackTest {

    @Test
    void theSameRequestSentAgainWithItsKeyGivesTheSameCaseAndNoSecond() throws Exception {
        String key = UUID.randomUUID().toString();
        String name = "Sleutel " + key;
        Api owner = as("owner-zoetermeer").withHeader("Idempotency-Key", key);
        Map<String, Object> request = Map.of("fields", Map.of("name", name, "description_short", "Kort."));

        Api.Response first = owner.post("/api/cases", request);
        Api.Response again = owner.post("/api/cases", Map.of("fields", Map.of("description_short", "Kort.", "name", name)));

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        String caseId = first.json().path("id").asText();
        assertThat(again.json().path("id").asText()).isEqualTo(caseId);
        assertThat(count("SELECT COUNT(*) FROM algorithm_case WHERE JSON_VALUE(register_fields, '$.name') = ?", name)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM decision_log WHERE case_id = ? AND event_type = 'case-created'", caseId)).isEqualTo(1);

        Api.Response without = as("owner-zoetermeer").post("/api/cases", request);
        assertThat(without.status()).isEqualTo(201);
        assertThat(without.json().path("id").asText()).as("no key: a new case, as before").isNotEqualTo(caseId);
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefusedAndStoresNothing() {
        String key = UUID.randomUUID().toString();
        Api owner = as("owner-zoetermeer").withHeader("Idempotency-Key", key);
        assertThat(owner.post("/api/cases", Map.of("fields", Map.of("name", "Eerste " + key))).status()).isEqualTo(201);

        Api.Response other = owner.post("/api/cases", Map.of("fields", Map.of("name", "Tweede " + key)));
        assertThat(other.status()).as(other.toString()).isEqualTo(422);
        assertThat(other.isProblem()).isTrue();
        assertThat(other.json().path("detail").asText()).contains("Idempotency-Key");
        assertThat(count("SELECT COUNT(*) FROM algorithm_case WHERE JSON_VALUE(register_fields, '$.name') = ?", "Tweede " + key))
                .isZero();
    }

    @Test
    void keysArePerPersonAndMustBeVisibleAscii() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> request = Map.of("fields", Map.of("name", "Per persoon " + key));
        Api.Response sanne = as("owner-zoetermeer").withHeader("Idempotency-Key", key).post("/api/cases", request);
        Api.Response other = as("owner-privacy-zoetermeer").withHeader("Idempotency-Key", key).post("/api/cases", request);
        assertThat(sanne.status()).isEqualTo(201);
        assertThat(other.status()).as(other.toString()).isEqualTo(201);
        assertThat(other.header("Idempotent-Replayed")).as("someone else's key is not mine").isNull();
        assertThat(other.json().path("id").asText()).isNotEqualTo(sanne.json().path("id").asText());

        for (String bad : List.of("x".repeat(256), "met spatie")) {
            Api.Response refused = as("owner-zoetermeer").withHeader("Idempotency-Key", bad).post("/api/cases", request);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.isProblem()).isTrue();
        }
    }

    @Test
    void theSameRequestSentTwiceAtOnceMakesOneCase() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 4; round++) {
                String key = UUID.randomUUID().toString();
                String name = "Tegelijk " + key;
                Api owner = as("owner-zoetermeer").withHeader("Idempotency-Key", key);
                CountDownLatch gate = new CountDownLatch(1);
                List<Future<Api.Response>> answers = List.of(
                        pool.submit(() -> {
                            gate.await();
                            return owner.post("/api/cases", Map.of("fields", Map.of("name", name)));
                        }),
                        pool.submit(() -> {
                            gate.await();
                            return owner.post("/api/cases", Map.of("fields", Map.of("name", name)));
                        }));
                gate.countDown();
                for (Future<Api.Response> answer : answers) {
                    Api.Response response = answer.get(60, TimeUnit.SECONDS);
                    // the second either finds the first one's case or is told to send it again
                    assertThat(response.status()).as(response.toString()).isIn(201, 409);
                }
                assertThat(count("SELECT COUNT(*) FROM algorithm_case WHERE JSON_VALUE(register_fields, '$.name') = ?", name))
                        .isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long count(String sql, String value) {
        try (Connection connection = MariaDbTestDatabase.connect(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, value);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
