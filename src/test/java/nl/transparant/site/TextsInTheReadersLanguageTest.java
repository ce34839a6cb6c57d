package nl.transparant.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import nl.transparant.register.PublishedEntry;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Every text in the reader's language, Dutch by default and English on request: the problems the services find (in the
 * API by Accept-Language, on the pages by the page's language), the explanation of a page that is not there, the feed
 * and the English register's note on texts without an English version.
 */
class TextsInTheReadersLanguageTest extends PageTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theApiExplainsAFieldInDutchUnlessEnglishIsAskedFor() throws Exception {
        String body = JSON.writeValueAsString(Map.of("fields", Map.of("name", unique("Taal van fouten"), "begin_date", "2024")));

        JsonNode dutch = problem(post("/api/cases").with(authentication(as("owner-zoetermeer")))
                .contentType("application/json").content(body));
        JsonNode english = problem(post("/api/cases").with(authentication(as("owner-zoetermeer")))
                .header(HttpHeaders.ACCEPT_LANGUAGE, "en-GB,en;q=0.9").contentType("application/json").content(body));

        assertThat(dutch.path("detail").asText()).isEqualTo("Sommige velden van het register zijn niet goed ingevuld.");
        assertThat(message(dutch, "begin_date")).isEqualTo("Vul een jaar en maand in als jjjj-mm, bijvoorbeeld 2024-03.");
        assertThat(english.path("detail").asText()).isEqualTo("Some register fields are not valid.");
        assertThat(message(english, "begin_date")).isEqualTo("Must be a year and month as yyyy-mm, for example 2024-03.");
        assertThat(english.path("errors").get(0).has("key")).as("the message key stays inside").isFalse();
        assertThat(dutch.path("title").asText()).isEqualTo("Ongeldige invoer");
        assertThat(english.path("title").asText()).isEqualTo("Invalid input");
    }

    @Test
    void theApiProblemsTitleFollowsTheCallersLanguage() throws Exception {
        MockHttpServletResponse dutch = mvc.perform(get("/api/cases/bestaat-niet-123").with(authentication(as("owner-zoetermeer"))))
                .andReturn().getResponse();
        MockHttpServletResponse english = mvc.perform(get("/api/cases/bestaat-niet-123").with(authentication(as("owner-zoetermeer")))
                .header(HttpHeaders.ACCEPT_LANGUAGE, "en")).andReturn().getResponse();

        assertThat(dutch.getStatus()).isEqualTo(404);
        assertThat(JSON.readTree(dutch.getContentAsString(StandardCharsets.UTF_8)).path("title").asText()).isEqualTo("Niet gevonden");
        assertThat(JSON.readTree(english.getContentAsString(StandardCharsets.UTF_8)).path("title").asText()).isEqualTo("Not found");
    }

    @Test
    void theSecurityFiltersRefuseInTheCallersLanguage() throws Exception {
        MockHttpServletResponse dutch = mvc.perform(get("/api/cases")).andReturn().getResponse();
        MockHttpServletResponse english = mvc.perform(get("/api/cases").header(HttpHeaders.ACCEPT_LANGUAGE, "en")).andReturn().getResponse();
        assertThat(dutch.getStatus()).isEqualTo(401);
        assertThat(JSON.readTree(dutch.getContentAsString(StandardCharsets.UTF_8)).path("detail").asText()).startsWith("Log eerst in");
        assertThat(JSON.readTree(english.getContentAsString(StandardCharsets.UTF_8)).path("detail").asText()).startsWith("Sign in first");

        MockHttpServletResponse forbidden = mvc.perform(get("/api/audit/records").with(
                org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic("owner-zoetermeer", "demo")))
                .andReturn().getResponse();
        assertThat(forbidden.getStatus()).isEqualTo(403);
        assertThat(JSON.readTree(forbidden.getContentAsString(StandardCharsets.UTF_8)).path("title").asText()).isEqualTo("Geen toegang");
    }

    @Test
    void aFormShowsTheProblemInThePagesLanguage() throws Exception {
        Page dutch = page(form("/staff/cases/new", "owner-zoetermeer").param("name", unique("Formulier met fout"))
                .param("begin_date", "maart"));
        Page english = page(form("/staff/cases/new?lang=en", "owner-zoetermeer").param("name", unique("Form with a problem"))
                .param("begin_date", "March"));

        dutch.assertStatus(400);
        english.assertStatus(400);
        assertThat(dutch.document().getElementById("f-begin_date-error").text()).contains("Vul een jaar en maand in als jjjj-mm");
        assertThat(dutch.document().select("#f-begin_date-error [lang=en]")).as("Dutch, not marked English").isEmpty();
        assertThat(english.document().getElementById("f-begin_date-error").text()).contains("Must be a year and month as yyyy-mm");
    }

    @Test
    void aPageThatIsNotThereSaysWhyInThePagesLanguage() throws Exception {
        Document dutch = page("/register/bestaat-niet-123").assertStatus(404).document();
        Document english = page("/en/register/bestaat-niet-123").assertStatus(404).document();

        assertThat(dutch.select(".notice").text()).contains("Er is geen gepubliceerd algoritme met registernummer bestaat-niet-123.")
                .doesNotContain("Engels").doesNotContain("No published");
        assertThat(english.select(".notice").text()).contains("No published algorithm with id bestaat-niet-123.");
    }

    @Test
    void theFeedSpeaksEnglishOnRequestAndDutchByDefault() throws Exception {
        PublishedEntry entry = published("owner-nissewaard", "publisher-nissewaard", complete(unique("Feed in twee talen")));

        String dutch = feed("/register/feed.atom");
        String english = feed("/register/feed.atom?lang=en");

        assertThat(dutch).contains("xml:lang=\"nl\"").contains("Gepubliceerd: " + entry.getName() + " (versie 1)");
        assertThat(english).contains("xml:lang=\"en\"").contains("Published: " + entry.getName() + " (version 1)")
                .contains("Transparant algorithm register").doesNotContain("Gepubliceerd:")
                .contains("/register/feed.atom?lang=en");
        // the English feed's links lead to the English pages (their language is in the path); the ids stay the same
        assertThat(english).contains("href=\"http://localhost:8080/en/register/" + entry.getLars() + "/versions/1\"")
                .contains("<id>http://localhost:8080/register/" + entry.getLars() + "/versions/1</id>");
        assertThat(dutch).doesNotContain("/en/register");
        // the owner wrote no English summary: the Dutch one says it is Dutch
        assertThat(english).contains("<summary xml:lang=\"nl\">Korte omschrijving van " + entry.getName());
    }

    @Test
    void theEnglishRegisterSaysWhichTextsHaveNoEnglishVersion() throws Exception {
        PublishedEntry entry = published("owner-nissewaard", "publisher-nissewaard", complete(unique("Alleen Nederlands")));

        Document english = page("/en/register/" + entry.getLars()).assertStatus(200).document();
        Document dutch = page("/register/" + entry.getLars()).assertStatus(200).document();

        assertThat(english.select(".dutch-texts").text()).contains("have no English version").contains("shown in Dutch");
        assertThat(dutch.select(".dutch-texts")).isEmpty();
    }

    /** Task completion, case submission and the decision log's filters: in the caller's language, labels instead of codes. */
    @Test
    void theServicesProblemsAreToldInTheCallersLanguage() throws Exception {
        nl.transparant.cases.AlgorithmCase c = awaitingRelease("owner-zoetermeer", complete(unique("Problemen in twee talen")));
        String release = task("publisher-zoetermeer", c.getId(), "releasePublication").id();
        String badCompletion = JSON.writeValueAsString(Map.of("outcome", "maybe", "rationale", " "));

        JsonNode dutchTask = problem(post("/api/tasks/" + release + "/complete").with(authentication(as("publisher-zoetermeer")))
                .contentType("application/json").content(badCompletion));
        JsonNode englishTask = problem(post("/api/tasks/" + release + "/complete").with(authentication(as("publisher-zoetermeer")))
                .header(HttpHeaders.ACCEPT_LANGUAGE, "en").contentType("application/json").content(badCompletion));
        assertThat(dutchTask.path("detail").asText()).isEqualTo("De taak kan zo niet worden afgerond.");
        assertThat(message(dutchTask, "outcome")).startsWith("Kies een van: ").contains("Goedkeuren").doesNotContain("approve");
        assertThat(message(dutchTask, "rationale")).startsWith("Schrijf op waarom");
        assertThat(englishTask.path("detail").asText()).isEqualTo("The task cannot be completed like this.");
        assertThat(message(englishTask, "outcome")).startsWith("Choose one of: ").contains("Approve").doesNotContain("approve,");

        MockHttpServletResponse dutchSubmit = mvc.perform(post("/api/cases/" + c.getId() + "/submit")
                .with(authentication(as("owner-zoetermeer"))).with(org.springframework.security.test.web.servlet.request
                        .SecurityMockMvcRequestPostProcessors.csrf())).andReturn().getResponse();
        MockHttpServletResponse englishSubmit = mvc.perform(post("/api/cases/" + c.getId() + "/submit")
                .with(authentication(as("owner-zoetermeer"))).header(HttpHeaders.ACCEPT_LANGUAGE, "en")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                .andReturn().getResponse();
        assertThat(dutchSubmit.getStatus()).isEqualTo(409);
        JsonNode dutchConflict = JSON.readTree(dutchSubmit.getContentAsString(StandardCharsets.UTF_8));
        JsonNode englishConflict = JSON.readTree(englishSubmit.getContentAsString(StandardCharsets.UTF_8));
        assertThat(dutchConflict.path("detail").asText()).startsWith("Alleen een concept of een wijziging kan worden ingediend")
                .contains("Wacht op vrijgave voor publicatie").doesNotContain("PUBLICATION_REVIEW");
        assertThat(englishConflict.path("detail").asText()).startsWith("Only a draft or a change can be submitted")
                .contains("Waiting for release to the register").doesNotContain("PUBLICATION_REVIEW");
        assertThat(englishConflict.path("title").asText()).isEqualTo("Conflict");

        JsonNode dutchPeriod = problem(get("/api/audit/records?from=gisteren").with(authentication(as("auditor-regional"))));
        JsonNode englishPeriod = problem(get("/api/audit/records?from=gisteren").with(authentication(as("auditor-regional")))
                .header(HttpHeaders.ACCEPT_LANGUAGE, "en"));
        assertThat(dutchPeriod.path("detail").asText()).isEqualTo("Ongeldige periode.");
        assertThat(message(dutchPeriod, "from")).startsWith("Een datum (2026-01-31)");
        assertThat(englishPeriod.path("detail").asText()).isEqualTo("Invalid period.");
        assertThat(englishPeriod.path("title").asText()).isEqualTo("Invalid input");
    }

    /** The refusals of an Idempotency-Key, an export format and an empty import file: Dutch by default, English on request. */
    @Test
    void refusalsOfHeadersFormatsAndFilesAreToldInTheCallersLanguage() throws Exception {
        String body = JSON.writeValueAsString(Map.of("fields", Map.of("name", unique("Sleutel met spatie"))));
        JsonNode dutchKey = problem(post("/api/cases").with(authentication(as("owner-zoetermeer")))
                .header("Idempotency-Key", "met spatie").contentType("application/json").content(body));
        JsonNode englishKey = problem(post("/api/cases").with(authentication(as("owner-zoetermeer")))
                .header("Idempotency-Key", "met spatie").header(HttpHeaders.ACCEPT_LANGUAGE, "en")
                .contentType("application/json").content(body));
        assertThat(dutchKey.path("detail").asText())
                .isEqualTo("De header Idempotency-Key moet 1 tot 255 zichtbare ASCII-tekens zijn, zoals een UUID.");
        assertThat(message(dutchKey, "Idempotency-Key")).isEqualTo("1 tot 255 zichtbare ASCII-tekens.");
        assertThat(englishKey.path("detail").asText())
                .isEqualTo("The Idempotency-Key header must be 1 to 255 visible ASCII characters, such as a UUID.");
        assertThat(message(englishKey, "Idempotency-Key")).isEqualTo("1 to 255 visible ASCII characters.");

        JsonNode dutchFormat = problem(get("/api/audit/records/export?format=xml").with(authentication(as("auditor-regional"))));
        JsonNode englishFormat = problem(get("/api/audit/records/export?format=xml").with(authentication(as("auditor-regional")))
                .header(HttpHeaders.ACCEPT_LANGUAGE, "en"));
        assertThat(dutchFormat.path("detail").asText()).isEqualTo("Onbekend exportformaat.");
        assertThat(message(dutchFormat, "format")).isEqualTo("json of csv.");
        assertThat(englishFormat.path("detail").asText()).isEqualTo("Unknown export format.");
        assertThat(message(englishFormat, "format")).isEqualTo("json or csv.");

        JsonNode dutchImport = problem(post("/api/register/import").param("organisation", "zoetermeer").param("format", "json")
                .with(authentication(as("publisher-zoetermeer"))).contentType("application/json").content("{\"algoritme_versions\": []}"));
        JsonNode englishImport = problem(post("/api/register/import").param("organisation", "zoetermeer").param("format", "json")
                .with(authentication(as("publisher-zoetermeer"))).header(HttpHeaders.ACCEPT_LANGUAGE, "en")
                .contentType("application/json").content("{\"algoritme_versions\": []}"));
        assertThat(dutchImport.path("detail").asText()).isEqualTo("Het bestand bevat geen algoritmes.");
        assertThat(englishImport.path("detail").asText()).isEqualTo("The file holds no entries.");
    }

    /** The names of steps and tasks in the API: the caller's language, the field names as they were. */
    @Test
    void theApiNamesTasksAndStepsInTheCallersLanguage() throws Exception {
        nl.transparant.cases.AlgorithmCase c = draft("owner-zoetermeer", complete(unique("Taaknamen in twee talen")));
        cases.submit(staff("owner-zoetermeer"), c.getId());

        JsonNode dutch = json(get("/api/cases/" + c.getId()).with(authentication(as("owner-zoetermeer"))));
        JsonNode english = json(get("/api/cases/" + c.getId()).with(authentication(as("owner-zoetermeer")))
                .header(HttpHeaders.ACCEPT_LANGUAGE, "en"));
        assertThat(dutch.path("openTasks").get(0).path("name").asText()).isEqualTo("Pre-scan beantwoorden");
        assertThat(english.path("openTasks").get(0).path("name").asText()).isEqualTo("Answer the pre-scan");

        JsonNode inbox = json(get("/api/tasks").with(authentication(as("owner-zoetermeer"))));
        assertThat(inbox.findValuesAsText("name")).contains("Pre-scan beantwoorden").doesNotContain("Answer the pre-scan");
    }

    private JsonNode json(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        return JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8));
    }

    private JsonNode problem(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request) throws Exception {
        MockHttpServletResponse response = mvc.perform(request.with(
                org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                .andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(400);
        return JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8));
    }

    private static String message(JsonNode problem, String field) {
        for (JsonNode error : problem.path("errors")) {
            if (error.path("field").asText().equals(field)) {
                return error.path("message").asText();
            }
        }
        throw new AssertionError("No problem about " + field + " in " + problem);
    }

    private String feed(String url) throws Exception {
        return mvc.perform(get(url)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}
