package nl.transparant.nationalregister;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * A FAKE of the national Algoritmeregister's delivery API for organisations ({@code /aanleverapi/v1_0}), for tests only:
 * the real one cannot be reached from here. It serves the calls the connector makes (create, update, publish, retract)
 * on a real HTTP port, checks every bearer token against the test Keycloak's signing keys and client id, records what it
 * received, and can be told to fail the next calls as an outage would.
 */
final class FakeNationalDeliveryApi implements AutoCloseable {

    static final String BASE = "/aanleverapi/v1_0";

    record Call(String method, String path, String organisation, String nationalId, JsonNode body, String clientId) {
    }

    private static final Pattern ALGORITHMS = Pattern.compile(BASE + "/organizations/([^/]+)/algorithms(?:/([^/]+))?(/publish)?");
    private static final Pattern RETRACT = Pattern.compile(BASE + "/organizations/([^/]+)/published-algorithms/([^/]+)/retract");

    private final HttpServer server;
    private final JwtDecoder tokens;
    private final String expectedClient;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Call> calls = new ArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger nextId = new AtomicInteger(4000);
    private volatile int failureStatus = 503;
    private volatile long delayMillis;

    FakeNationalDeliveryApi(String keycloakJwksUri, String expectedClient) throws IOException {
        this.tokens = NimbusJwtDecoder.withJwkSetUri(keycloakJwksUri).build();
        this.expectedClient = expectedClient;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(BASE + "/", this::handle);
        // answers calls side by side, as a real server does: two nodes' calls must be able to overlap
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + BASE;
    }

    /** The next {@code count} calls answer {@code status}, as an outage or an overloaded server would. */
    void failNext(int count, int status) {
        failureStatus = status;
        failures.set(count);
    }

    /** Every call takes this long before it is answered, as a slow server would (zero: at once). */
    void delayEachCall(long millis) {
        delayMillis = millis;
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String clientId;
            try {
                clientId = clientOf(exchange.getRequestHeaders().getFirst("Authorization"));
            } catch (JwtException | IllegalArgumentException e) {
                answer(exchange, 401, "{\"detail\": \"" + e.getMessage().replace('"', '\'') + "\"}");
                return;
            }
            if (!expectedClient.equals(clientId)) {
                answer(exchange, 403, "{\"detail\": \"not the organisation's client\"}");
                return;
            }
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                answer(exchange, failureStatus, "{\"detail\": \"temporarily unavailable\"}");
                return;
            }
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            byte[] bodyBytes = exchange.getRequestBody().readAllBytes();
            JsonNode body = bodyBytes.length == 0 ? null : json.readTree(bodyBytes);
            Matcher algorithms = ALGORITHMS.matcher(path);
            Matcher retract = RETRACT.matcher(path);
            if (method.equals("POST") && algorithms.matches() && algorithms.group(2) == null) {
                String id = "NR" + nextId.incrementAndGet();
                record(method, path, algorithms.group(1), id, body, clientId);
                answer(exchange, 200, "{\"lars\": \"" + id + "\", \"algorithm\": {}}");
            } else if (method.equals("PUT") && algorithms.matches() && algorithms.group(2) != null) {
                record(method, path, algorithms.group(1), algorithms.group(2), body, clientId);
                answer(exchange, 200, "{}");
            } else if (method.equals("DELETE") && retract.matches()) {
                record(method, path, retract.group(1), retract.group(2), body, clientId);
                answer(exchange, 200, "{}");
            } else {
                answer(exchange, 404, "{\"detail\": \"no such endpoint in the fake\"}");
            }
        }
    }

    private String clientOf(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw new IllegalArgumentException("no bearer token");
        }
        Jwt jwt = tokens.decode(authorization.substring("Bearer ".length()));
        return jwt.getClaimAsString("azp");
    }

    private synchronized void record(String method, String path, String organisation, String id, JsonNode body, String clientId) {
        calls.add(new Call(method, path, organisation, id, body, clientId));
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
