package nl.transparant.register;

import static nl.transparant.review.ReviewSpineFixtures.answers;
import static nl.transparant.review.ReviewSpineFixtures.awaitStage;
import static nl.transparant.review.ReviewSpineFixtures.complete;
import static nl.transparant.review.ReviewSpineFixtures.createCase;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import nl.transparant.support.Api;
import nl.transparant.support.FullStackTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The public read path from memory on MariaDB, as several nodes share it: versions another node publishes (a change,
 * then a retirement, written straight into the shared database so that this node hears nothing of them) reach the
 * detail, the JSON API and the search within the check interval; a published version's bytes never change; and the
 * public GETs carry what a shared cache needs (Cache-Control public, a strong ETag, no cookie, no Vary on Cookie).
 */
class RegisterReadsIT extends FullStackTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    @Autowired
    PublicRegister register;

    @Test
    void versionsAnotherNodePublishesAreServedWithinTheCheckIntervalAndOldVersionsStayAsTheyWere() throws Exception {
        String marker = "ri" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String lars = publish("Leesweg " + marker);
        HttpResponse<String> detail = raw("/api/algoritme/NLD/" + lars);
        assertThat(JSON.readTree(detail.body()).get("name").asText()).isEqualTo("Leesweg " + marker);
        assertThat(detail.headers().firstValue("ETag")).hasValue("\"" + lars + "-v1\"");
        assertThat(detail.headers().firstValue("Cache-Control")).hasValue("max-age=60, public");
        HttpResponse<String> versionOne = raw("/api/public/algorithms/" + lars + "/versions/1");
        assertThat(versionOne.headers().firstValue("Cache-Control")).hasValue("max-age=31536000, public, immutable");
        for (HttpResponse<String> publicGet : List.of(detail, versionOne)) {
            // what lets a shared cache (nginx proxy_cache) keep and serve the response for everyone
            assertThat(publicGet.headers().firstValue("Set-Cookie")).isEmpty();
            assertThat(publicGet.headers().allValues("Vary")).noneMatch(v -> v.toLowerCase(java.util.Locale.ROOT).contains("cookie"));
            assertThat(publicGet.headers().firstValue("Content-Length")).isPresent();
        }
        assertThat(search(marker).get("total_count").asInt()).isEqualTo(1);

        PublishedEntry first = register.latest(lars);
        Map<String, Object> changed = new LinkedHashMap<>(first.getFields());
        changed.put("name", "Leesweg gewijzigd " + marker);
        anotherNodePublishes(first, 2, changed);
        // seen at all on MariaDB; that it is within the check interval RegisterReadsTest shows on a ticker it moves
        JsonNode seen = await("/api/algoritme/NLD/" + lars, d -> d.get("name").asText().startsWith("Leesweg gewijzigd"));
        assertThat(seen.get("name").asText()).isEqualTo("Leesweg gewijzigd " + marker);
        assertThat(raw("/api/algoritme/NLD/" + lars).headers().firstValue("ETag")).hasValue("\"" + lars + "-v2\"");
        assertThat(anonymous().get("/api/public/algorithms/" + lars).json().get("version").asInt()).isEqualTo(2);
        assertThat(raw("/api/public/algorithms/" + lars + "/versions/1").body()).isEqualTo(versionOne.body());
        assertThat(awaitSearch(Map.of("searchtext", marker + " gewijzigd"), r -> r.get("total_count").asInt() == 1)
                .get("results").get(0).get("name").asText()).isEqualTo("Leesweg gewijzigd " + marker);
        assertThat(search(marker).get("total_count").asInt()).as("a new version, not a new entry").isEqualTo(1);

        Map<String, Object> retired = new LinkedHashMap<>(changed);
        retired.put("status", "Buiten gebruik");
        retired.put("end_date", "2026-11");
        anotherNodePublishes(register.latest(lars), 3, retired);
        assertThat(await("/api/algoritme/ENG/" + lars, d -> d.get("status").asText().equals("Buiten gebruik")).get("end_date").asText())
                .isEqualTo("2026-11");
        // the detail may be read from the database on its first request, the search waits for the next generation check
        JsonNode outOfUse = awaitSearch(Map.of("searchtext", marker, "status", "Buiten gebruik"), r -> r.get("total_count").asInt() == 1);
        assertThat(outOfUse.get("filter_data").get("status").findValuesAsText("value")).containsExactly("Buiten gebruik");
        assertThat(outOfUse.get("results").get(0).get("end_date").asText()).isEqualTo("2026-11");
    }

    @Autowired
    PublishedEntries entries;

    @Autowired
    RegisterListing listing;

    @Test
    void theListingDescribesTheLatestVersionWhateverOrderVersionsAreRecordedIn() throws Exception {
        String lars = publish("Volgordeweg " + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(tx ->
                ListingAssertions.theListingFollowsTheLatestVersion(jdbc, entries, listing, register.latest(lars), this::inTransaction));
    }

    @Test
    void anIdTheDatabasesCollationWouldMatchIsNotTheEntry() throws Exception {
        String lars = publish("Aliasweg " + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
        assertThat(raw("/api/public/algorithms/" + lars).statusCode()).isEqualTo(200);
        // MariaDB's collation ignores a trailing space and a zero-width space, and reads full-width digits as digits
        String fullWidth = lars.chars().mapToObj(c -> Character.isDigit(c)
                ? java.net.URLEncoder.encode(String.valueOf((char) (c - '0' + '\uFF10')), java.nio.charset.StandardCharsets.UTF_8)
                : String.valueOf((char) c)).collect(java.util.stream.Collectors.joining());
        for (String alias : List.of(lars + "%20", lars.substring(0, 1) + "%E2%80%8B" + lars.substring(1), fullWidth)) {
            for (String path : List.of("/api/public/algorithms/" + alias, "/api/public/algorithms/" + alias + "/versions/1",
                    "/api/algoritme/NLD/" + alias, "/register/" + alias, "/register/" + alias + "/versions/1",
                    "/en/register/" + alias)) {
                assertThat(raw(path).statusCode()).as(path).isEqualTo(404);
            }
        }
    }

    /** The rows another node's publication leaves in the shared database: the version and its listing row. */
    private void anotherNodePublishes(PublishedEntry previous, int version, Map<String, Object> fields) throws Exception {
        String json = JSON.writeValueAsString(fields);
        // in one transaction, as a node publishes: the version and its listing row commit together
        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(tx -> {
            jdbc.update("""
                    insert into published_entry (case_id, lars, version_number, organisation_code, name, fields, published_at, published_by)
                    values (?, ?, ?, ?, ?, ?, current_timestamp(6), 'node-2')""", previous.getCaseId(), previous.getLars(), version,
                    previous.getOrganisationCode(), fields.get("name"), json);
            Long id = jdbc.queryForObject("select id from published_entry where lars = ? and version_number = ?", Long.class,
                    previous.getLars(), version);
            jdbc.update("""
                    update register_listing set entry_id = ?, version_number = ?, name = ?, sort_name = ?, status = ?, search_text = ?
                    where lars = ?""", id, version, fields.get("name"), SearchText.fold(String.valueOf(fields.get("name"))),
                    fields.get("status"), RegisterListing.searchText(fields), previous.getLars());
        });
    }

    private JsonNode await(String url, Predicate<JsonNode> done) {
        return Awaitility.await("served: " + url).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> anonymous().get(url).json(), done::test);
    }

    private HttpResponse<String> raw(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode awaitSearch(Map<String, Object> question, Predicate<JsonNode> done) {
        return Awaitility.await("found: " + question).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> anonymous().post("/api/algoritme/NLD", question).json(), done::test);
    }

    private JsonNode search(String text) {
        return anonymous().post("/api/algoritme/NLD", Map.of("searchtext", text)).json();
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
}
