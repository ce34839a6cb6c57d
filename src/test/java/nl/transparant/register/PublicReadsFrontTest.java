package nl.transparant.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.transparant.site.PageTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The prepared public reads answered in front of the web stack ({@link PublicReadsFront}) send exactly what the
 * controllers send for the same entry: the same status, bytes and headers (the security headers included), the same
 * 304s, and they leave every address they do not serve to the application.
 */
class PublicReadsFrontTest extends PageTestSupport {

    @Autowired
    MeterRegistry meters;

    @Test
    void theFrontSendsTheControllersAnswerByteForByteWithTheSameHeaders() throws Exception {
        PublishedEntry entry = published("owner-zoetermeer", "publisher-zoetermeer", complete(unique("Voorkant")));
        String lars = entry.getLars();

        // the front answers only the exact upper-case language and plain addresses; the other spellings reach the controllers
        assertSame(get("/api/algoritme/NLD/" + lars), get("/api/algoritme/nld/" + lars));
        assertSame(get("/api/algoritme/ENG/" + lars), get("/api/algoritme/eng/" + lars));
        assertSame(get("/api/public/algorithms/" + lars), get("/api/public/algorithms/" + lars).queryParam("via", "mvc"));
        assertSame(get("/api/public/algorithms/" + lars + "/versions/1"),
                get("/api/public/algorithms/" + lars + "/versions/1").queryParam("via", "mvc"));
        assertSame(head("/api/algoritme/NLD/" + lars), head("/api/algoritme/nld/" + lars));
        // over HTTPS both add Strict-Transport-Security
        assertSame(get("/api/algoritme/NLD/" + lars).secure(true), get("/api/algoritme/nld/" + lars).secure(true));
        assertThat(mvc.perform(get("/api/algoritme/NLD/" + lars).secure(true)).andReturn().getResponse()
                .getHeader("Strict-Transport-Security")).startsWith("max-age=");
    }

    @Test
    void aMatchingIfNoneMatchIsNotModifiedOnBothPaths() throws Exception {
        PublishedEntry entry = published("owner-zoetermeer", "publisher-zoetermeer", complete(unique("Voorkant ETag")));
        String front = "/api/algoritme/NLD/" + entry.getLars();
        String etag = mvc.perform(get(front)).andReturn().getResponse().getHeader("ETag");

        for (String ifNoneMatch : new String[] {etag, "W/" + etag, "\"other\", " + etag, "*"}) {
            MockHttpServletResponse answer = assertSame(get(front).header("If-None-Match", ifNoneMatch),
                    get("/api/algoritme/nld/" + entry.getLars()).header("If-None-Match", ifNoneMatch));
            assertThat(answer.getStatus()).as(ifNoneMatch).isEqualTo(304);
            assertThat(answer.getContentAsByteArray()).isEmpty();
        }
        assertThat(mvc.perform(get(front).header("If-None-Match", "\"" + entry.getLars() + "-v2\"")).andReturn().getResponse()
                .getStatus()).isEqualTo(200);
    }

