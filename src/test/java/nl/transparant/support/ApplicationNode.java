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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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
        int port = freePort();
        Path log = packagedJar().resolveSibling(name + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", packagedJar().toString(),
                "--server.port=" + port, "--transparant.demo-data=false"));
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("SPRING_PROFILES_ACTIVE", "mariadb");
        builder.environment().put("TRANSPARANT_DB_URL", jdbcUrl);
        builder.environment().put("TRANSPARANT_DB_USER", user);
        builder.environment().put("TRANSPARANT_DB_PASSWORD", password);
        ApplicationNode node = new ApplicationNode(name, port, builder.start(), log);
        node.awaitReady(startTimeout);
        return node;
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

    private void awaitReady(Duration timeout) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " stopped while starting: " + tail());
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        close();
        throw new IllegalStateException(name + " was not ready within " + timeout + ": " + tail());
    }

    private String tail() throws IOException {
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
