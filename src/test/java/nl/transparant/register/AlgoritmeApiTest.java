package nl.transparant.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.transparant.site.PageTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

/** The national register's public API shape: search with filters, order and paging; one entry; problems as 400. */
class AlgoritmeApiTest extends PageTestSupport {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void searchFindsEveryWordInNameDescriptionGoalOrganisationAndTagsWithAccentsFolded() throws Exception {
        String marker = marker();
        Map<String, Object> fields = complete(unique("Coördinatie van " + marker));
        fields.put("goal", "<p>Snellere</p><ul><li>afhandeling van meldingen</li></ul>");
        fields.put("tags", "<p>kunstmatige-intelligentie</p>");
        PublishedEntry entry = published("owner-zoetermeer", "publisher-zoetermeer", fields);
        published("owner-capelle", "publisher-capelle", complete(unique("Andere " + marker)));

        JsonNode byGoalAndTag = search(Map.of("searchtext", marker + " meldingen kunstmatige", "limit", 10));
        assertThat(names(byGoalAndTag)).containsExactly(entry.getName());
        assertThat(search(Map.of("searchtext", "coordinatie " + marker)).get("total_count").asInt()).isEqualTo(1);
        assertThat(search(Map.of("searchtext", marker + " zoetermeer")).get("total_count").asInt()).isEqualTo(1);
        assertThat(search(Map.of("searchtext", marker)).get("total_count").asInt()).isEqualTo(2);
        assertThat(search(Map.of("searchtext", marker + " afhandeling")).get("total_count").asInt())
                .as("a word inside markup is text, the tag name is not").isEqualTo(1);
        assertThat(search(Map.of("searchtext", marker + " ul")).get("total_count").asInt()).as("tag names are not text").isZero();
        assertThat(search(Map.of("searchtext", marker + " 100%_")).get("total_count").asInt()).as("wildcards are literal").isZero();
    }

    @Test
    void resultsCarryTheStandardsApiKeysAndTheFilterDataCountsTheMatches() throws Exception {
        String marker = marker();
        Map<String, Object> fields = complete(unique("Sleutels " + marker));
        fields.put("category", List.of("Wonen", "Economie"));
        published("owner-zoetermeer", "publisher-zoetermeer", fields);
        published("owner-nissewaard", "publisher-nissewaard", complete(unique("Sleutels " + marker)));

        JsonNode response = search(Map.of("searchtext", marker));

        assertThat(response.get("total_count").asInt()).isEqualTo(2);
        JsonNode first = response.get("results").get(0);
        assertThat(iterable(first.fieldNames())).contains("name", "description_short", "organization", "status",
                "publication_category", "lang", "standard_version", "lars", "publication_dt", "impacttoetsen_grouping");
        assertThat(iterable(first.fieldNames())).allMatch(k -> k.matches("[a-z_]+"));
        JsonNode filters = response.get("filter_data");
        assertThat(filters.get("organisation").findValuesAsText("value"))
                .containsExactly("Gemeente Nissewaard", "Gemeente Zoetermeer");
        assertThat(filters.get("category").findValuesAsText("value")).containsExactly("Economie", "Wonen");
        assertThat(filters.get("impact_assessment").findValuesAsText("value")).containsExactly("Pre-scan DPIA");
        assertThat(filters.get("publicationcategory").get(0).get("count").asInt()).isEqualTo(2);
    }

    @Test
    void filtersOrderAndPagesNarrowAndSplitTheResults() throws Exception {
        String marker = marker();
        for (String prefix : List.of("Alfa", "Bravo", "Charlie")) {
            Map<String, Object> fields = complete(prefix + " " + marker);
            fields.put("category", List.of("Wonen"));
            published("owner-zoetermeer", "publisher-zoetermeer", fields);
        }
        Map<String, Object> retired = complete("Delta " + marker);
        retired.put("status", "Buiten gebruik");
        published("owner-capelle", "publisher-capelle", retired);

        assertThat(names(search(Map.of("searchtext", marker, "sort_option", "name_desc", "limit", 2, "page", 1))))
                .containsExactly("Delta " + marker, "Charlie " + marker);
        assertThat(names(search(Map.of("searchtext", marker, "sort_option", "name_desc", "limit", 2, "page", 2))))
                .containsExactly("Bravo " + marker, "Alfa " + marker);
        assertThat(search(Map.of("searchtext", marker, "limit", 2, "page", 3)).get("results")).isEmpty();
        assertThat(names(search(Map.of("searchtext", marker, "organisation", "Gemeente Capelle aan den IJssel"))))
                .containsExactly("Delta " + marker);
        assertThat(names(search(Map.of("searchtext", marker, "organisation", "zoetermeer", "sort_option", "name_asc"))))
                .containsExactly("Alfa " + marker, "Bravo " + marker, "Charlie " + marker);
        assertThat(search(Map.of("searchtext", marker, "status", "Buiten gebruik")).get("total_count").asInt()).isEqualTo(1);
        assertThat(search(Map.of("searchtext", marker, "category", "Wonen")).get("total_count").asInt()).isEqualTo(3);
        assertThat(search(Map.of("searchtext", marker, "publicationcategory", "Overige algoritmes")).get("total_count").asInt())
                .isEqualTo(4);
        assertThat(search(Map.of("searchtext", marker, "impact_assessment", "Pre-scan DPIA")).get("total_count").asInt()).isEqualTo(4);
        assertThat(search(Map.of("searchtext", marker, "impact_assessment", "IAMA")).get("total_count").asInt()).isZero();
        assertThat(search(Map.of("searchtext", marker, "organisationtype", "Gemeente")).get("total_count").asInt()).isEqualTo(4);
        assertThat(names(search(Map.of("searchtext", marker, "sort_option", "publication_dt_desc"))).get(0)).isEqualTo("Delta " + marker);
    }

