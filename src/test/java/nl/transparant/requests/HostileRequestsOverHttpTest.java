package nl.transparant.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import nl.transparant.problems.ProblemTexts;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The same hostile requests over a real connection to Tomcat, where the application's own code meets them as sent: a
 * Content-Type that is a range (the mock request of the other tests takes it differently) and a chunked body that
 * announces no length.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:hostile;MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
        "transparant.demo-data=false"})
class HostileRequestsOverHttpTest {

    private static final String OWNER = "Basic " + Base64.getEncoder().encodeToString("owner-zoetermeer:demo".getBytes(StandardCharsets.UTF_8));

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anUnsupportedMediaTypeIsA415NeverA500() throws Exception {
        for (String path : List.of("/api/algoritme/NLD", "/api/cases", "/api/tasks/onbekend/complete")) {
            for (String type : List.of("application/*", "*/*", "*", "nonsense", "application/json; charset=bestaat-niet",
                    "application/json; charset=\"", "application/xml")) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", OWNER).header("Content-Type", type)
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as("%s as %s: %s", path, type, response.body()).isEqualTo(415);
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                        t -> assertThat(t).startsWith("application/problem+json"));
            }
        }
    }

    /**
     * A JSON body sent as text/plain (what a form on another site can make a browser send, with the credentials it keeps)
     * or declared as anything else that is not JSON, or not declared at all, is a 415 problem+json that says to send JSON,
     * over a real connection with HTTP Basic, on every endpoint that reads JSON: the staff API and the engine's REST API
     * alike (the engine's own 415 was titled "invalid input" and said a value was wrong). The imports, whose body is a
     * file, still take a CSV file as text/csv.
     */
    @Test
    void everyEndpointThatReadsJsonTakesOnlyABodyDeclaredAsJson() throws Exception {
        String admin = "Basic " + Base64.getEncoder().encodeToString("admin:demo".getBytes(StandardCharsets.UTF_8));
        record Call(String method, String path, String credentials) {
        }
        List<Call> calls = List.of(new Call("POST", "/api/cases", OWNER), new Call("PUT", "/api/cases/onbekend", OWNER),
                new Call("PUT", "/api/cases/onbekend/english", OWNER), new Call("POST", "/api/cases/onbekend/retirement", OWNER),
                new Call("PUT", "/api/cases/onbekend/re-review", OWNER), new Call("POST", "/api/cases/onbekend/supervisor-advice", OWNER),
                new Call("POST", "/api/tasks/onbekend/complete", OWNER), new Call("PUT", "/api/tasks/onbekend/draft", OWNER),
                new Call("POST", "/api/tasks/onbekend/preview", OWNER), new Call("POST", "/api/admin/cases/onbekend/emergency", admin),
                new Call("POST", "/api/admin/organisations", admin), new Call("PUT", "/api/admin/organisations/onbekend", admin),
                new Call("POST", "/engine-rest/task", admin), new Call("POST", "/engine-rest/task/count", admin));
        java.util.Arrays.asList("text/plain", "text/plain; charset=UTF-8", "text/csv", "application/octet-stream", "text/html", null)
                .forEach(type -> calls.forEach(call -> {
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + call.path()))
                            .header("Authorization", call.credentials())
                            .method(call.method(), HttpRequest.BodyPublishers.ofString("{\"name\":\"Zonder soort\"}"));
                    if (type != null) {
                        request.header("Content-Type", type);
                    }
                    HttpResponse<String> response = send(request.build());
                    assertThat(response.statusCode()).as("%s %s as %s: %s", call.method(), call.path(), type, response.body()).isEqualTo(415);
                    assertThat(response.headers().firstValue("Content-Type")).as("%s as %s", call.path(), type)
                            .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
                    assertThat(response.body()).as("%s as %s", call.path(), type)
                            .contains("\"title\":\"Soort inhoud niet ondersteund\"").contains("stuur JSON");
                }));

        HttpResponse<String> organisations = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/admin/organisations/import"))
                .header("Authorization", admin).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("national_id,name,type,parent\n")).build());
        assertThat(organisations.statusCode()).as(organisations.body()).isNotEqualTo(415).isLessThan(500);
        HttpResponse<String> entries = send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/register/import?organisation=zoetermeer&format=csv"))
                .header("Authorization", admin).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("lars,name\n")).build());
        assertThat(entries.statusCode()).as(entries.body()).isNotEqualTo(415).isLessThan(500);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The public APIs are open data "meant to be called from anywhere", yet a script on another site could not read an
     * answer: no CORS header (outside tester). Every answer there says so now, the prepared answers in front of the web
     * stack included; the staff API says nothing of the kind.
     */
    @Test
    void thePublicApisAreReadableByScriptsOnOtherSitesAndTheStaffApiIsNot() throws Exception {
        String elsewhere = "https://elders.example";
        for (HttpRequest.Builder request : List.of(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/public/algorithms")).GET(),
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/algoritme/NLD/12345678")).GET(),
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/algoritme/NLD")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"searchtext\":\"bijstand\",\"limit\":1}")))) {
            HttpResponse<String> answer = http.send(request.header("Origin", elsewhere).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).as(answer.uri().toString()).contains("*");
            assertThat(answer.headers().firstValue("Access-Control-Allow-Credentials")).as(answer.uri().toString()).isEmpty();
        }
        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/algoritme/NLD"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", elsewhere)
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).contains("GET, HEAD, POST");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("")).contains("Content-Type");
        HttpResponse<String> deleting = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/public/algorithms"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", elsewhere)
                .header("Access-Control-Request-Method", "DELETE").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deleting.headers().firstValue("Access-Control-Allow-Methods")).as("no permission to delete").isEmpty();

        HttpResponse<String> staff = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/cases"))
                .header("Authorization", OWNER).header("Origin", elsewhere).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(staff.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void aChunkedBodyAboveTheLimitIsA413() throws Exception {
        byte[] body = ("{\"answers\": {\"a\": \"" + "x".repeat((int) BodySizeLimits.DEFAULT_BYTES) + "\"}}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tasks/onbekend/preview"))
                .header("Authorization", OWNER).header("Content-Type", "application/json")
                // a stream of unknown length goes out chunked
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.body()).contains("1 MB");
    }

    /**
     * A staff form above its limit (a 3 MB "save for later" of a task's answers) was a 403 "no access to this page": the
     * server dropped the fields unread, the CSRF token with them (outside test, 2026-12-06). Now a 413 saying so, in
     * Dutch, before the form is read or anyone is asked to sign in.
     */
    @Test
    void aStaffFormAboveItsLimitIsA413NotALostCsrfToken() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/staff/cases/onbekend/tasks/onbekend"))
                .header("Authorization", OWNER).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("action=draft&prescan%5B1.1%5D=" + "x".repeat(3 * 1024 * 1024))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.body()).contains("2 MB");

        // the same form from a browser: the error page, which says to go back to the form (where the browser kept what
        // was typed), not a problem+json document shown as text (outside tester)
        // (the length announced, the body not sent: it is refused before it is read, and the answer comes at once). In the
        // pages' language, not the browser's: Dutch unless the person chose English (outside tester)
        String dutch = tooLargeForm("Accept-Language: en-US,en;q=0.9\r\n");
        assertThat(dutch).startsWith("HTTP/1.1 413");
        assertThat(dutch).containsIgnoringCase("Content-Type: text/html").contains("Te groot om te versturen", "terugknop", "lang=\"nl\"");
        assertThat(tooLargeForm("Cookie: transparant-lang=en\r\nAccept-Language: nl\r\n")).contains("Too large to send", "lang=\"en\"");
    }

    /**
     * The engine's REST API read {"userId":"a","userId":"b"} as "b" and assigned the task (outside tester): its own mapper
     * takes the last of a name given twice. Refused before the engine sees it, naming the name (Cockpit's copy of the API
     * likewise, behind its own sign-in); a body with each name once still works.
     */
    @Test
    void theEnginesRestApiRefusesANameGivenTwice() throws Exception {
        String admin = "Basic " + Base64.getEncoder().encodeToString("admin:demo".getBytes(StandardCharsets.UTF_8));
        for (String path : List.of("/engine-rest/task/count", "/engine-rest/task")) {
            HttpResponse<String> twice = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", admin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"active\":true,\"sorting\":[{\"sortBy\":\"x\",\"sortBy\":\"y\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(twice.statusCode()).as(path + ": " + twice.body()).isEqualTo(400);
            assertThat(twice.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(twice.body()).contains("Het veld sortBy staat twee keer");
        }
        HttpResponse<String> once = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/engine-rest/task/count"))
                .header("Authorization", admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"active\":true}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(once.statusCode()).as(once.body()).isEqualTo(200);
        assertThat(once.body()).contains("\"count\"");
        // who may not call the engine is told so first; the body is not read for them (second outside test)
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/engine-rest/task/count"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"a\":1,\"a\":2}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        // a body Jackson's limits refuse (nested too deeply, a number too long) is the engine's 400, as before, not a 500
        for (String body : List.of("[".repeat(1_500) + "]".repeat(1_500), "{\"maxResults\":" + "9".repeat(1_500) + "}")) {
            HttpResponse<String> limits = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/engine-rest/task"))
                    .header("Authorization", admin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(limits.statusCode()).as(limits.body()).isEqualTo(400);
        }
    }

    /**
     * Refusals on the public English addresses are in English whatever the browser's language (outside tester: a wrong
     * method, a forged content type, a path with ';' or '//' came in Dutch).
     */
    @Test
    void refusalsOnTheEnglishAddressesAreInEnglish() throws Exception {
        record Sent(String method, String path, String contentType, int status) {
        }
        for (Sent sent : List.of(new Sent("DELETE", "/en/register/1234567", null, 403), new Sent("PUT", "/en/register/1234567/melden", null, 403),
                new Sent("TRACE", "/en/register/1234567/melden", null, 400), new Sent("GET", "/en/register/1234567;x=y", null, 400),
                new Sent("GET", "/en/register//1234567", null, 400), new Sent("POST", "/en/register/1234567/melden", "garbage/x", 403))) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + sent.path()))
                    .header("Accept-Language", "nl-NL,nl;q=0.9").header("Accept", "application/json")
                    .method(sent.method(), sent.contentType() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("x"));
            if (sent.contentType() != null) {
                request.header("Content-Type", sent.contentType());
            }
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("%s %s: %s", sent.method(), sent.path(), answer.body()).isEqualTo(sent.status());
            assertThat(ProblemTexts.languageOf(answer.body())).as("%s %s: %s", sent.method(), sent.path(), answer.body()).isEqualTo("en");
        }
    }

    /**
     * Bodies without a declared length outside the staff API (second outside test, 2026-12-06): a chunked form on a page
     * was read whatever its size (a 10 MB file saved with a case's texts) or lost its CSRF token (403); a chunked JSON body
     * over the limit made the engine's REST API answer 500 with a long stack in the log.
     */
    @Test
    void aBodyWithoutItsLengthIsRefusedOrCountedOnEveryPathNeverAFormReadWhole() throws Exception {
        String admin = "Basic " + Base64.getEncoder().encodeToString("admin:demo".getBytes(StandardCharsets.UTF_8));
        byte[] form = ("action=draft&prescan%5B0.2%5D=" + "x".repeat(3 * 1024 * 1024)).getBytes(StandardCharsets.UTF_8);
        for (String type : List.of("application/x-www-form-urlencoded", "multipart/form-data; boundary=grens")) {
            HttpResponse<String> chunkedForm = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/staff/cases/onbekend/edit")).header("Authorization", OWNER).header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(form))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(chunkedForm.statusCode()).as("%s: %s", type, chunkedForm.body()).isEqualTo(411);
            assertThat(chunkedForm.body()).contains("Content-Length");
        }
        HttpResponse<String> chunkedLogin = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(form))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunkedLogin.statusCode()).as(chunkedLogin.body()).isEqualTo(411);
        // the public report form in English by its address is refused in English, whatever the browser's language
        // (outside tester: it followed Accept-Language); the Dutch address in Dutch by default
        for (String address : List.of("/en/register/1234567/melden", "/register/1234567/melden")) {
            HttpResponse<String> chunkedReport = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + address))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Accept-Language", "nl-NL,nl;q=0.9")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(form))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(chunkedReport.statusCode()).as(chunkedReport.body()).isEqualTo(411);
            assertThat(chunkedReport.body()).contains(address.startsWith("/en/") ? "forms sent in chunks are not taken"
                    : "formulieren in delen (chunked) worden niet aangenomen");
        }

        byte[] largeJson = ("{\"businessKey\": \"" + "x".repeat((int) BodySizeLimits.DEFAULT_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> chunkedEngine = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/engine-rest/process-instance")).header("Authorization", admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(largeJson))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunkedEngine.statusCode()).as(chunkedEngine.body()).isEqualTo(413);
        // a small one is read here and handed on whole: the engine's query answers
        byte[] query = "{\"processDefinitionKey\": \"algorithm-review\"}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> smallChunked = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/engine-rest/process-instance/count")).header("Authorization", admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(query))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(smallChunked.statusCode()).as(smallChunked.body()).isEqualTo(200);
        assertThat(smallChunked.body()).contains("\"count\"");

        // the public's problem report form: a few lines of text, refused above 64 kB before it is read
        HttpResponse<String> report = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/register/12345678/melden"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("message=" + "x".repeat(3 * 1024 * 1024))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(report.statusCode()).as(report.body()).isEqualTo(413);
    }

    @Test
    void anAddressTheFirewallRefusesIsAProblemThatDoesNotEchoIt() throws Exception {
        for (String path : List.of("/api//cases", "/api/cases;x=y", "/api/cases/%25", "/api/cases/..;/x", "/engine-rest//task/x")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", OWNER).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(response.body()).as(path).contains("\"detail\"").doesNotContain("path").doesNotContain("timestamp")
                    .doesNotContain(path.substring(path.length() - 4));
        }
        // a method outside the usual ones cannot reach the error path: answered as a problem here (it was an empty 400)
        HttpResponse<String> oddMethod = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/cases"))
                .header("Authorization", OWNER).method("CHOSENMETHOD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(oddMethod.statusCode()).as(oddMethod.body()).isEqualTo(400);
        assertThat(oddMethod.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(oddMethod.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(oddMethod.body()).contains("\"detail\"");
        // a sign-in form too large to read is refused as too large, before anything looks for its CSRF token (a 403 once)
        HttpResponse<String> hugeForm = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=a&password=" + "x".repeat(3 * 1024 * 1024))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(hugeForm.statusCode()).as(hugeForm.body()).isEqualTo(413);
        assertThat(hugeForm.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        // a browser gets the error page, in Dutch
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api//cases"))
                .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("Dit verzoek kan niet gelezen worden");
    }

    @Test
    void aSearchBodyShorterThanItsContentLengthIsAnsweredByTheApplicationOnBothSpellings() throws Exception {
        // the front (register.PublicReadsFront) answers NLD, the controller nld: a short body is the application's to judge.
        // A body that ends before its Content-Length is refused even when its JSON looks whole: the rest never came
        // (the application reads on to the end since it refuses anything after the value, HostileRequestsTest)
        String question = "{\"searchtext\":\"bijstand\",\"limit\":1}";
        for (String lang : List.of("NLD", "nld")) {
            String whole = rawPost("/api/algoritme/" + lang, question, question.length());
            assertThat(whole).as(lang).startsWith("HTTP/1.1 200").contains("application/json");
            String shortOfItsLength = rawPost("/api/algoritme/" + lang, question, 45);
            assertThat(shortOfItsLength).as(lang).startsWith("HTTP/1.1 400").contains("application/problem+json").doesNotContain("<html");
            String cut = rawPost("/api/algoritme/" + lang, "{\"searchtext\":\"bijstand\",\"limit\":1", 45);
            assertThat(cut).as(lang).startsWith("HTTP/1.1 400").contains("application/problem+json").doesNotContain("<html");
        }
    }

    @Test
    void anAddressTomcatCannotDecodeIsProblemJsonInTheCallersLanguageWithTheUsualHeaders() throws Exception {
        for (String path : List.of("/api/algoritme/NLD/1%00", "/api/algoritme/NLD/1%2F2", "/register/1%5C2", "/api/cases/%FF")) {
            String dutch = raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertThat(dutch).as(path).startsWith("HTTP/1.1 400").contains("application/problem+json")
                    .contains("Dit verzoek kan niet gelezen worden").contains("X-Content-Type-Options: nosniff")
                    .contains("Content-Security-Policy: default-src 'self'").contains("no-store").doesNotContain("<html");
            String english = raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Language: en\r\nConnection: close\r\n\r\n");
            assertThat(english).as(path).startsWith("HTTP/1.1 400").contains("application/problem+json").doesNotContain("<html")
                    .doesNotContain("Dit verzoek");
        }
    }

    private String raw(String request) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A POST whose Content-Length promises more than is sent; the client then stops sending and reads the answer. */
    private String rawPost(String path, String body, int contentLength) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + contentLength + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The address asked for is repeated as a problem's {@code instance} only when it is a plain one: Spring filled in the
     * raw address of every problem, encoded characters and all (outside tester).
     */
    @Test
    void aProblemRepeatsOnlyAPlainAddress() throws Exception {
        for (String encoded : List.of("/api/tasks/%41bc/draft", "/api/tasks/%F0%9F%98%80/draft")) {
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + encoded))
                    .header("Authorization", OWNER).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(encoded).isEqualTo(404);
            assertThat(refused.body()).as(encoded).doesNotContain("\"instance\"").doesNotContain("%");
        }
        HttpResponse<String> plain = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tasks/abc/draft"))
                .header("Authorization", OWNER).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(404);
        assertThat(plain.body()).contains("\"instance\":\"/api/tasks/abc/draft\"");
    }

    /** The answer to a page's form of 33 MB (announced, not sent) from a browser, with these extra header lines. */
    private String tooLargeForm(String headers) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("POST /staff/cases/onbekend/obligations HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: " + OWNER + "\r\nAccept: text/html,application/xhtml+xml\r\n" + headers
                    + "Content-Type: multipart/form-data; boundary=grens\r\nContent-Length: " + (33L * 1024 * 1024) + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            // read up to the page's end: the server may still wait for the body it announced before it closes
            java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; !read.toString(StandardCharsets.UTF_8).contains("</html>") && (n = socket.getInputStream().read(buffer)) > 0; ) {
                read.write(buffer, 0, n);
            }
            return read.toString(StandardCharsets.UTF_8);
        }
    }
}
