package nl.transparant.nationalregister;

import static nl.transparant.review.ReviewSpineFixtures.answers;
import static nl.transparant.review.ReviewSpineFixtures.awaitStage;
import static nl.transparant.review.ReviewSpineFixtures.complete;
import static nl.transparant.review.ReviewSpineFixtures.createCase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import nl.transparant.register.PublicRegister;
import nl.transparant.register.RegisterVersionPublished;
import nl.transparant.standard.RegisterFieldsValidator;
import nl.transparant.support.Api;
import nl.transparant.support.FullStackTest;
import nl.transparant.support.KeycloakTestServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The connector to the national register, switched on, against a fake of the national delivery API on a real port
 * ({@link FakeNationalDeliveryApi}) with real client-credentials tokens from the test Keycloak (the realm's client
 * {@code transparant-national-register}; run this test with its own Keycloak, not a shared one with an older realm).
 */
class NationalRegisterDeliveryIT extends FullStackTest {

    static final String CLIENT = "transparant-national-register";
    static final FakeNationalDeliveryApi NATIONAL = startFake();

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    Deliveries deliveries;
    @Autowired
    PublicRegister register;
    @Autowired
    RegisterFieldsValidator validator;
    @Autowired
    NationalRegisterProperties properties;
    @Autowired
    nl.transparant.organisations.OrganisationDirectory organisations;

    @DynamicPropertySource
    static void connectorOn(DynamicPropertyRegistry registry) {
        registry.add("transparant.national-register.enabled", () -> "true");
        // an engine of its own name: the engine REST API of the other tests' application looks its engine up by name in
        // a registry shared by the whole JVM, where this context's engine would otherwise replace theirs
        registry.add("camunda.bpm.process-engine-name", () -> "delivery");
        registry.add("transparant.national-register.endpoint", NATIONAL::endpoint);
        registry.add("transparant.national-register.token-uri",
                () -> KeycloakTestServer.get().issuerUri() + "/protocol/openid-connect/token");
        registry.add("transparant.national-register.client-id", () -> CLIENT);
        registry.add("transparant.national-register.client-secret", () -> "national-register-test-secret");
        registry.add("transparant.national-register.poll-interval", () -> "PT0.3S");
        registry.add("transparant.national-register.retry-delay", () -> "PT1S");
    }

    @AfterAll
    static void stopFake() {
        NATIONAL.close();
    }

