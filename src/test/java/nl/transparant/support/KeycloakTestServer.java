package nl.transparant.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One real Keycloak per test JVM, with the realm from {@code keycloak/realm.json}, and real tokens
 * for the demo users (password grant through the test-only client {@code transparant-tests}).
 *
 * <p>Set {@code TRANSPARANT_TEST_KEYCLOAK_URL} (for example {@code http://127.0.0.1:8181}) to use a
 * Keycloak that is already running with that realm; otherwise the distribution that {@code mvn verify}
 * unpacks under {@code target/keycloak} is started in dev mode on two free ports.
 */
public final class KeycloakTestServer {

    public static final String PASSWORD = "demo";

    private static final String REALM = "transparant";
    private static final String TEST_CLIENT = "transparant-tests";
    private static final String DEFAULT_HOME = "target/keycloak/keycloak-26.7.3";
    /** A fresh distribution first builds itself (Quarkus augmentation): over 100 s on a busy 2-core machine. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(300);
    private static final Duration TOKEN_RENEWAL_MARGIN = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 60;

    private static KeycloakTestServer instance;
    private static IllegalStateException startupFailure;

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, CachedToken> tokens = new HashMap<>();

    private KeycloakTestServer(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The server for this JVM; started on first use. A failed start is not retried by later callers. */
    public static synchronized KeycloakTestServer get() {
        if (startupFailure != null) {
            throw new IllegalStateException(startupFailure.getMessage(), startupFailure);
        }
        if (instance == null) {
            try {
                String external = System.getenv("TRANSPARANT_TEST_KEYCLOAK_URL");
                instance = external != null && !external.isBlank() ? useRunning(external) : startLocal();
            } catch (IllegalStateException e) {
                startupFailure = e;
                throw e;
            }
        }
        return instance;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String issuerUri() {
        return baseUrl + "/realms/" + REALM;
    }

    /** A valid access token of a demo user, reused until shortly before it expires. */
    public synchronized String accessToken(String username) {
        CachedToken cached = tokens.get(username);
        if (cached != null && Instant.now().isBefore(cached.renewAfter())) {
            return cached.value();
        }
        JsonNode response = passwordGrant(username);
        Instant expiresAt = Instant.now().plusSeconds(response.path("expires_in").asLong());
        CachedToken fresh = new CachedToken(response.path("access_token").asText(), expiresAt.minus(TOKEN_RENEWAL_MARGIN));
        tokens.put(username, fresh);
        return fresh.value();
    }

    private JsonNode passwordGrant(String username) {
        String form = formEncode(Map.of(
                "grant_type", "password",
                "client_id", TEST_CLIENT,
                "username", username,
                "password", PASSWORD,
                "scope", "openid"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuerUri() + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Password grant for '" + username + "' failed with HTTP "
                    + response.statusCode() + ": " + response.body());
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Token response is not JSON: " + response.body(), e);
        }
    }

    private static KeycloakTestServer useRunning(String url) {
        KeycloakTestServer server = new KeycloakTestServer(url.replaceAll("/+$", ""));
        if (!server.awaitRealm(null, Duration.ofSeconds(10))) {
            throw new IllegalStateException("TRANSPARANT_TEST_KEYCLOAK_URL=" + url + " does not serve realm '" + REALM
                    + "' (no " + server.discoveryUri() + "); start Keycloak with keycloak/realm.json imported"
                    + " or unset the variable to let the tests start one");
        }
        return server;
    }

    private static KeycloakTestServer startLocal() {
        Path projectDir = Path.of(System.getProperty("user.dir"));
        Path home = Path.of(System.getProperty("keycloak.home", projectDir.resolve(DEFAULT_HOME).toString()));
        Path kcSh = home.resolve("bin/kc.sh");
        if (!Files.isRegularFile(kcSh)) {
            throw new IllegalStateException("No Keycloak distribution at " + home.toAbsolutePath()
                    + " (bin/kc.sh is missing): run mvn verify, which unpacks it");
        }
        Path realmJson = projectDir.resolve("keycloak/realm.json");
        if (!Files.isRegularFile(realmJson)) {
            throw new IllegalStateException("Realm definition " + realmJson + " is missing");
        }
        // beside the distribution, so builds with their own build folder keep their own log
        Path log = home.toAbsolutePath().getParent().resolveSibling("keycloak.log");
        int httpPort = freePort();
        int managementPort = freePort();
        try {
            prepareDataDirectory(home, realmJson);
            Files.createDirectories(log.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + home.resolve("data"), e);
        }

        ProcessBuilder builder = new ProcessBuilder(kcSh.toString(), "start-dev",
                "--http-port", String.valueOf(httpPort),
                "--http-management-port", String.valueOf(managementPort),
                "--import-realm")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", keycloakJavaHome());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + kcSh, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopTree(process.toHandle()), "keycloak-test-server-stop"));

        KeycloakTestServer server = new KeycloakTestServer("http://127.0.0.1:" + httpPort);
        if (!server.awaitRealm(process, STARTUP_TIMEOUT)) {
            String reason = process.isAlive()
                    ? "did not serve realm '" + REALM + "' within " + STARTUP_TIMEOUT.toSeconds() + " s"
                    : "exited with code " + process.exitValue();
            stopTree(process.toHandle());
            throw new IllegalStateException("Keycloak " + reason + " (log " + log + "); last lines:\n" + tail(log));
        }
        return server;
    }

    /**
     * Dev mode keeps its H2 store in data/h2 and --import-realm skips a realm that already exists there,
     * so a store left by an earlier run would hide changes to realm.json: start from an empty one.
     */
    private static void prepareDataDirectory(Path home, Path realmJson) throws IOException {
        Path h2 = home.resolve("data/h2");
        if (Files.exists(h2)) {
            try (Stream<Path> files = Files.walk(h2)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
        Path importDir = Files.createDirectories(home.resolve("data/import"));
        Files.copy(realmJson, importDir.resolve("realm.json"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Keycloak 26's server deprecates Java 17, so prefer a Temurin 25 JDK where the machine has one. */
    private static String keycloakJavaHome() {
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> entries = Files.list(jvms)) {
                return entries
                        .filter(p -> p.getFileName().toString().startsWith("temurin-25") && Files.isDirectory(p))
                        .sorted()
                        .findFirst()
                        .map(Path::toString)
                        .orElse(System.getProperty("java.home"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return System.getProperty("java.home");
    }

    private boolean awaitRealm(Process process, Duration timeout) {
        HttpRequest probe = HttpRequest.newBuilder(URI.create(discoveryUri())).timeout(Duration.ofSeconds(5)).GET().build();
        try {
            // ready when the realm answers; given up on when the process has died or the time is up
            return Awaitility.await("Keycloak's realm").atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        if (process != null && !process.isAlive()) {
                            return Boolean.FALSE;
                        }
                        try {
                            return http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200 ? Boolean.TRUE : null;
                        } catch (IOException notListeningYet) {
                            return null; // keep polling until the deadline
                        }
                    }, Objects::nonNull);
        } catch (ConditionTimeoutException notInTime) {
            return false;
        }
    }

    private String discoveryUri() {
        return issuerUri() + "/.well-known/openid-configuration";
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Request to " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling " + request.uri(), e);
        }
    }

    /** kc.sh runs the server JVM as its child; stopping only the script could leave that JVM running. */
    private static void stopTree(ProcessHandle root) {
        List<ProcessHandle> tree = Stream.concat(root.descendants(), Stream.of(root)).toList();
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(15, TimeUnit.SECONDS);
            } catch (Exception stillRunning) {
                handle.destroyForcibly();
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    private static String formEncode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }


    private record CachedToken(String value, Instant renewAfter) {
    }
}
