package nl.transparant.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import nl.transparant.support.FullStackTest;
import nl.transparant.support.KeycloakTestServer;
import org.junit.jupiter.api.Test;

/**
 * What production answers leave out and put in, checked on the real server (Tomcat, MariaDB, Keycloak): no stack
 * trace, exception name or server version on any error path, from our handlers down to Tomcat's own error report
 * and the engine's REST API; HSTS once a TLS proxy says the request came over https. (The Secure session cookie is
 * checked in FaultsIT, which runs without the tests' plain-http exception.)
 */
class ResponseHardeningIT extends FullStackTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> INTERNALS = List.of("tomcat", "apache", "exception", "\tat ", "at org.", "at java.",
            "at nl.transparant", "springframework", "hibernate", "camunda.bpm", "whitelabel", "stacktrace", "trace\"");

    @Test
    void errorPathsShowNoInternals() throws Exception {
        assertClean(page("/does-not-exist"), 404); // an address nothing serves is a 404 page for everyone, signed in or not
        assertClean(page("/register/does-not-exist"), 404);
        assertClean(page("/register/does-not-exist/versions/not-a-number"), 404);
        assertClean(page("/error"), 404);
        assertClean(send("DELETE", "/register", "text/html", null), -1);
        assertClean(send("GET", "/api/cases/does-not-exist", "application/json", "owner-zoetermeer"), 404);
        assertClean(send("POST", "/api/cases", "application/json", "owner-zoetermeer", "{not json"), 400);
        assertClean(send("POST", "/api/cases", "application/json", "owner-zoetermeer", "{\"fields\": 12}"), 400);
        assertClean(send("PATCH", "/api/cases", "application/json", "owner-zoetermeer"), -1);
        assertClean(send("GET", "/api/nothing-here", "application/json", "owner-zoetermeer"), 403);
        assertClean(send("GET", "/api/cases", "application/json", null), 401);
        assertClean(send("GET", "/actuator/prometheus", "text/plain", null), 401);
        assertClean(send("GET", "/actuator/env", "application/json", "admin"), 403);
        // the engine's REST API (administrators only): its errors are problem+json too (EngineErrors), with the engine's
        // message under "reason"; a stack trace or the server's internals they must not carry either
        for (HttpResponse<String> engine : List.of(send("GET", "/engine-rest/task/no-such-task", "application/json", "admin"),
                send("POST", "/engine-rest/process-definition/key/none/start", "application/json", "admin", "{"))) {
            assertThat(engine.statusCode()).as(engine.body()).isBetween(400, 499);
            assertThat(engine.body()).doesNotContain("\tat ").doesNotContain("at org.").doesNotContain("at java.")
                    .doesNotContain("Source:").doesNotContain("Tomcat");
        }
    }

    @Test
    void tomcatsOwnErrorReportNamesNoVersion() throws Exception {
        // a request Tomcat refuses before any servlet sees it: its ErrorReportValve answers
        String raw = rawRequest("GET /%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 400");
        assertNoInternals(raw);
        String invalid = rawRequest("GET /register HTTP/1.1\r\nHost: localhost\r\nBad Header Without Colon\r\nConnection: close\r\n\r\n");
        assertThat(invalid).startsWith("HTTP/1.1 400");
        assertNoInternals(invalid);
    }

    @Test
    void noResponseAnnouncesTheServer() throws Exception {
        for (HttpResponse<String> response : List.of(page("/register"), page("/does-not-exist"),
                send("GET", "/api/cases", "application/json", null), send("GET", "/actuator/health", "application/json", null))) {
            assertThat(response.headers().firstValue("Server")).as(response.uri().toString()).isEmpty();
            assertThat(response.headers().firstValue("X-Powered-By")).isEmpty();
        }
        assertThat(send("GET", "/actuator/health", "application/json", null).body()).isEqualTo("{\"status\":\"UP\",\"groups\":[\"liveness\",\"readiness\"]}");
    }

    @Test
    void prometheusReadsTheMetricsWithAnAdministratorsToken() throws Exception {
        assertThat(send("GET", "/actuator/prometheus", "text/plain", "owner-zoetermeer").statusCode()).isEqualTo(403);
        assertThat(send("GET", "/actuator/prometheus", "text/plain", "auditor-regional").statusCode()).isEqualTo(403);
        HttpResponse<String> metrics = send("GET", "/actuator/prometheus", "text/plain", "admin");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("transparant_cases{").contains("transparant_tasks_open{")
                .contains("transparant_jobs_executable").contains("transparant_register_versions");
    }

    @Test
    void strictTransportSecurityOnlyOverHttpsAsTheProxySaysIt() throws Exception {
        HttpResponse<String> plain = page("/register");
        assertThat(plain.headers().firstValue("Strict-Transport-Security")).isEmpty();
        HttpResponse<String> behindTls = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/register"))
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-For", "203.0.113.9").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(behindTls.statusCode()).isEqualTo(200);
        assertThat(behindTls.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
                hsts -> assertThat(hsts).contains("max-age=31536000").contains("includeSubDomains"));
    }

    private HttpResponse<String> page(String path) throws Exception {
        return send("GET", path, "text/html", null);
    }

    private HttpResponse<String> send(String method, String path, String accept, String user) throws Exception {
        return send(method, path, accept, user, null);
    }

    private HttpResponse<String> send(String method, String path, String accept, String user, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Accept", accept)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", "Bearer " + KeycloakTestServer.get().accessToken(user));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertClean(HttpResponse<String> response, int expectedStatus) {
        if (expectedStatus > 0) {
            assertThat(response.statusCode()).as("%s %s: %s", response.request().method(), response.uri(), response.body())
                    .isEqualTo(expectedStatus);
        }
        assertThat(response.statusCode()).as("%s %s", response.request().method(), response.uri()).isLessThan(500);
        assertNoInternals(response.body());
    }

    private static void assertNoInternals(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String internal : INTERNALS) {
            assertThat(lower).as("response mentions '%s':%n%s", internal, text).doesNotContain(internal);
        }
    }

    private String rawRequest(String request) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            return response.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