    @Test
    void aPublicationThatMeetsAnOutageIsRetriedVisiblyUntilDelivered() {
        NATIONAL.failNext(2, 503);
        String name = "Levering " + UUID.randomUUID().toString().substring(0, 8);
        String lars = publish(name);

        JsonNode failing = await("a failed attempt shows", lars, d -> d.path("attempts").asInt() >= 1);
        assertThat(failing.path("lastError").asText()).contains("503");
        assertThat(failing.path("operation").asText()).isEqualTo("DELIVER");

        JsonNode delivered = await("delivered after the outage", lars, d -> d.path("status").asText().equals("DELIVERED"));
        assertThat(delivered.path("attempts").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(delivered.path("lastError").isNull()).isTrue();
        String nationalId = delivered.path("nationalId").asText();

        List<FakeNationalDeliveryApi.Call> calls = NATIONAL.calls().stream().filter(c -> c.nationalId().equals(nationalId)).toList();
        assertThat(calls).extracting(FakeNationalDeliveryApi.Call::method).containsExactly("POST", "PUT", "PUT");
        assertThat(calls.get(0).organisation()).isEqualTo("gm0637");
        assertThat(calls.get(0).clientId()).isEqualTo(CLIENT);
        assertThat(calls.get(0).body().path("name").asText()).isEqualTo(name);
        assertThat(calls.get(0).body().path("organization").asText()).isEqualTo("Gemeente Zoetermeer");
        assertThat(calls.get(0).body().has("lars")).as("the national register assigns its own id").isFalse();
        assertThat(calls.get(0).body().has("publication_dt")).isFalse();
        assertThat(calls.get(1).path()).endsWith("/organizations/gm0637/algorithms/" + nationalId + "/release");
        assertThat(calls.get(2).path()).endsWith("/organizations/gm0637/algorithms/" + nationalId + "/publish");

        // the board is the publishers' and administrators' only
        assertThat(as("admin").get("/api/register/deliveries").json().toString()).contains(lars);
        assertThat(as("owner-zoetermeer").get("/api/register/deliveries").status()).isEqualTo(403);
        assertThat(as("owner-zoetermeer").post("/api/register/entries/" + lars + "/retract", null).status()).isEqualTo(403);

        // withdrawn from the national register on request; it stays published here
        Api.Response retract = as("publisher-zoetermeer").post("/api/register/entries/" + lars + "/retract", null);
        assertThat(retract.status()).isEqualTo(202);
        await("retracted", lars, d -> d.path("operation").asText().equals("RETRACT") && d.path("status").asText().equals("DELIVERED"));
        assertThat(NATIONAL.calls()).anySatisfy(c -> {
            assertThat(c.method()).isEqualTo("DELETE");
            assertThat(c.path()).endsWith("/organizations/gm0637/published-algorithms/" + nationalId + "/retract");
        });
        assertThat(anonymous().get("/api/algoritme/NLD/" + lars).status()).isEqualTo(200);
    }

    /**
     * The government's own governance tool gets its tokens with the password grant of a technical account; the connector
     * can too. Against the current API: paths by national organisation id, release before publish.
     */
    @Test
    void theConnectorSpeaksTheCurrentApiWithAPasswordGrant() throws Exception {
        String testClient = "transparant-tests"; // the test realm's public client with direct access grants
        try (FakeNationalDeliveryApi current = new FakeNationalDeliveryApi(
                KeycloakTestServer.get().issuerUri() + "/protocol/openid-connect/certs", testClient)) {
            NationalRegisterClient client = new NationalRegisterClient(new NationalRegisterProperties(true, current.endpoint(),
                    KeycloakTestServer.get().issuerUri() + "/protocol/openid-connect/token", NationalRegisterProperties.Grant.PASSWORD,
                    testClient, null, "publisher-zoetermeer", KeycloakTestServer.PASSWORD, Map.of(), null, null, null, null));

            String id = client.create("gm0637", Map.of("name", "Wachtwoordtoegang"));
            assertThatThrownBy(() -> client.publish("gm0637", id)).as("publish before release")
                    .isInstanceOf(NationalRegisterClient.DeliveryFailed.class).hasMessageContaining("409");
            client.release("gm0637", id);
            client.publish("gm0637", id);
            assertThatThrownBy(() -> client.create("zoetermeer", Map.of("name", "Op code"))).as("an organisation code is no national id")
                    .isInstanceOf(NationalRegisterClient.DeliveryFailed.class).hasMessageContaining("404");

            assertThat(current.calls()).extracting(c -> c.method() + " " + c.path().substring(c.path().indexOf("/organizations")))
                    .containsExactly("POST /organizations/gm0637/algorithms", "PUT /organizations/gm0637/algorithms/" + id + "/release",
                            "PUT /organizations/gm0637/algorithms/" + id + "/publish");
            assertThat(current.calls()).allSatisfy(c -> {
                assertThat(c.clientId()).isEqualTo(testClient);
                assertThat(c.username()).isEqualTo("publisher-zoetermeer");
            });
        }
    }

    @Test
    void aVersionThatBreaksTheStandardIsRefusedBeforeAnythingIsSent() {
        String lars = "x" + (System.nanoTime() % 10_000_000L);
        String name = "Buiten de standaard " + lars;
        queueVersionPublishedElsewhere(lars, name, "Een versie die met een andere weg in het register kwam.", "Misschien");

        JsonNode refused = await("refused", lars, d -> d.path("status").asText().equals("REFUSED"));
        assertThat(refused.path("lastError").asText()).contains("status");
        assertThat(NATIONAL.calls()).noneMatch(c -> c.body() != null && name.equals(c.body().path("name").asText()));
    }

    /**
     * A second node's worker on the same outbox, both polling while the national register answers slowly: every version
     * is created there once (without claims both nodes read the same due rows and each sent a create).
     */
    @Test
    void twoNodesWorkingOffTheOutboxDeliverEachVersionOnce() throws Exception {
        DeliveryWorker secondNode = new DeliveryWorker(deliveries, new NationalRegisterClient(properties), register, validator,
                properties, organisations, transactions);
        NATIONAL.delayEachCall(400);
        java.util.concurrent.ExecutorService node2 = java.util.concurrent.Executors.newSingleThreadExecutor();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        try {
            node2.submit(() -> {
                while (running.get()) {
                    secondNode.deliverDue();
                    Thread.sleep(50);
                }
                return null;
            });
            List<String> names = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String lars = "y" + (System.nanoTime() % 10_000_000L);
                String name = "Twee knooppunten " + lars;
                names.add(name);
                queueVersionPublishedElsewhere(lars, name, "Een versie die twee knooppunten tegelijk zien.", "In gebruik");
                await("delivered by one of the nodes", lars, d -> d.path("status").asText().equals("DELIVERED"));
            }
            for (String name : names) {
                assertThat(NATIONAL.calls()).as(name).filteredOn(c -> c.method().equals("POST") && c.body() != null
                        && name.equals(c.body().path("name").asText())).hasSize(1);
            }
        } finally {
            running.set(false);
            node2.shutdown();
            node2.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
            NATIONAL.delayEachCall(0);
        }
    }

