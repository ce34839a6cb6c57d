package nl.transparant.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every staff and public page × every kind of caller, with the demo accounts of the embedded set-up.
 * The expected table is written out; every cell that answers otherwise is listed in one failure.
 */
class PageAuthorizationMatrixTest extends PageTestSupport {

    static final List<String> CALLERS = List.of("anonymous", "owner-zoetermeer", "owner-nissewaard", "privacy-zoetermeer",
            "ethics-regional", "publisher-zoetermeer", "auditor-regional", "admin");

    /** 302L means a redirect to the login page, 302 a redirect after a successful post. */
    static final Map<String, int[]> EXPECTED = new LinkedHashMap<>();

    static {
        //                                                       anon ownA ownB priv ethi publ audi admin
        EXPECTED.put("GET /register",                      new int[] {200, 200, 200, 200, 200, 200, 200, 200});
        EXPECTED.put("GET /register/{lars}",               new int[] {200, 200, 200, 200, 200, 200, 200, 200});
        EXPECTED.put("GET /staff",                         new int[] {302, 200, 200, 200, 200, 200, 200, 200});
        EXPECTED.put("GET /staff/cases/new",               new int[] {302, 200, 200, 403, 403, 403, 403, 403});
        EXPECTED.put("POST /staff/cases/new",              new int[] {302, 302, 302, 403, 403, 403, 403, 403});
        EXPECTED.put("GET /staff/cases/{caseA}",           new int[] {302, 200, 404, 200, 200, 200, 200, 200});
        EXPECTED.put("GET /staff/cases/{draftA}/edit",     new int[] {302, 200, 404, 403, 403, 403, 403, 403});
        EXPECTED.put("POST /staff/cases/{draftA}/edit",    new int[] {302, 302, 404, 403, 403, 403, 403, 403});
        EXPECTED.put("POST /staff/cases/{draftA}/submit",  new int[] {302, 302, 404, 403, 403, 403, 403, 403});
        // the English texts: the same people as PUT /api/cases/{id}/english (AuthorizationMatrixIT), 409 once under review
        EXPECTED.put("GET /staff/cases/{draftA}/english",  new int[] {302, 200, 404, 403, 403, 403, 403, 403});
        EXPECTED.put("POST /staff/cases/{draftA}/english", new int[] {302, 302, 404, 403, 403, 403, 403, 403});
        EXPECTED.put("GET /staff/cases/{releaseA}/english", new int[] {302, 409, 404, 403, 403, 403, 403, 403});
        EXPECTED.put("POST /staff/cases/{releaseA}/tasks/{releaseTaskA}", new int[] {302, 403, 404, 403, 403, 302, 403, 403});
        EXPECTED.put("POST /staff/cases/{consultingA}/supervisor-advice", new int[] {302, 403, 404, 302, 403, 403, 403, 403});
        EXPECTED.put("GET /staff/audit",                   new int[] {302, 403, 403, 403, 403, 403, 200, 403});
        EXPECTED.put("GET /staff/audit/export",            new int[] {302, 403, 403, 403, 403, 403, 200, 403});
        EXPECTED.put("GET /staff/audit/cases/{caseA}",     new int[] {302, 403, 403, 403, 403, 403, 200, 403});
        EXPECTED.put("GET /staff/audit/cases/{caseA}/export", new int[] {302, 403, 403, 403, 403, 403, 200, 403});
        EXPECTED.put("POST /staff/audit",                  new int[] {302, 405, 405, 405, 405, 405, 405, 405});
        EXPECTED.put("POST /staff/audit/cases/{caseA}",    new int[] {302, 405, 405, 405, 405, 405, 405, 405});
        EXPECTED.put("GET /staff/cases/{reportA}/reports/pre-scan",     new int[] {302, 200, 404, 200, 200, 200, 200, 200});
        EXPECTED.put("GET /staff/cases/{reportA}/reports/pre-scan/pdf", new int[] {302, 200, 404, 200, 200, 200, 200, 200});
        EXPECTED.put("GET /staff/cases/{reportA}/reports/dpia",         new int[] {302, 404, 404, 404, 404, 404, 404, 404});
        EXPECTED.put("GET /staff/cases/{caseA}/reports/pre-scan/pdf",   new int[] {302, 404, 404, 404, 404, 404, 404, 404});
        EXPECTED.put("POST /staff/cases/{reportA}/reports/pre-scan",    new int[] {302, 405, 405, 405, 405, 405, 405, 405});
        EXPECTED.put("POST /staff/cases/{publishedA}/change",     new int[] {302, 302, 404, 403, 403, 403, 403, 403});
        EXPECTED.put("POST /staff/cases/{publishedA}/retirement", new int[] {302, 302, 404, 403, 403, 403, 403, 403});
        EXPECTED.put("GET /staff/register/import",         new int[] {302, 403, 403, 403, 403, 200, 403, 200});
        // a JSON dump of one new entry of Zoetermeer (200: the report page); everyone else is refused
        EXPECTED.put("POST /staff/register/import",        new int[] {302, 403, 403, 403, 403, 200, 403, 200});
        // the connector's outbox; the connector is off in these tests, so a retraction is a 409 for those who may ask
        EXPECTED.put("GET /staff/register/deliveries",     new int[] {302, 403, 403, 403, 403, 200, 403, 200});
        EXPECTED.put("POST /staff/register/deliveries/999999999/retry", new int[] {302, 403, 403, 403, 403, 404, 403, 404});
        EXPECTED.put("POST /staff/register/deliveries/retract/{lars}", new int[] {302, 403, 403, 403, 403, 409, 403, 409});
    }

