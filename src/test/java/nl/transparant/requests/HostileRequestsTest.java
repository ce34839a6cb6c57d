package nl.transparant.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.charset.StandardCharsets;
import java.util.List;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.CaseStage;
import nl.transparant.register.PublishedEntries;
import nl.transparant.site.PageTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * What an attacker sends instead of what a client sends, through the whole application with the demo accounts' HTTP
 * Basic: requests that pages of other sites make a browser send, content types no endpoint takes, bodies too large
 * or too deeply nested. Each is a 4xx problem+json, never a 500, and changes nothing.
 */
class HostileRequestsTest extends PageTestSupport {

    private static final String ELSEWHERE = "https://aanvaller.example";

    @Autowired
    PublishedEntries entries;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aTextPlainFormFromAnotherSiteImportsNothingEvenWithTheBrowsersStoredCredentials() throws Exception {
        String lars = "8" + System.nanoTime() % 10_000_000;
        // what <form enctype="text/plain"> sends: "name=value", here shaped so the value completes a JSON dump
        String form = "{\"algoritme_versions\":[{\"lars\":\"" + lars + "\",\"name\":\"Geplant\",\"x\":\"=\"}],\"y\":\"\"}";
        MockHttpServletRequestBuilder crossSite = post("/api/register/import").param("organisation", "capelle").param("format", "json")
                .with(httpBasic("admin", "demo")).contentType("text/plain").content(form)
                .header("Origin", ELSEWHERE).header("Sec-Fetch-Site", "cross-site").header("Sec-Fetch-Mode", "navigate");
        assertRefused(crossSite, 403);
        // a browser that sends no Fetch Metadata and no Origin: the form's content type alone is refused
        assertRefused(post("/api/register/import").param("organisation", "capelle").param("format", "json")
                .with(httpBasic("admin", "demo")).contentType("text/plain").content(form), 415);
        for (String formType : List.of("application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "TEXT/PLAIN; charset=UTF-8")) {
            assertRefused(post("/api/register/import").param("organisation", "capelle").param("format", "json")
                    .with(httpBasic("admin", "demo")).contentType(formType).content(form), 415);
        }
        assertThat(entries.existsByLars(lars)).isFalse();
    }

    @Test
    void aBodylessPostFromAnotherSiteChangesNothing() throws Exception {
        AlgorithmCase draft = draft("owner-zoetermeer", complete(unique("Dwarsverzoek")));
        String submit = "/api/cases/" + draft.getId() + "/submit";
        assertRefused(post(submit).with(httpBasic("owner-zoetermeer", "demo")).header("Origin", ELSEWHERE), 403);
        assertRefused(post(submit).with(httpBasic("owner-zoetermeer", "demo")).header("Origin", "null"), 403);
        assertRefused(post(submit).with(httpBasic("owner-zoetermeer", "demo")).header("Sec-Fetch-Site", "same-site"), 403);
        assertRefused(post(submit).with(httpBasic("owner-zoetermeer", "demo")).header("Sec-Fetch-Site", "cross-site"), 403);
        assertRefused(post("/api/admin/policies/reload").with(httpBasic("admin", "demo")).header("Sec-Fetch-Site", "cross-site"), 403);
        // the engine's REST API is guarded the same way, by the same filter
        assertRefused(post("/engine-rest/process-instance/x/modification").with(httpBasic("admin", "demo"))
                .header("Origin", ELSEWHERE).contentType("application/json").content("{}"), 403);
        assertThat(stage(draft)).isEqualTo(CaseStage.DRAFT);

        // the application's own origin, and a client that is no browser, still submit
        int own = mvc.perform(post(submit).with(httpBasic("owner-zoetermeer", "demo")).header("Origin", "http://localhost")
                .header("Sec-Fetch-Site", "same-origin")).andReturn().getResponse().getStatus();
        assertThat(own).isEqualTo(200);
        assertThat(stage(draft)).isNotEqualTo(CaseStage.DRAFT);
    }

    @Test
    void noBasicChallengeThatWouldMakeABrowserAskForAndKeepAPassword() throws Exception {
        for (MockHttpServletRequestBuilder request : List.of(post("/api/cases").contentType("application/json").content("{}"),
                post("/api/cases").with(httpBasic("owner-zoetermeer", "verkeerd")).contentType("application/json").content("{}"))) {
            MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
            assertThat(response.getStatus()).isEqualTo(401);
            assertThat(response.getContentType()).startsWith("application/problem+json");
            assertThat(response.getHeader("WWW-Authenticate")).isNull();
        }
    }

    @Test
    void anUnsupportedMediaTypeIsA415NeverA500() throws Exception {
        List<String> types = List.of("application/*", "*/*", "nonsense", "application/json; charset=bestaat-niet",
                "application/xml", "image/png");
        for (String path : List.of("/api/algoritme/NLD", "/api/cases", "/api/tasks/onbekend/complete", "/api/tasks/onbekend/preview")) {
            for (String type : types) {
                MockHttpServletResponse response = mvc.perform(post(path).with(httpBasic("owner-zoetermeer", "demo"))
                        .header("Content-Type", type).content("{}".getBytes(StandardCharsets.UTF_8))).andReturn().getResponse();
                assertThat(response.getStatus()).as("%s as %s", path, type).isEqualTo(415);
                assertThat(response.getContentType()).as("%s as %s", path, type).startsWith("application/problem+json");
            }
        }
    }

    @Test
    void aBodyAboveTheEndpointsLimitIsA413BeforeItIsRead() throws Exception {
        byte[] tooLarge = new byte[(int) BodySizeLimits.DEFAULT_BYTES + 1];
        MockHttpServletResponse response = mvc.perform(post("/api/tasks/onbekend/preview").with(httpBasic("owner-zoetermeer", "demo"))
                .contentType("application/json").content(tooLarge)).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("1 MB");

        byte[] largeSearch = new byte[(int) BodySizeLimits.PUBLIC_BYTES + 1];
        assertThat(mvc.perform(post("/api/algoritme/NLD").contentType("application/json").content(largeSearch))
                .andReturn().getResponse().getStatus()).isEqualTo(413);
    }

    @Test
    void deepNestingAndOverlongValuesAreA400() throws Exception {
        String deep = "{\"answers\": {\"a\": " + "[".repeat(300) + "]".repeat(300) + "}}";
        String longNumber = "{\"answers\": {\"a\": " + "9".repeat(2_000) + "}}";
        for (String body : List.of(deep, longNumber)) {
            for (MockHttpServletRequestBuilder request : List.of(post("/api/tasks/onbekend/preview"), put("/api/tasks/onbekend/draft"),
                    post("/api/tasks/onbekend/complete"))) {
                MockHttpServletResponse response = mvc.perform(request.with(httpBasic("owner-zoetermeer", "demo"))
                        .contentType("application/json").content(body)).andReturn().getResponse();
                assertThat(response.getStatus()).isEqualTo(400);
                assertThat(response.getContentType()).startsWith("application/problem+json");
                assertThat(response.getContentAsString()).contains("te diep genest");
            }
        }
    }

    @Test
    void halfASurrogatePairInAJsonBodyIsA400AndNothingIsStored() throws Exception {
        String marker = unique("Surrogaat");
        long before = casesNamed(marker);
        for (String name : List.of("lone \\ud800 surrogate", "\\udc00 laag", "\\uD83D\\u0041 half")) {
            MockHttpServletResponse response = mvc.perform(post("/api/cases").with(httpBasic("owner-zoetermeer", "demo"))
                    .contentType("application/json")
                    .content("{\"organisation\":\"zoetermeer\",\"fields\":{\"name\":\"" + marker + " " + name + "\"}}"))
                    .andReturn().getResponse();
            assertThat(response.getStatus()).as(name + ": " + response.getContentAsString()).isEqualTo(400);
            assertThat(response.getContentType()).startsWith("application/problem+json");
            assertThat(response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("surrogaatpaar");
        }
        assertThat(casesNamed(marker)).isEqualTo(before);
        // an escaped NUL was kept in answers (outside tester): refused the same way, saying what it is
        MockHttpServletResponse nul = mvc.perform(post("/api/cases").with(httpBasic("owner-zoetermeer", "demo"))
                .contentType("application/json")
                .content("{\"organisation\":\"zoetermeer\",\"fields\":{\"name\":\"" + marker + " a\\u0000b\"}}"))
                .andReturn().getResponse();
        assertThat(nul.getStatus()).as(nul.getContentAsString()).isEqualTo(400);
        assertThat(nul.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("stuurteken");
        assertThat(casesNamed(marker)).isEqualTo(before);

        // a whole pair is a character like any other
        MockHttpServletResponse whole = mvc.perform(post("/api/cases").with(httpBasic("owner-zoetermeer", "demo"))
                .contentType("application/json")
                .content("{\"organisation\":\"zoetermeer\",\"fields\":{\"name\":\"" + marker + " \\ud83d\\ude00\"}}"))
                .andReturn().getResponse();
        assertThat(whole.getStatus()).as(whole.getContentAsString()).isEqualTo(201);
        assertThat(casesNamed(marker)).isEqualTo(before + 1);
    }

    /** A body that goes on after its JSON value was stored as if the rest were not there; it is refused as not JSON. */
    @Test
    void aJsonBodyWithSomethingAfterItsValueIsA400AndNothingIsStored() throws Exception {
        String marker = unique("Naloop");
        for (String after : List.of(" x", " {\"fields\":{}}", "]", " \"tweede\"", ",{}")) {
            MockHttpServletResponse response = mvc.perform(post("/api/cases").with(httpBasic("owner-zoetermeer", "demo"))
                    .contentType("application/json")
                    .content("{\"organisation\":\"zoetermeer\",\"fields\":{\"name\":\"" + marker + "\"}}" + after))
                    .andReturn().getResponse();
            assertThat(response.getStatus()).as(after + ": " + response.getContentAsString()).isEqualTo(400);
            assertThat(response.getContentType()).startsWith("application/problem+json");
            assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains("De inhoud van het verzoek is geen geldige JSON.");
        }
        assertThat(casesNamed(marker)).isZero();
    }

    /** Found from the outside: a number too large for its field was called "not valid JSON". */
    @Test
    void aNumberTooLargeForItsFieldIsSaidToBeSo() throws Exception {
        MockHttpServletResponse response = mvc.perform(put("/api/cases/" + java.util.UUID.randomUUID()).with(httpBasic("owner-zoetermeer", "demo"))
                .contentType("application/json").content("{\"version\":99999999999999999999,\"fields\":{}}")).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString(StandardCharsets.UTF_8)).contains("te groot of te klein").doesNotContain("geen geldige JSON");
    }

    /**
     * A name given twice in one object was read as its last value (outside tester): whatever checked the first saw
     * another body than the one stored. It is a 400 naming the field, in the reader's language, and nothing is stored.
     */
    @Test
    void aBodyThatGivesAFieldTwiceIsA400NamingItAndNothingIsStored() throws Exception {
        String marker = unique("Dubbel");
        MockHttpServletResponse dutch = mvc.perform(post("/api/cases").with(httpBasic("owner-zoetermeer", "demo"))
                .contentType("application/json")
                .content("{\"organisation\":\"zoetermeer\",\"fields\":{\"name\":\"" + marker + "-eerst\",\"name\":\"" + marker + "\"}}"))
                .andReturn().getResponse();
        assertThat(dutch.getStatus()).as(dutch.getContentAsString()).isEqualTo(400);
        assertThat(dutch.getContentType()).startsWith("application/problem+json");
        assertThat(dutch.getContentAsString(StandardCharsets.UTF_8)).contains("Het veld name staat twee keer in de inhoud");
        MockHttpServletResponse english = mvc.perform(post("/api/cases").with(httpBasic("owner-zoetermeer", "demo"))
                .header("Accept-Language", "en").contentType("application/json")
                .content("{\"organisation\":\"zoetermeer\",\"organisation\":\"capelle\",\"fields\":{\"name\":\"" + marker + "\"}}"))
                .andReturn().getResponse();
        assertThat(english.getStatus()).isEqualTo(400);
        assertThat(english.getContentAsString(StandardCharsets.UTF_8)).contains("gives the field organisation twice");
        assertThat(casesNamed(marker)).isZero();
            }

    /**
     * Spring's own refusals came with its English words, on a Dutch call too (outside tester): "Not Found" with "No static
     * resource …" for an address no handler has, "Required parameter 'format' is not present.". In the caller's language.
     */
    @Test
    void springsOwnRefusalsAreToldInTheCallersLanguage() throws Exception {
        MockHttpServletResponse missing = mvc.perform(post("/api/register/import").with(httpBasic("admin", "demo"))
                .param("organisation", "zoetermeer").contentType("application/json").content("{}")).andReturn().getResponse();
        assertThat(missing.getStatus()).isEqualTo(400);
        assertThat(missing.getContentType()).startsWith("application/problem+json");
        assertThat(missing.getContentAsString(StandardCharsets.UTF_8)).contains("De parameter format ontbreekt.").doesNotContain("Required");
        MockHttpServletResponse nothing = mvc.perform(get("/api/public/nothing")).andReturn().getResponse();
        assertThat(nothing.getStatus()).isEqualTo(404);
        assertThat(nothing.getContentAsString(StandardCharsets.UTF_8)).contains("Niet gevonden").doesNotContain("static resource");
        MockHttpServletResponse english = mvc.perform(get("/api/public/nothing").header("Accept-Language", "en")).andReturn().getResponse();
        assertThat(english.getContentAsString(StandardCharsets.UTF_8)).contains("Not found").doesNotContain("static resource");
        // a body the endpoint does not take, an answer in a form it does not give (second outside test: English, and a
        // 406 read like a failure of the server)
        MockHttpServletResponse xml = mvc.perform(post("/api/cases").with(httpBasic("owner-zoetermeer", "demo"))
                .contentType("application/xml").content("<case/>")).andReturn().getResponse();
        assertThat(xml.getStatus()).isEqualTo(415);
        assertThat(xml.getContentAsString(StandardCharsets.UTF_8)).contains("stuur JSON");
        MockHttpServletResponse notAcceptable = mvc.perform(get("/api/cases").with(httpBasic("owner-zoetermeer", "demo"))
                .accept("application/xml")).andReturn().getResponse();
        assertThat(notAcceptable.getStatus()).isEqualTo(406);
        assertThat(notAcceptable.getContentAsString(StandardCharsets.UTF_8)).contains("Niet in deze vorm").doesNotContain("Er ging iets mis");
    }

    /**
     * The feed is kept by shared caches for everyone, so its addresses come from the configured public address
     * (transparant.public-url), never from the Host header a client chose: one request with another Host would
     * otherwise hand every later reader a feed whose links lead elsewhere.
     */
    @Test
    void anotherHostHeaderDoesNotChangeTheFeedsAddresses() throws Exception {
        published("owner-nissewaard", "publisher-nissewaard", complete(unique("Feed met vreemde Host")));

        String feed = mvc.perform(get("/register/feed.atom").header("Host", "aanvaller.example")
                        .header("X-Forwarded-Host", "aanvaller.example"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(feed).doesNotContain("aanvaller.example").contains("<id>http://localhost:8080/register/feed.atom</id>");
    }

    @Test
    void anAuditPageWhoseOffsetOverflowsIsA400WithTheAllowedRange() throws Exception {
        MockHttpServletResponse response = mvc.perform(get("/api/audit/records").param("page", "4294968").param("size", "500")
                .header("Accept-Language", "en").with(httpBasic("auditor-regional", "demo"))).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(400);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("From 0 to " + Integer.MAX_VALUE / 500);
    }

    private long casesNamed(String marker) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM algorithm_case WHERE register_fields LIKE ?", Long.class, "%" + marker + "%");
    }

    @Test
    void theRequestFiltersRefuseInTheReadersLanguageDutchUnlessEnglishIsAsked() throws Exception {
        MockHttpServletRequestBuilder tooLarge = post("/api/algoritme/NLD").contentType("application/json")
                .content(new byte[(int) BodySizeLimits.PUBLIC_BYTES + 1]);
        MockHttpServletRequestBuilder crossSite = post("/api/cases").with(httpBasic("owner-zoetermeer", "demo"))
                .header("Sec-Fetch-Site", "cross-site").contentType("application/json").content("{}");
        MockHttpServletRequestBuilder form = post("/api/cases").with(httpBasic("owner-zoetermeer", "demo"))
                .contentType("text/plain").content("{}");
        MockHttpServletRequestBuilder surrogate = post("/api/cases").with(httpBasic("owner-zoetermeer", "demo"))
                .contentType("application/json").content("{\"organisation\":\"zoetermeer\",\"fields\":{\"name\":\"\\ud800\"}}");
        MockHttpServletRequestBuilder sort = post("/api/algoritme/nld").contentType("application/json").content("{\"sort_option\":\"x\"}");
        assertThat(text(tooLarge)).contains("Verzoek te groot", "groter dan dit adres aanneemt (64 KB)");
        assertThat(text(crossSite)).contains("Verzoek van een andere site geweigerd", "pagina van een andere site");
        assertThat(text(form)).contains("Soort inhoud niet ondersteund", "stuur JSON");
        assertThat(text(surrogate)).contains("Ongeldige invoer", "surrogaatpaar");
        assertThat(text(sort)).contains("Onbekende sortering.", "Een van: relevance");
        assertThat(text(tooLarge.header("Accept-Language", "en"))).contains("larger than this endpoint takes (64 KB)");
        assertThat(text(crossSite.header("Accept-Language", "en"))).contains("Cross-site request refused", "another site");
        assertThat(text(form.header("Accept-Language", "en"))).contains("send JSON");
        assertThat(text(surrogate.header("Accept-Language", "en"))).contains("surrogate pair");
        assertThat(text(sort.header("Accept-Language", "en"))).contains("Unknown sort option.", "One of: relevance");
    }

    private String text(MockHttpServletRequestBuilder request) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getContentType()).startsWith("application/problem+json");
        return response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private void assertRefused(MockHttpServletRequestBuilder request, int status) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
        assertThat(response.getContentType()).startsWith("application/problem+json");
    }

    private CaseStage stage(AlgorithmCase c) {
        return cases.find(staff("owner-zoetermeer"), c.getId()).orElseThrow().getStage();
    }
}