    /**
     * Version 1 of an entry that reached the register another way than the review (an import, a bug): written straight
     * into the table with the event publication sends, so the outbox queues it as it would any version.
     */
    private void queueVersionPublishedElsewhere(String lars, String name, String description, String status) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("description_short", description);
        fields.put("organization", "Gemeente Zoetermeer");
        fields.put("status", status);
        fields.put("publication_category", "Overige algoritmes");
        fields.put("contact_email", "algoritmes@example.org");
        fields.put("lang", "nld");
        fields.put("standard_version", "1.0");
        fields.put("lars", lars);
        fields.put("publication_dt", "2026-01-05");
        transactions.executeWithoutResult(transaction -> {
            jdbc.update("INSERT INTO published_entry (case_id, lars, version_number, organisation_code, name, fields, published_at,"
                    + " published_by) VALUES (?, ?, 1, 'zoetermeer', ?, ?, ?, 'test')", "test:" + lars, lars, name, json(fields),
                    Timestamp.from(Instant.now()));
            events.publishEvent(new RegisterVersionPublished(lars, 1, "zoetermeer", "test:" + lars));
        });
    }

    private JsonNode await(String what, String lars, Predicate<JsonNode> condition) {
        return Awaitility.await(what + " (" + lars + ")").atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(300)).until(() -> {
                    Api.Response board = as("publisher-zoetermeer").get("/api/register/deliveries");
                    assertThat(board.status()).isEqualTo(200);
                    assertThat(board.json().path("enabled").asBoolean()).isTrue();
                    for (JsonNode delivery : board.json().path("deliveries")) {
                        if (delivery.path("lars").asText().equals(lars)) {
                            return delivery;
                        }
                    }
                    return null;
                }, delivery -> delivery != null && condition.test(delivery));
    }

    private String publish(String name) {
        Api owner = as("owner-zoetermeer");
        String caseId = createCase(owner, name);
        owner.post("/api/cases/" + caseId + "/submit", null);
        complete(owner, caseId, "answerPreScan", Map.of("answers", answers(Map.of())));
        complete(as("publisher-zoetermeer"), caseId, "releasePublication", Map.of("outcome", "approve", "rationale", "Ok"));
        awaitStage(owner, caseId, "PUBLISHED");
        return anonymous().post("/api/algoritme/NLD", Map.of("searchtext", name)).json().get("results").get(0).get("lars").asText();
    }

    private static String json(Object value) {
        try {
            return Api.JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    private static FakeNationalDeliveryApi startFake() {
        try {
            return new FakeNationalDeliveryApi(KeycloakTestServer.get().issuerUri() + "/protocol/openid-connect/certs", CLIENT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