    @Test
    void everyPageAnswersEveryCallerAsTheTableSays() throws Exception {
        String lars = published("owner-zoetermeer", "publisher-zoetermeer", complete(unique("Pagina-matrix gepubliceerd"))).getLars();
        List<String> unexpected = new ArrayList<>();
        for (var row : EXPECTED.entrySet()) {
            for (int i = 0; i < CALLERS.size(); i++) {
                String caller = CALLERS.get(i);
                Page page = page(request(row.getKey(), caller, lars));
                int expected = row.getValue()[i];
                boolean loginRedirect = page.status() == 302 && page.redirectedTo() != null && page.redirectedTo().endsWith("/login");
                boolean asExpected = page.status() == expected
                        && ("anonymous".equals(caller) && expected == 302 ? loginRedirect : !loginRedirect);
                if (!asExpected) {
                    unexpected.add(row.getKey() + " as " + caller + ": expected " + expected + ", got " + page.status()
                            + " → " + page.redirectedTo());
                }
            }
        }
        assertThat(unexpected).isEmpty();
    }

    private MockHttpServletRequestBuilder request(String endpoint, String caller, String lars) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = endpoint.substring(endpoint.indexOf(' ') + 1);
        Map<String, Supplier<String>> fixtures = new LinkedHashMap<>();
        String[] release = new String[2];
        fixtures.put("{lars}", () -> lars);
        fixtures.put("{caseA}", () -> draft("owner-zoetermeer", complete(unique("Pagina-matrix zaak"))).getId());
        fixtures.put("{draftA}", () -> draft("owner-zoetermeer", complete(unique("Pagina-matrix concept"))).getId());
        fixtures.put("{releaseA}", () -> {
            release[0] = awaitingRelease("owner-zoetermeer", complete(unique("Pagina-matrix release"))).getId();
            release[1] = task("publisher-zoetermeer", release[0], "releasePublication").id();
            return release[0];
        });
        fixtures.put("{releaseTaskA}", () -> release[1]);
        fixtures.put("{consultingA}", () -> waitingForSupervisor("owner-zoetermeer", "privacy-zoetermeer").getId());
        fixtures.put("{reportA}", () -> awaitingRelease("owner-zoetermeer", complete(unique("Pagina-matrix rapport"))).getId());
        fixtures.put("{publishedA}", () -> published("owner-zoetermeer", "publisher-zoetermeer",
                complete(unique("Pagina-matrix levend"))).getCaseId());
        for (var fixture : fixtures.entrySet()) {
            if (path.contains(fixture.getKey())) {
                path = path.replace(fixture.getKey(), fixture.getValue().get());
            }
        }
        MockHttpServletRequestBuilder request = "GET".equals(method) ? get(path)
                : path.equals("/staff/register/import") ? importUpload(path).with(csrf())
                : post(path).with(csrf());
        if (path.endsWith("/english") && "POST".equals(method)) {
            request.param("version", "0").param("name", unique("English via the matrix")).param("goal", "<p>Goal.</p>");
        } else if (path.endsWith("/edit") && "POST".equals(method)) {
            request.param("version", "0").param("name", unique("Gewijzigd")).param("description_short", "x");
        } else if (path.endsWith("/cases/new") && "POST".equals(method)) {
            request.param("name", unique("Nieuw via pagina-matrix"));
        } else if (path.endsWith("/supervisor-advice")) {
            request.param("advice", "Advies van de AP via de matrix.");
        } else if (path.endsWith("/retirement")) {
            request.param("endDate", java.time.YearMonth.now().toString()).param("reason", "Buiten gebruik via de matrix.");
        } else if (path.contains("/tasks/")) {
            request.param("outcome", "approve").param("rationale", "Akkoord via de matrix.");
        }
        return "anonymous".equals(caller) ? request : request.with(authentication(as(caller)));
    }

    /** A new entry of Zoetermeer in the national dump shape, each time with a register id of its own. */
    private static MockHttpServletRequestBuilder importUpload(String path) {
        String lars = String.format("7%07d", java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000_000));
        String dump = "{\"algoritme_versions\": [{\"lars\": \"" + lars + "\", \"name\": \"" + unique("Matrix-import")
                + "\", \"organization\": \"Gemeente Zoetermeer\", \"description_short\": \"Ge\u00efmporteerd via de matrix.\","
                + " \"status\": \"In gebruik\", \"contact_email\": \"algoritmes@example.org\","
                + " \"publication_category\": \"Overige algoritmes\", \"lang\": \"nld\", \"standard_version\": \"1.0\","
                + " \"publication_dt\": \"2024-05-17\"}], \"organisation_details\": []}";
        return multipart(path)
                .file(new MockMultipartFile("file", "dump.json", "application/json", dump.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .param("organisation", "zoetermeer").param("format", "json");
    }
}
