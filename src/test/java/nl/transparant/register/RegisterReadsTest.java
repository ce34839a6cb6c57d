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

    @Autowired
    javax.sql.DataSource dataSource;

    @Autowired
    RegisterReads reads;

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
        // the search catches up in the background (searches meanwhile are answered from the generation before)
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(names(search(marker))).containsExactly("Andere node gewijzigd " + marker));
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

    @Test
    void whileTheIndexCatchesUpWithAnotherNodeSearchesAreAnsweredFromTheGenerationBeforeWithoutWaiting() throws Exception {
        String marker = "rw" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        PublishedEntry first = published("owner-nissewaard", "publisher-nissewaard", complete("Wachtrij " + marker));
        AtomicLong nanos = new AtomicLong();
        // the background work is queued here and run when the test says so: a refresh "in progress" for as long as it likes
        java.util.List<Runnable> queued = new java.util.concurrent.CopyOnWriteArrayList<>();
        RegisterReads reads = new RegisterReads(namedJdbc, publishedEntries, JSON, Duration.ofSeconds(1), 1 << 20, nanos::get,
                queued::add);
        RegisterSearch search = new RegisterSearch(reads);
        RegisterQuery question = new RegisterQuery(marker, null, null, null, null, null, null, null, 1, 10);
        assertThat(searchedNames(search, question)).containsExactly("Wachtrij " + marker);
        assertThat(reads.loads()).isEqualTo(1);

        Map<String, Object> fields = new LinkedHashMap<>(first.getFields());
        fields.put("name", "Wachtrij gewijzigd " + marker);
        anotherNodePublishes(first, 2, fields);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());

        RegisterSnapshot before = reads.snapshot();
        assertThat(queued).as("the catching up is started, in the background").hasSize(1);
        assertThat(searchedNames(search, question)).as("answered from the generation before").containsExactly("Wachtrij " + marker);
        assertThat(reads.snapshot()).isSameAs(before);
        assertThat(queued).as("one catching up per generation, not one per search").hasSize(1);

        queued.remove(0).run();
        assertThat(searchedNames(search, question)).containsExactly("Wachtrij gewijzigd " + marker);
        assertThat(reads.loads()).as("derived from the snapshot before, not loaded whole").isEqualTo(1);
        assertThat(reads.snapshot().generation()).isNotEqualTo(before.generation());
    }

    @Test
    void aSearchPageAsksTheDatabaseNothingAndTheGenerationCheckIsTheOnlyStatementOncePerInterval() throws Exception {
        String marker = "rs" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Map<String, Object> dutch = complete("Zonder vraag " + marker);
        published("owner-zoetermeer", "publisher-zoetermeer", dutch);
        java.util.List<String> statements = new java.util.concurrent.CopyOnWriteArrayList<>();
        NamedParameterJdbcTemplate counted = new NamedParameterJdbcTemplate(CountingDataSource.wrap(dataSource, statements));
        AtomicLong nanos = new AtomicLong();
        RegisterReads reads = new RegisterReads(counted, publishedEntries, JSON, Duration.ofSeconds(1), 1 << 20, nanos::get);
        RegisterSearch search = new RegisterSearch(reads);
        search.search(RegisterQuery.all());
        assertThat(statements).as("the first search loads the listing").isNotEmpty();

        statements.clear();
        for (int page = 1; page <= 5; page++) {
            SearchResult result = search.search(new RegisterQuery(null, null, null, null, null, null, null, null, page, 10), page % 2 == 0);
            assertThat(result.results()).allSatisfy(f -> assertThat(f).containsKeys("lars", "name"));
        }
        SearchResult found = search.search(new RegisterQuery(marker, null, null, null, null, null, null, null, 1, 10));
        assertThat(found.results()).singleElement().satisfies(f -> {
            assertThat(f.get("name")).isEqualTo("Zonder vraag " + marker);
            assertThat(f.get("goal")).isEqualTo(dutch.get("goal"));
        });
        assertThat(statements).as("search pages answered from memory: fields included").isEmpty();

        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        search.search(new RegisterQuery(marker, null, null, null, null, null, null, null, 1, 10));
        search.search(new RegisterQuery(marker, null, null, null, null, null, null, null, 1, 10), true);
        assertThat(statements).as("once the interval has passed: the generation, once").hasSize(1)
                .noneMatch(sql -> sql.contains("fields"));
    }

    @Test
    void aPublicationOnThisNodeIsFoundByTheNextSearchWithoutReloadingTheListing() throws Exception {
        search(Map.of()); // the listing is in memory
        long loads = reads.loads();
        String marker = "rp" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        PublishedEntry entry = published("owner-zoetermeer", "publisher-zoetermeer", complete("Eigen publicatie " + marker));
        JsonNode found = search(marker);
        assertThat(names(found)).containsExactly("Eigen publicatie " + marker);
        assertThat(found.get("results").get(0).get("lars").asText()).isEqualTo(entry.getLars());
        assertThat(reads.loads()).as("taken into the index as it committed, not by reading the whole listing again").isEqualTo(loads);
    }

    private static java.util.List<String> searchedNames(RegisterSearch search, RegisterQuery question) {
        return search.search(question).results().stream().map(f -> String.valueOf(f.get("name"))).toList();
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