    @Test
    void badParametersAreProblemsNamingTheParameter() throws Exception {
        Map<String, Object> tooMany = Map.of("limit", 101);
        for (var bad : List.<Map<String, Object>>of(tooMany, Map.of("page", 0), Map.of("limit", 0),
                Map.of("sort_option", "random"), Map.of("publicationcategory", "Gevaarlijk"), Map.of("status", "Misschien"),
                Map.of("searchtext", "x".repeat(201)))) {
            MockHttpServletResponse response = post("/api/algoritme/NLD", JSON.writeValueAsString(bad));
            assertThat(response.getStatus()).as("%s", bad).isEqualTo(400);
            assertThat(response.getContentType()).startsWith("application/problem+json");
            assertThat(response.getContentAsString()).contains(bad.keySet().iterator().next());
        }
        assertThat(post("/api/algoritme/NLD", "{\"unknown\": 1}").getStatus()).isEqualTo(400);
        assertThat(post("/api/algoritme/NLD", "{\"limit\": \"ten\"}").getStatus()).isEqualTo(400);
        assertThat(post("/api/algoritme/NLD", "{").getStatus()).isEqualTo(400);
        assertThat(post("/api/algoritme/FRA", "{}").getStatus()).isEqualTo(400);
        assertThat(post("/api/algoritme/eng", "{}").getStatus()).isEqualTo(200);
    }

    /** The refusal of a question is in one language, the caller's: Dutch unless Accept-Language asks English (outside test). */
    @Test
    void aRefusedQuestionIsExplainedInTheCallersLanguage() throws Exception {
        String body = "{\"limit\": 0, \"searchtext\": \"" + "x".repeat(201) + "\"}";
        JsonNode dutch = JSON.readTree(post("/api/algoritme/NLD", body).getContentAsString(StandardCharsets.UTF_8));
        assertThat(dutch.get("detail").asText()).isEqualTo("Deze vraag kan het register niet beantwoorden.");
        assertThat(dutch.get("errors").findValuesAsText("message")).containsExactlyInAnyOrder("Tussen 1 en 100.", "Maximaal 200 tekens.");
        JsonNode english = JSON.readTree(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/algoritme/NLD")
                .header("Accept-Language", "en").contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
        assertThat(english.get("detail").asText()).isEqualTo("The register cannot answer this question.");
        assertThat(english.get("errors").findValuesAsText("message")).containsExactlyInAnyOrder("Between 1 and 100.", "At most 200 characters.");
    }

    @Test
    void oneEntryByIdWithAShortLivedCacheAndAnETag() throws Exception {
        PublishedEntry entry = published("owner-zoetermeer", "publisher-zoetermeer", complete(unique("Een enkel algoritme")));

        MockHttpServletResponse response = mvc.perform(get("/api/algoritme/NLD/" + entry.getLars())).andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8));
        assertThat(body.get("lars").asText()).isEqualTo(entry.getLars());
        assertThat(body.get("name").asText()).isEqualTo(entry.getName());
        assertThat(response.getHeader("Cache-Control")).contains("max-age=60").contains("public");
        String etag = response.getHeader("ETag");
        assertThat(etag).startsWith("\"").endsWith("\"");
        assertThat(mvc.perform(get("/api/algoritme/NLD/" + entry.getLars()).header("If-None-Match", etag)).andReturn()
                .getResponse().getStatus()).isEqualTo(304);
        MockHttpServletResponse missing = mvc.perform(get("/api/algoritme/NLD/00000000")).andReturn().getResponse();
        assertThat(missing.getStatus()).isEqualTo(404);
        assertThat(missing.getContentType()).startsWith("application/problem+json");
    }

    @Test
    void theApiIsDescribedWithOpenApi() throws Exception {
        MockHttpServletResponse response = mvc.perform(get("/v3/api-docs")).andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(200);
        JsonNode api = JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8));
        assertThat(api.get("paths").has("/api/algoritme/{lang}")).isTrue();
        assertThat(api.get("paths").has("/api/algoritme/{lang}/{lars}")).isTrue();
        assertThat(iterable(api.get("paths").fieldNames())).noneMatch(p -> p.startsWith("/api/cases") || p.startsWith("/api/tasks"));
        assertThat(mvc.perform(get("/swagger-ui/index.html")).andReturn().getResponse().getStatus()).isEqualTo(200);
    }

    private JsonNode search(Map<String, Object> request) throws Exception {
        MockHttpServletResponse response = post("/api/algoritme/NLD", JSON.writeValueAsString(new LinkedHashMap<>(request)));
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        return JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8));
    }

    private MockHttpServletResponse post(String url, String body) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(url)
                .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse();
    }

    private static List<String> names(JsonNode response) {
        return response.get("results").findValuesAsText("name");
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> list = new java.util.ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }

    /** A word no other test's entries contain, to keep each test's searches to its own entries. */
    static String marker() {
        return "m" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }
}
