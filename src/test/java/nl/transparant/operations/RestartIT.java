package nl.transparant.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import nl.transparant.support.ApplicationNode;
import nl.transparant.support.MariaDbTestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The product starts again on its own data after any stop, as a person running it meets it on their second start: the
 * packaged jar, {@code java -jar} in a folder of its own, stopped at several moments (while the demo loads, right after
 * it, later; SIGTERM and SIGKILL) and started again on the same data each time. After every start: healthy, the demo
 * loaded once (not twice, not half), its published entries in the register, and the decision log intact and never
 * shorter than before. The embedded default runs from a folder without {@code processes/} and {@code policies/}, so the
 * copies bundled in the jar are used too.
 */
class RestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofMinutes(4);
    private static final Duration DEMO = Duration.ofMinutes(3);
    /** The demo's cases (demo/cases.json) and how many of them end published. */
    private static final int DEMO_CASES = 5;
    private static final int DEMO_PUBLISHED = 2;
    /** The line DemoData logs once it has loaded the demo (organisations and cases, one transaction). */
    private static final String DEMO_LOADED = "Loaded the demo";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theEmbeddedDefaultStartsAgainOnItsOwnDataAfterEveryKindOfStop() throws Exception {
        Path home = Files.createTempDirectory("transparant-restart-");
        assertThat(home.resolve("processes")).doesNotExist();
        restartAtEveryMoment("restart-h2", home, Map.of(), Map.of());
        assertThat(home.resolve("data")).isDirectory();
    }

    /**
     * A write the embedded default has answered is on disk, whatever stop comes next: H2 used to keep the last half
     * second of commits in memory, so a SIGKILL right after a release answered PUBLISHED took the publication back
     * (found by an outside tester).
     */
    @Test
    void whatTheEmbeddedDefaultAnsweredSurvivesAKillRightAfterIt() throws Exception {
        Path home = Files.createTempDirectory("transparant-restart-");
        List<ApplicationNode> started = new ArrayList<>();
        try {
            ApplicationNode first = launch(started, "answered-then-killed-1", home, Map.of(), Map.of());
            first.awaitReady(START);
            List<String> created = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                created.add(createCase(first, "Vlak voor de stroomstoring " + i));
            }
            first.kill(); // at once: the last answer came milliseconds ago

            ApplicationNode second = launch(started, "answered-then-killed-2", home, Map.of(), Map.of());
            second.awaitReady(START);
            Set<String> cases = stateOf(second).cases();
            assertThat(cases).as("every case whose creation was answered 201").containsAll(created);
            second.close();
        } finally {
            for (ApplicationNode node : started) {
                if (node.isAlive()) {
                    node.kill();
                }
            }
        }
    }

    private String createCase(ApplicationNode node, String name) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("fields", Map.of("name", name,
                "description_short", "Een algoritme om te testen wat een harde stop overleeft.", "status", "In ontwikkeling",
                "contact_email", "algoritmes@example.nl")));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/cases"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("owner-zoetermeer:demo".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST /api/cases: %s", response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).path("id").asText();
    }

    @Test
    void onMariaDbTooItStartsAgainAfterEveryKindOfStop() throws Exception {
        String database = "transparant_restart_" + ProcessHandle.current().pid();
        String server = MariaDbTestDatabase.jdbcUrl().substring(0, MariaDbTestDatabase.jdbcUrl().lastIndexOf('/') + 1);
        try (Connection root = DriverManager.getConnection(server, MariaDbTestDatabase.user(), MariaDbTestDatabase.password());
                Statement sql = root.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + database);
            sql.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        try {
            restartAtEveryMoment("restart-mariadb", null,
                    ApplicationNode.onMariaDb(server + database + "?nullDatabaseMeansCurrent=true", MariaDbTestDatabase.user(),
                            MariaDbTestDatabase.password()),
                    Map.of("transparant.demo-data", "true"));
        } finally {
            try (Connection root = DriverManager.getConnection(server, MariaDbTestDatabase.user(), MariaDbTestDatabase.password());
                    Statement sql = root.createStatement()) {
                sql.execute("DROP DATABASE IF EXISTS " + database);
            }
        }
    }

    private void restartAtEveryMoment(String name, Path home, Map<String, String> environment, Map<String, String> arguments)
            throws Exception {
        List<ApplicationNode> started = new ArrayList<>();
        try {
            // 1. killed as soon as it has started: the demo is loading (one transaction) or about to
            ApplicationNode first = launch(started, name + "-1", home, environment, arguments);
            first.awaitLogLine("Started TransparantApplication", START);
            first.kill();

            // 2. starts on what the kill left, loads the demo (again or for the first time), stopped gracefully right after
            ApplicationNode second = launch(started, name + "-2", home, environment, arguments);
            second.awaitReady(START);
            // loaded by this start, or by the first if the kill came after its commit: either way once, whole
            await("the demo's cases").atMost(DEMO).pollInterval(Duration.ofMillis(500))
                    .until(() -> stateOf(second).cases().size() >= DEMO_CASES);
            State afterDemo = stateOf(second);
            assertThat(afterDemo.cases()).hasSize(DEMO_CASES);
            second.close();

            // 3. starts again; once the demo's publications have run it is killed, later in its life
            ApplicationNode third = launch(started, name + "-3", home, environment, arguments);
            third.awaitReady(START);
            await("the demo's publications").atMost(DEMO).pollInterval(Duration.ofMillis(500))
                    .until(() -> stateOf(third).publishedEntries().size() == DEMO_PUBLISHED);
            State published = stateOf(third);
            assertThat(published.cases()).isEqualTo(afterDemo.cases());
            assertThat(published.auditRecords()).isGreaterThanOrEqualTo(afterDemo.auditRecords());
            assertThat(third.log()).doesNotContain(DEMO_LOADED);
            third.kill();

            // 4. and once more: everything as it was, the demo not loaded a second time
            ApplicationNode fourth = launch(started, name + "-4", home, environment, arguments);
            fourth.awaitReady(START);
            State again = stateOf(fourth);
            assertThat(again.cases()).isEqualTo(published.cases());
            assertThat(again.publishedEntries()).isEqualTo(published.publishedEntries());
            assertThat(again.auditRecords()).isGreaterThanOrEqualTo(published.auditRecords());
            assertThat(fourth.log()).doesNotContain(DEMO_LOADED).doesNotContain("ENGINE-03015");
            fourth.close();
        } finally {
            // a failed assertion must not leave a node running on the machine
            for (ApplicationNode node : started) {
                if (node.isAlive()) {
                    node.kill();
                }
            }
        }
    }

    private static ApplicationNode launch(List<ApplicationNode> started, String name, Path home, Map<String, String> environment,
            Map<String, String> arguments) throws IOException {
        ApplicationNode node = ApplicationNode.launch(name, home, environment, arguments);
        started.add(node);
        return node;
    }

    /** What a person would check after a restart: the cases, the public entries, and an intact decision log (asserted). */
    private State stateOf(ApplicationNode node) throws IOException, InterruptedException {
        JsonNode verification = get(node, "/api/audit/verify", "auditor-regional");
        assertThat(verification.path("intact").asBoolean()).as("decision log intact: %s", verification).isTrue();
        TreeSet<String> cases = new TreeSet<>();
        get(node, "/api/cases", "auditor-regional").forEach(c -> cases.add(c.path("id").asText()));
        TreeSet<String> entries = new TreeSet<>();
        StreamSupport.stream(get(node, "/api/public/algorithms", null).spliterator(), false)
                .forEach(e -> entries.add(e.path("lars").asText() + " v" + e.path("version").asInt()));
        return new State(cases, entries, verification.path("recordsChecked").asLong());
    }

    private JsonNode get(ApplicationNode node, String path, String account) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.baseUrl() + path)).timeout(Duration.ofSeconds(30));
        if (account != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((account + ":demo").getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private record State(TreeSet<String> cases, TreeSet<String> publishedEntries, long auditRecords) {
    }
}
