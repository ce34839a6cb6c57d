package nl.transparant.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import nl.transparant.review.ReviewSpineFixtures;
import nl.transparant.support.Api;
import nl.transparant.support.Browser;
import nl.transparant.support.KeycloakTestServer;
import nl.transparant.support.MariaDbTestDatabase;
import nl.transparant.support.TcpProxy;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The production application with its database and Keycloak behind {@link TcpProxy proxies} that the test cuts:
 * while MariaDB is gone every request gets a quick 503 (problem+json on the API, a page in the visitor's language
 * for a browser) and the node recovers by itself when it is back; while Keycloak is gone the public register keeps
 * working and staff requests fail cleanly. The real MariaDB and the shared Keycloak keep running for other tests.
 * It runs with the production settings unchanged, so it also checks the session cookie.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"mariadb", "keycloak"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {

    /**
     * A request during an outage must be answered within this (the pool waits 3 s for a connection, then gives up):
     * the test's client gives up after it, so a request left hanging fails the test. No elapsed time is asserted.
     */
    private static final Duration QUICK = Duration.ofSeconds(10);
    private static final Duration RECOVERY = Duration.ofSeconds(60);

    private static final TcpProxy database = TcpProxy.to("127.0.0.1", databasePort());
    private static final TcpProxy keycloak = TcpProxy.to("127.0.0.1", URI.create(KeycloakTestServer.get().baseUrl()).getPort());
    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void throughProxies(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> MariaDbTestDatabase.jdbcUrl()
                .replaceFirst("//[^/]+/", "//127.0.0.1:" + database.port() + "/"));
        registry.add("spring.datasource.username", MariaDbTestDatabase::user);
        registry.add("spring.datasource.password", MariaDbTestDatabase::password);
        registry.add("transparant.identity.keycloak.issuer", () -> KeycloakTestServer.get().issuerUri());
        registry.add("transparant.identity.keycloak.internal-url", () -> "http://127.0.0.1:" + keycloak.port());
        registry.add("transparant.demo-data", () -> "false");
        // the public register checks its generation in the database at most once a second and answers from memory in
        // between (by design: a read within a second of the cut is still a 200); here every read asks the database, so
        // the outage is seen at once and the test does not depend on when the last check was (a CI run met that second)
        registry.add("transparant.register.read-check-interval", () -> "PT0S");
        // an engine of its own name: the engine REST API of the other tests' application looks its engine up by name in
        // a registry shared by the whole JVM, where this context's engine would otherwise replace theirs
        registry.add("camunda.bpm.process-engine-name", () -> "faults");
        // a hanging database is given up on after this (production: 60 s, longer than MariaDB's own lock wait)
        registry.add("spring.datasource.hikari.data-source-properties.socketTimeout", () -> "4000");
    }

    @AfterEach
    void bothBack() {
        database.restore();
        keycloak.restore();
    }

    @AfterAll
    static void closeProxies() {
        database.close();
        keycloak.close();
    }

    @Test
    @Order(1)
    void withoutKeycloakThePublicRegisterWorksAndStaffRequestsFailCleanly() throws Exception {
        // cut before the application ever fetched Keycloak's signing keys
        keycloak.cut();
        assertThat(browse("/register").statusCode()).isEqualTo(200);
        assertThat(anonymous().get("/api/public/algorithms").status()).isEqualTo(200);

        Api.Response staff = quick(owner()).get("/api/cases");
        assertThat(staff.status()).as(staff.toString()).isEqualTo(503);
        assertThat(staff.isProblem()).isTrue();
        assertThat(staff.json().path("detail").asText()).contains("inlogdienst is niet bereikbaar");
        assertThat(anonymous().get("/api/cases").status()).as("no token is still a plain 401").isEqualTo(401);
        HttpResponse<String> staffPage = browse("/staff");
        assertThat(staffPage.statusCode()).isEqualTo(302);
        assertThat(staffPage.headers().firstValue("Location").orElseThrow()).endsWith("/login");

        keycloak.restore();
        assertThat(owner().get("/api/cases").status()).isEqualTo(200);

        // once the keys are known, tokens are checked without Keycloak: staff keep working through a short outage
        keycloak.cut();
        assertThat(quick(owner()).get("/api/cases").status()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void whileTheDatabaseIsGoneEveryRequestGetsAQuick503AndTheNodeRecoversByItself() throws Exception {
        Api owner = owner();
        String before = ReviewSpineFixtures.createCase(owner, "Voor de storing");

        database.cut();

        Api.Response list = quick(owner).get("/api/cases");
        assertThat(list.status()).as(list.toString()).isEqualTo(503);
        assertThat(list.isProblem()).isTrue();
        assertThat(list.json().path("title").asText()).as("Dutch unless English is asked for").isEqualTo("Tijdelijk niet beschikbaar");
        assertThat(list.body()).doesNotContain("SQL").doesNotContain("Exception").doesNotContain("jdbc");

        Api.Response create = quick(owner).post("/api/cases", Map.of("fields", Map.of("name", "Tijdens de storing")));
        assertThat(create.status()).as(create.toString()).isEqualTo(503);
        assertThat(quick(anonymous()).get("/api/public/algorithms").status()).isEqualTo(503);
        assertThat(quick(anonymous()).post("/api/algoritme/NLD", Map.of("page", 1, "limit", 10)).status()).isEqualTo(503);

        HttpResponse<String> page = browse("/register", QUICK);
        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.headers().firstValue("Retry-After")).contains("5");
        assertThat(Jsoup.parse(page.body()).select("h1").text()).isEqualTo("Tijdelijk niet beschikbaar");
        assertThat(Jsoup.parse(browse("/en/register").body()).select("h1").text()).isEqualTo("Temporarily unavailable");

        assertThat(anonymous().get("/actuator/health/readiness").status()).as("out of the load balancer").isEqualTo(503);
        assertThat(anonymous().get("/actuator/health/liveness").status()).as("but not restarted").isEqualTo(200);

        database.restore();
        awaitRecovery(owner);
        String after = ReviewSpineFixtures.createCase(owner, "Na de storing");
        assertThat(owner.get("/api/cases/" + before).status()).isEqualTo(200);
        assertThat(owner.get("/api/cases/" + after).status()).isEqualTo(200);
        assertThat(anonymous().get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(browse("/register").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void theSessionCookieIsSecureAndHttpOnly() throws Exception {
        // starting a sign-in is what creates a session (the OpenID Connect state is kept in it)
        HttpResponse<String> signIn = browse("/oauth2/authorization/keycloak");
        assertThat(signIn.statusCode()).isEqualTo(302);
        String cookie = signIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + signIn.headers().map()));
        assertThat(cookie).contains("; Secure").contains("; HttpOnly").contains("SameSite=Lax");
    }

    @Test
    @Order(4)
    void whileTheDatabaseHangsRequestsGetA503OnceTheDriverGivesUpAndTheNodeRecovers() throws Exception {
        Api owner = owner();
        String before = ReviewSpineFixtures.createCase(owner, "Voor het vastlopen");
        // both paths of a hang: a connection the pool has just used (no validation: the query itself hangs) and one it
        // checks first (validation and new connections hang)
        database.hang();
        Api.Response list = quick(owner).get("/api/cases");
        assertThat(list.status()).as(list.toString()).isEqualTo(503);
        assertThat(list.body()).doesNotContain("SQL").doesNotContain("Exception");
        Thread.sleep(1_000);
        Api.Response create = quick(owner).post("/api/cases", Map.of("fields", Map.of("name", "Tijdens het vastlopen")));
        assertThat(create.status()).as(create.toString()).isEqualTo(503);
        assertThat(quick(anonymous()).get("/api/public/algorithms").status()).isEqualTo(503);

        database.restore();
        awaitRecovery(owner);
        assertThat(owner.get("/api/cases/" + before).status()).isEqualTo(200);
        assertThat(ReviewSpineFixtures.createCase(owner, "Na het vastlopen")).isNotBlank();
    }

    @Test
    @Order(5)
    void whenKeycloakHangsDuringASignInTheVisitorIsSentBackToTheSignInPageWithinSeconds() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> keycloakPage = browser.follow(browser.get(URI.create("http://127.0.0.1:" + port
                + "/oauth2/authorization/keycloak")));
        HttpResponse<String> backToUs = browser.submitLogin(keycloakPage, "owner-zoetermeer", KeycloakTestServer.PASSWORD);
        assertThat(backToUs.statusCode()).as("Keycloak sends the browser back with a code").isEqualTo(302);
        URI callback = backToUs.uri().resolve(backToUs.headers().firstValue("Location").orElseThrow());

        // the application now exchanges the code for tokens with Keycloak, which no longer answers
        keycloak.hang();
        HttpResponse<String> answer = browser.get(callback, QUICK);
        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location").orElseThrow()).contains("/login?error");
        assertThat(browser.get(URI.create("http://127.0.0.1:" + port + "/staff")).statusCode()).as("not signed in").isEqualTo(302);

        keycloak.restore();
        assertThat(new Browser().signIn(port, "owner-zoetermeer").uri().getPath()).as("signing in works again").isEqualTo("/staff");
    }

    /** The node answers again by itself once the database is back, within {@link #RECOVERY}. */
    private static void awaitRecovery(Api owner) {
        await("recovered within " + RECOVERY).atMost(RECOVERY).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(owner.get("/api/cases").status()).isEqualTo(200));
    }

    private Api owner() {
        return Api.at(port, KeycloakTestServer.get().accessToken("owner-zoetermeer"));
    }

    private Api anonymous() {
        return Api.at(port, null);
    }

    private HttpResponse<String> browse(String path) throws Exception {
        return browse(path, Duration.ofSeconds(30));
    }

    private HttpResponse<String> browse(String path, Duration timeout) throws Exception {
        return BROWSER.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(timeout).header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The client that waits at most {@link #QUICK} for an answer: one that does not come by then fails the test. */
    private static Api quick(Api api) {
        return api.withTimeout(QUICK);
    }

    private static int databasePort() {
        URI server = URI.create(System.getenv().getOrDefault("TRANSPARANT_TEST_DB_SERVER", "jdbc:mariadb://127.0.0.1:3306/").substring(5));
        return server.getPort() < 0 ? 3306 : server.getPort();
    }
}