    @Test
    void readsTheFrontDoesNotServeGoToTheApplicationUntouched() throws Exception {
        double before = frontReads();

        MockHttpServletResponse missing = mvc.perform(get("/api/algoritme/NLD/99999999").header("Accept-Language", "en"))
                .andReturn().getResponse();
        assertThat(missing.getStatus()).isEqualTo(404);
        assertThat(missing.getContentType()).startsWith("application/problem+json");
        assertThat(missing.getContentAsString()).contains("99999999");
        assertThat(mvc.perform(get("/api/algoritme/XYZ/12345678")).andReturn().getResponse().getStatus()).isEqualTo(400);
        assertThat(mvc.perform(get("/api/public/algorithms/12345678/versions/0")).andReturn().getResponse().getStatus())
                .isEqualTo(404);
        // an id the database's collation would match (a trailing space, a zero-width space) is not the entry
        PublishedEntry entry = published("owner-zoetermeer", "publisher-zoetermeer", complete(unique("Voorkant alias")));
        for (String alias : new String[] {entry.getLars() + " ", entry.getLars() + "\u200B"}) {
            assertThat(mvc.perform(get("/api/public/algorithms/{lars}", alias)).andReturn().getResponse().getStatus()).isEqualTo(404);
            assertThat(mvc.perform(get("/api/public/algorithms/{lars}/versions/1", alias)).andReturn().getResponse().getStatus())
                    .isEqualTo(404);
            assertThat(mvc.perform(get("/api/algoritme/nld/{lars}", alias)).andReturn().getResponse().getStatus()).isEqualTo(404);
        }
        // a version number is written one way: "01" or "+1" is no address of version 1 (each would be kept a year)
        for (String version : new String[] {"01", "+1", "1.0"}) {
            for (String path : new String[] {"/api/public/algorithms/" + entry.getLars() + "/versions/" + version,
                    "/register/" + entry.getLars() + "/versions/" + version, "/en/register/" + entry.getLars() + "/versions/" + version}) {
                MockHttpServletResponse response = mvc.perform(get(path)).andReturn().getResponse();
                assertThat(response.getStatus()).as(path).isEqualTo(404);
                assertThat(response.getHeader("Cache-Control")).as(path).doesNotContain("max-age=31536000");
            }
        }
        // a read with a body is left to the body limits
        MockHttpServletResponse withBody = mvc.perform(get("/api/public/algorithms/" + entry.getLars())
                .contentType("application/json").content(new byte[100_000])).andReturn().getResponse();
        assertThat(withBody.getStatus()).isEqualTo(413);
        assertThat(frontReads()).as("no answer came from the front").isEqualTo(before);
    }

    @Test
    void theFrontAnswersAreCountedAndTheControllersAreNot() throws Exception {
        PublishedEntry entry = published("owner-zoetermeer", "publisher-zoetermeer", complete(unique("Voorkant geteld")));
        double before = frontReads();

        mvc.perform(get("/api/algoritme/NLD/" + entry.getLars()));
        mvc.perform(get("/api/public/algorithms/" + entry.getLars() + "/versions/1"));
        mvc.perform(get("/api/algoritme/nld/" + entry.getLars()));

        assertThat(frontReads() - before).isEqualTo(2);
    }

