package nl.transparant.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The packaged application ({@code target/transparant-*.jar}, built by {@code package} before the integration tests
 * run) started as a JVM of its own, as a node of a cluster is: profile {@code mariadb}, the local demo accounts (HTTP
 * Basic on the API), its output in {@code target/<name>.log}.
 */
public final class ApplicationNode implements AutoCloseable {

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ApplicationNode(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts a node on the database and waits until it answers its health check. */
    public static ApplicationNode start(String name, String jdbcUrl, String user, String password, Map<String, String> properties,
            Duration startTimeout) throws IOException, InterruptedException {
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put("transparant.demo-data", "false");
        arguments.putAll(properties);
        ApplicationNode node = launch(name, null, onMariaDb(jdbcUrl, user, password), arguments);
        node.awaitReady(startTimeout);
        return node;
    }

    /** The environment of a node on MariaDB (profile {@code mariadb}, the local demo accounts). */
    public static Map<String, String> onMariaDb(String jdbcUrl, String user, String password) {
        return Map.of("SPRING_PROFILES_ACTIVE", "mariadb", "TRANSPARANT_DB_URL", jdbcUrl, "TRANSPARANT_DB_USER", user,
                "TRANSPARANT_DB_PASSWORD", password);
    }

    /**
     * Starts the packaged jar as a person would, {@code java -jar} in {@code workingDirectory} (the build folder's parent
     * when null), with the given environment and {@code --key=value} arguments, and returns at once: the caller decides
     * when to wait ({@link #awaitReady}) or to stop it.
     */
    public static ApplicationNode launch(String name, Path workingDirectory, Map<String, String> environment,
            Map<String, String> arguments) throws IOException {
        int port = freePort();
        Path log = packagedJar().resolveSibling(name + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", packagedJar().toString(), "--server.port=" + port));
        arguments.forEach((key, value) -> command.add("--" + key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        builder.environment().remove("SPRING_PROFILES_ACTIVE");
        builder.environment().putAll(environment);
        return new ApplicationNode(name, port, builder.start(), log);
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits until the node answers its health check with 200; fails with the end of its log when it does not. */
    public void awaitReady(Duration timeout) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newHttpClient();
        try {
            Awaitility.await(name + " ready").atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " stopped while starting: " + tail());
                }
                try {
                    return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health")).timeout(Duration.ofSeconds(2))
                            .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                } catch (IOException notYet) {
                    return false; // not listening yet
                }
            });
        } catch (ConditionTimeoutException late) {
            close();
            throw new AssertionError(name + " was not ready within " + timeout + ": " + tail(), late);
        }
    }

    /** Waits until the node's log has a line containing {@code text}; fails with the end of its log when it does not. */
    public void awaitLogLine(String text, Duration timeout) throws IOException {
        try {
            Awaitility.await(name + " logs '" + text + "'").atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (log().contains(text)) {
                    return true;
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " stopped before logging '" + text + "': " + tail());
                }
                return false;
            });
        } catch (ConditionTimeoutException late) {
            throw new AssertionError(name + " did not log '" + text + "' within " + timeout + ": " + tail(), late);
        }
    }

    /** Everything the node printed so far. */
    public String log() throws IOException {
        return Files.readString(log, java.nio.charset.StandardCharsets.UTF_8);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the node the hard way (SIGKILL, as a power cut or the OOM killer would) and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** Stops the node as an orchestrator would (SIGTERM: graceful shutdown), and waits for it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** The jar next to the test classes, so a build in another folder ({@code -Dbuild.dir}) starts its own jar. */
    static Path packagedJar() throws IOException {
        Path buildDir;
        try {
            buildDir = Path.of(ApplicationNode.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> files = Files.list(buildDir)) {
            return files.filter(p -> p.getFileName().toString().matches("transparant-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No transparant-*.jar in " + buildDir + ": run `mvn package` (or `verify`) first"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
