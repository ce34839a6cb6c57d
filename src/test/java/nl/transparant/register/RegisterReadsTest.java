package nl.transparant.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import nl.transparant.cases.livingentry.LivingEntries;
import nl.transparant.workflow.review.TaskCompletion;
import nl.transparant.screening.PreScanAnswers;
import nl.transparant.site.PageTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The public read path answers from memory ({@link RegisterReads}) and still shows every change: a new version and a
 * retirement published on this node at once, a version written by another node (here: straight into the database,
 * past this node's events) within the check interval; published versions stay as they were.
 */
class RegisterReadsTest extends PageTestSupport {

    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    LivingEntries livingEntries;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    NamedParameterJdbcTemplate namedJdbc;

    @Autowired
    PublishedEntries publishedEntries;

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    @Test
    void aNewVersionAndARetirementShowAtOnceInTheDetailAndTheSearchWhileVersionOneStaysAsItWas() throws Exception {
        String marker = "rd" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Map<String, Object> fields = complete("Voorraad " + marker);
        PublishedEntry first = published("owner-zoetermeer", "publisher-zoetermeer", fields);
        String lars = first.getLars();

        MockHttpServletResponse v1 = get200("/api/algoritme/NLD/" + lars);
        assertThat(json(v1).get("name").asText()).isEqualTo("Voorraad " + marker);
        assertThat(v1.getHeader("ETag")).isEqualTo("\"" + lars + "-v1\"");
        assertThat(json(get200("/api/algoritme/ENG/" + lars)).get("name").asText()).isEqualTo("Voorraad " + marker);
        String versionOne = get200("/api/public/algorithms/" + lars + "/versions/1").getContentAsString(StandardCharsets.UTF_8);
        assertThat(names(search(marker))).containsExactly("Voorraad " + marker);

        // a change through the review again: version 2 with another name
        livingEntries.startChange(staff("owner-zoetermeer"), first.getCaseId());
        Map<String, Object> changed = new LinkedHashMap<>(fields);
        changed.put("name", "Voorraadbeheer " + marker);
        changed.put("description_short", "Nu ook met containers " + marker);
        cases.edit(staff("owner-zoetermeer"), first.getCaseId(), cases.read(staff("owner-zoetermeer"), first.getCaseId()).getVersion(),
                changed, null);
        cases.submit(staff("owner-zoetermeer"), first.getCaseId());
        completeTask("owner-zoetermeer", first.getCaseId(), "answerPreScan", new TaskCompletion(null, null, PreScanAnswers.of()));
        completeTask("publisher-zoetermeer", first.getCaseId(), "releasePublication", new TaskCompletion("approve", "Wijziging akkoord.", null));
        awaitPublication(first.getCaseId());

        MockHttpServletResponse v2 = get200("/api/algoritme/NLD/" + lars);
        assertThat(json(v2).get("name").asText()).isEqualTo("Voorraadbeheer " + marker);
        assertThat(v2.getHeader("ETag")).isEqualTo("\"" + lars + "-v2\"");
        assertThat(mvc.perform(get("/api/algoritme/NLD/" + lars).header("If-None-Match", v1.getHeader("ETag"))).andReturn()
                .getResponse().getStatus()).as("the old version's ETag no longer matches").isEqualTo(200);
        assertThat(json(get200("/api/algoritme/ENG/" + lars)).get("name").asText()).isEqualTo("Voorraadbeheer " + marker);
        assertThat(json(get200("/api/public/algorithms/" + lars)).get("version").asInt()).isEqualTo(2);
        assertThat(get200("/api/public/algorithms/" + lars + "/versions/1").getContentAsString(StandardCharsets.UTF_8))
                .isEqualTo(versionOne);
        assertThat(names(search(marker))).containsExactly("Voorraadbeheer " + marker);
        assertThat(names(search(marker + " containers"))).containsExactly("Voorraadbeheer " + marker);

        // the retirement: version 3, out of use
        String month = YearMonth.now(java.time.ZoneId.of("Europe/Amsterdam")).toString();
        livingEntries.requestRetirement(staff("owner-zoetermeer"), first.getCaseId(), month, "Vervangen.");
        completeTask("publisher-zoetermeer", first.getCaseId(), "decideRetirement", new TaskCompletion("approve", "Akkoord.", null));

        JsonNode retired = json(get200("/api/algoritme/NLD/" + lars));
        assertThat(retired.get("status").asText()).isEqualTo("Buiten gebruik");
        assertThat(retired.get("end_date").asText()).isEqualTo(month);
        JsonNode found = search(marker);
        assertThat(found.get("results").get(0).get("status").asText()).isEqualTo("Buiten gebruik");
        assertThat(found.get("filter_data").get("status").findValuesAsText("value")).containsExactly("Buiten gebruik");
        assertThat(search(Map.of("searchtext", marker, "status", "Buiten gebruik")).get("total_count").asInt()).isEqualTo(1);
        assertThat(page("/register/" + lars).assertStatus(200).document().text()).contains("Buiten gebruik");
    }

    @Test
    void aVersionAnotherNodeWroteIsServedWithinTheCheckInterval() throws Exception {
        String marker = "rn" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        PublishedEntry first = published("owner-nissewaard", "publisher-nissewaard", complete("Andere node " + marker));
        String lars = first.getLars();
        assertThat(json(get200("/api/algoritme/NLD/" + lars)).get("name").asText()).isEqualTo("Andere node " + marker);
        int before = search(Map.of()).get("total_count").asInt();

        // what another node's publication leaves in the shared database; this node hears nothing of it
        Map<String, Object> fields = new LinkedHashMap<>(first.getFields());
        fields.put("name", "Andere node gewijzigd " + marker);
        anotherNodePublishes(first, 2, fields);

        // how soon is the next test's business (with a hand-moved ticker); here: it is served, and searched, at all
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(json(get200("/api/algoritme/NLD/" + lars)).get("name").asText()).isEqualTo("Andere node gewijzigd " + marker));
        assertThat(names(search(marker))).containsExactly("Andere node gewijzigd " + marker);
        assertThat(search(Map.of()).get("total_count").asInt()).as("a new version, not a new entry").isEqualTo(before);
    }

    @Test
    void anotherNodesVersionIsSeenOnceTheCheckIntervalHasPassedAndTheDatabaseIsNotAskedBefore() throws Exception {
        String marker = "rt" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        PublishedEntry first = published("owner-nissewaard", "publisher-nissewaard", complete("Tikker " + marker));
        AtomicLong nanos = new AtomicLong();
        RegisterReads reads = new RegisterReads(namedJdbc, publishedEntries, JSON, Duration.ofSeconds(1), 1 << 20, nanos::get);
        assertThat(latestName(reads, first.getLars())).isEqualTo("Tikker " + marker);
        RegisterSnapshot searched = reads.snapshot();

        Map<String, Object> fields = new LinkedHashMap<>(first.getFields());
        fields.put("name", "Tikker gewijzigd " + marker);
        anotherNodePublishes(first, 2, fields);

        nanos.addAndGet(Duration.ofSeconds(1).minusNanos(1).toNanos());
        assertThat(latestName(reads, first.getLars())).as("within the interval: what this node knows, without a query")
                .isEqualTo("Tikker " + marker);
        assertThat(reads.snapshot()).as("the search too").isSameAs(searched);
        nanos.addAndGet(1);
        assertThat(latestName(reads, first.getLars())).as("once the interval has passed").isEqualTo("Tikker gewijzigd " + marker);
        assertThat(reads.snapshot().generation()).as("the search reads the new generation").isNotEqualTo(searched.generation());
    }

    private static String latestName(RegisterReads reads, String lars) throws Exception {
        RegisterReads.Prepared prepared = reads.latest(lars, "test", e -> "v" + e.getVersionNumber(), e -> e.getFields().get("name"))
                .orElseThrow();
        return JSON.readValue(prepared.body(), String.class);
    }

    /** The rows a publication writes (published_entry and its register_listing row), written around this node. */
    private void anotherNodePublishes(PublishedEntry previous, int version, Map<String, Object> fields) throws Exception {
        String json = JSON.writeValueAsString(fields);
        // in one transaction, as a node publishes: the version and its listing row commit together
        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(tx -> {
            jdbc.update("""
                    insert into published_entry (case_id, lars, version_number, organisation_code, name, fields, published_at, published_by)
                    values (?, ?, ?, ?, ?, ?, current_timestamp, 'node-2')""", previous.getCaseId(), previous.getLars(), version,
                    previous.getOrganisationCode(), fields.get("name"), json);
            Long id = jdbc.queryForObject("select id from published_entry where lars = ? and version_number = ?", Long.class,
                    previous.getLars(), version);
            jdbc.update("update register_listing set entry_id = ?, version_number = ?, name = ?, sort_name = ?, search_text = ? where lars = ?",
                    id, version, fields.get("name"), SearchText.fold(String.valueOf(fields.get("name"))), RegisterListing.searchText(fields),
                    previous.getLars());
        });
    }

    private MockHttpServletResponse get200(String url) throws Exception {
        MockHttpServletResponse response = mvc.perform(get(url)).andReturn().getResponse();
        assertThat(response.getStatus()).as(url).isEqualTo(200);
        return response;
    }

    private JsonNode search(String text) throws Exception {
        return search(Map.of("searchtext", text));
    }

    private JsonNode search(Map<String, Object> request) throws Exception {
        MockHttpServletResponse response = mvc.perform(post("/api/algoritme/NLD").contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(request))).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return json(response);
    }

    private static java.util.List<String> names(JsonNode response) {
        return response.get("results").findValuesAsText("name");
    }

    private static JsonNode json(MockHttpServletResponse response) throws Exception {
        return JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8));
    }
}