    @Test
    void aSearchByTheFrontIsTheControllersSearchByteForByteAndEveryOtherSearchIsTheControllers() throws Exception {
        String marker = AlgoritmeApiTest.marker();
        published("owner-zoetermeer", "publisher-zoetermeer", complete(unique("Zoekvoorkant " + marker)));
        published("owner-capelle", "publisher-capelle", complete(unique("Zoekvoorkant " + marker)));

        for (String question : new String[] {"{\"searchtext\":\"" + marker + "\"}",
                "{\"searchtext\":\"" + marker + "\",\"organisation\":\"Gemeente Capelle aan den IJssel\",\"limit\":1}",
                "{\"searchtext\":\"" + marker + "\",\"sort_option\":\"name_desc\",\"page\":2,\"limit\":1}"}) {
            for (String lang : new String[] {"NLD", "ENG"}) {
                MockHttpServletResponse byFront = assertSame(search("/api/algoritme/" + lang, question),
                        search("/api/algoritme/" + lang.toLowerCase(java.util.Locale.ROOT), question));
                assertThat(byFront.getStatus()).isEqualTo(200);
                assertThat(AlgoritmeApiTest.JSON.readTree(byFront.getContentAsByteArray()).get("total_count").asInt()).isPositive();
            }
        }
        assertThat(search("/api/algoritme/NLD", "{\"searchtext\":\"" + marker + "\"}").secure(true)).isNotNull();
        assertSame(search("/api/algoritme/NLD", "{\"searchtext\":\"" + marker + "\"}").secure(true),
                search("/api/algoritme/nld", "{\"searchtext\":\"" + marker + "\"}").secure(true));

        double before = frontReads();
        // what the front leaves to the application, which answers as it always did
        assertThat(status(search("/api/algoritme/NLD", "{\"sort_option\":\"random\"}").header("Accept-Language", "en")))
                .isEqualTo(400);
        assertThat(mvc.perform(search("/api/algoritme/NLD", "{\"sort_option\":\"random\"}").header("Accept-Language", "en"))
                .andReturn().getResponse().getContentAsString()).contains("sort_option");
        assertThat(status(search("/api/algoritme/NLD", "{\"limit\":1000}"))).isEqualTo(400);
        assertThat(status(search("/api/algoritme/NLD", "{\"unknown\":true}"))).isEqualTo(400);
        assertThat(status(search("/api/algoritme/NLD", "{\"searchtext\":"))).isEqualTo(400);
        assertThat(status(search("/api/algoritme/NLD", "{\"searchtext\":\"\\ud800\"}"))).isEqualTo(400);
        assertThat(status(search("/api/algoritme/NLD", "{\"searchtext\":\"\\u0063offee " + marker + "\"}"))).isEqualTo(200);
        assertThat(status(search("/api/algoritme/NLD", "{\"searchtext\":\"" + marker + "\"" + " ".repeat(5000) + "}")))
                .isEqualTo(200);
        assertThat(status(search("/api/algoritme/NLD", "{" + " ".repeat(70_000) + "}"))).isEqualTo(413);
        assertThat(status(search("/api/algoritme/NLD", "{}").contentType("text/plain"))).isEqualTo(415);
        assertThat(status(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/algoritme/NLD"))).isEqualTo(200);
        assertThat(status(search("/api/algoritme/XYZ", "{}"))).isEqualTo(400);
        assertThat(frontReads()).as("none of these came from the front").isEqualTo(before);
    }

    private static MockHttpServletRequestBuilder search(String path, String body) {
        return org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path)
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON).content(body);
    }

    private int status(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }

    private double frontReads() {
        return meters.find("transparant.register.front.answers").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /** Both answers alike in status, body and every header but the date; returns the front's. */
    private MockHttpServletResponse assertSame(MockHttpServletRequestBuilder front, MockHttpServletRequestBuilder application)
            throws Exception {
        double before = frontReads();
        MockHttpServletResponse byFront = mvc.perform(front).andReturn().getResponse();
        assertThat(frontReads()).as("the front answered").isEqualTo(before + 1);
        MockHttpServletResponse byApplication = mvc.perform(application).andReturn().getResponse();
        assertThat(frontReads()).as("the application answered").isEqualTo(before + 1);

        assertThat(byFront.getStatus()).isEqualTo(byApplication.getStatus());
        if (byFront.getContentLength() > 0 && byFront.getContentAsByteArray().length == 0) {
            // a HEAD: MockMvc keeps the body Spring MVC writes, which the servlet container would drop
            assertThat(byApplication.getContentAsByteArray()).hasSize(byFront.getContentLength());
        } else {
            assertThat(byFront.getContentAsByteArray()).isEqualTo(byApplication.getContentAsByteArray());
        }
        assertThat(headers(byFront)).isEqualTo(headers(byApplication));
        return byFront;
    }

    private static Map<String, Object> headers(MockHttpServletResponse response) {
        Map<String, Object> headers = new LinkedHashMap<>();
        response.getHeaderNames().stream().filter(name -> !name.equalsIgnoreCase("Date")).sorted(String.CASE_INSENSITIVE_ORDER)
                .forEach(name -> headers.put(name.toLowerCase(java.util.Locale.ROOT), response.getHeaderValues(name)));
        headers.put("content-length", response.getContentLength());
        headers.put("content-type", response.getContentType());
        return headers;
    }
}
