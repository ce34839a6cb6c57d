package nl.transparant.register;

import static nl.transparant.review.ReviewSpineFixtures.awaitStage;
import static nl.transparant.review.ReviewSpineFixtures.answers;
import static nl.transparant.review.ReviewSpineFixtures.complete;
import static nl.transparant.review.ReviewSpineFixtures.createCase;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import nl.transparant.register.problemreports.ReportFormGuard;
import nl.transparant.support.Api;
import nl.transparant.support.FullStackTest;
import nl.transparant.support.MariaDbTestDatabase;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The public register on MariaDB with Keycloak: the search SQL, the streamed downloads and the feed as the public
 * gets them, and a problem report from the public form to the owner's task (real tokens) and back.
 */
class RegisterPublicIT extends FullStackTest {

    @Autowired
    ReportFormGuard formGuard;


    @Test
    void searchDownloadsAndFeedWorkOnMariaDb() {
        String marker = "it" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String lars = publish("Zoeken op MariaDB " + marker);

        JsonNode found = anonymous().post("/api/algoritme/NLD", Map.of("searchtext", "mariadb " + marker, "limit", 5)).json();
        assertThat(found.get("total_count").asInt()).isEqualTo(1);
        assertThat(found.get("results").get(0).get("lars").asText()).isEqualTo(lars);
        assertThat(found.get("filter_data").get("organisation").get(0).get("value").asText()).isEqualTo("Gemeente Zoetermeer");
        assertThat(anonymous().post("/api/algoritme/NLD", Map.of("searchtext", marker, "status", "In ontwikkeling",
                "sort_option", "publication_dt_desc")).json().get("total_count").asInt()).isEqualTo(1);
        assertThat(anonymous().post("/api/algoritme/NLD", Map.of("limit", 500)).status()).isEqualTo(400);
        assertThat(anonymous().get("/api/algoritme/NLD/" + lars).json().get("name").asText()).isEqualTo("Zoeken op MariaDB " + marker);

        Api.Response csv = anonymous().get("/register/downloads/algoritmeregister.csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).startsWith("Naam,Korte omschrijving,Organisatienaam").contains(marker);
        Api.Response json = anonymous().get("/register/downloads/algoritmeregister-historie.json");
        assertThat(json.json().get("algoritme_versions").findValuesAsText("lars")).contains(lars);
        assertThat(anonymous().get("/register/feed.atom").body()).contains("/register/" + lars + "/versions/1");
        assertThat(anonymous().get("/v3/api-docs").json().get("paths").has("/api/algoritme/{lang}")).isTrue();
    }

    @Test
    void aProblemReportedByThePublicIsHandledByTheOwnerThroughTheTaskApi() throws Exception {
        String lars = publish("Melden op MariaDB " + UUID.randomUUID().toString().substring(0, 8));
        fileReport(lars);

        Api owner = as("owner-zoetermeer");
        JsonNode task = StreamSupport.stream(owner.get("/api/tasks").json().spliterator(), false)
                .filter(t -> t.get("activityId").asText().equals("handleProblemReport"))
                .filter(t -> t.get("caseName").asText().startsWith("Melden op MariaDB"))
                .findFirst().orElseThrow();
        assertThat(as("owner-nissewaard").get("/api/tasks").json().findValuesAsText("id")).doesNotContain(task.get("id").asText());
        Api.Response done = owner.post("/api/tasks/" + task.get("id").asText() + "/complete", Map.of("rationale", "Link hersteld."));
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(anonymous().get("/register/" + lars).body()).doesNotContain("probleem gemeld");
    }

    /**
     * Handling a problem report is work on the case (four eyes) in a process of its own, so it takes the case's turn,
     * not only its own process's: it waits while a change of the case's review holds the turn (second outside test: a
     * person holding both roles handled a report and approved the case's review at the same moment, and both counted).
     */
    @Test
    void handlingAProblemReportTakesTheTurnOfTheWholeCase() throws Exception {
        String name = "Melden tijdens beoordeling " + UUID.randomUUID().toString().substring(0, 8);
        Api owner = as("owner-zoetermeer");
        String lars = publish(name);
        fileReport(lars);
        JsonNode report = StreamSupport.stream(owner.get("/api/tasks").json().spliterator(), false)
                .filter(t -> t.get("activityId").asText().equals("handleProblemReport") && t.get("caseName").asText().equals(name))
                .findFirst().orElseThrow();
        String caseId = report.get("caseId").asText();
        assertThat(owner.post("/api/cases/" + caseId + "/change", null).status()).isEqualTo(200);
        assertThat(owner.post("/api/cases/" + caseId + "/submit", null).status()).isEqualTo(200);
        String review;
        try (Connection connection = MariaDbTestDatabase.connect(); PreparedStatement query = connection.prepareStatement(
                "SELECT ID_ FROM ACT_RU_EXECUTION WHERE BUSINESS_KEY_ = ? AND PARENT_ID_ IS NULL AND PROC_DEF_ID_ LIKE 'algorithm-review:%'")) {
            query.setString(1, caseId);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).as("the change's review runs").isTrue();
                review = rows.getString(1);
            }
        }
        ExecutorService requests = Executors.newSingleThreadExecutor();
        try (Connection change = MariaDbTestDatabase.connect()) {
            // what a change of the review does first: its row, for update, in a transaction left open
            change.setAutoCommit(false);
            try (PreparedStatement turn = change.prepareStatement("SELECT ID_ FROM ACT_RU_EXECUTION WHERE ID_ = ? FOR UPDATE")) {
                turn.setString(1, review);
                turn.executeQuery().close();
            }
            Future<Api.Response> handled = requests.submit(() -> owner.post("/api/tasks/" + report.get("id").asText() + "/complete",
                    Map.of("rationale", "Link hersteld.")));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
                assertThat(handled.isDone()).as("the handling waits for the case's turn, but was answered: %s",
                        handled.isDone() ? handled.get() : null).isFalse();
                try (Connection look = MariaDbTestDatabase.connect(); ResultSet waiting = look.createStatement().executeQuery(
                        "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() "
                                + "AND INFO LIKE 'SELECT %ACT_RU_EXECUTION% FOR UPDATE'")) {
                    waiting.next();
                    assertThat(waiting.getLong(1)).isEqualTo(1);
                }
            });
            change.commit();
            assertThat(handled.get(60, TimeUnit.SECONDS).status()).isEqualTo(200);
        } finally {
            requests.shutdownNow();
        }
    }

    private void fileReport(String lars) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String formUrl = "http://127.0.0.1:" + port + "/register/" + lars + "/melden";
        Document form = Jsoup.parse(browser.send(HttpRequest.newBuilder(URI.create(formUrl)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(form.selectFirst("input[name=formToken]").val()).isNotBlank();
        // a person takes a few seconds to type; rather than wait them out, the form's token is dated back by this node's guard
        String typedFor = formGuard.issue(lars, Instant.now().minus(ReportFormGuard.MIN_FILL_TIME).minusSeconds(1));
        String body = "message=" + encode("De link naar de bronregistratie werkt niet.") + "&replyAddress=&website="
                + "&formToken=" + encode(typedFor)
                + "&_csrf=" + encode(form.selectFirst("input[name=_csrf]").val());
        HttpResponse<String> sent = browser.send(HttpRequest.newBuilder(URI.create(formUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
        assertThat(anonymous().get("/register/" + lars).body()).contains("probleem gemeld");
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

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
