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
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import nl.transparant.register.problemreports.ReportFormGuard;
import nl.transparant.support.Api;
import nl.transparant.support.FullStackTest;
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
