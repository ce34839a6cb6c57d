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
 * A FAKE of the national Algoritmeregister's delivery API for organisations ({@code /aanleverapi/v1_0}) as its current
 * release serves it, for tests only: the real one cannot be reached from here. It serves the calls the connector makes
 * (create, update, release, publish, retract) on a real HTTP port, keyed by the organisation's national id ({@code gm0637};
 * anything else in that place is a 404, as are the old {@code v1_0_0} routes), and keeps each entry's state as the
 * national register does: a new version waits in state 1, release moves it to state 2, publish from state 2 to published,
 * retract back to state 1; a step out of order is a 409. It checks every bearer token against the test Keycloak's signing
 * keys and client id, records what it received, and can be told to fail the next calls as an outage would.
 */
final class FakeNationalDeliveryApi implements AutoCloseable {

    static final String BASE = "/aanleverapi/v1_0";

    record Call(String method, String path, String organisation, String nationalId, JsonNode body, String clientId, String username) {
    }

    private static final Pattern ALGORITHMS = Pattern.compile(BASE + "/organizations/([^/]+)/algorithms(?:/([^/]+))?(?:/(release|publish))?");
    private static final Pattern RETRACT = Pattern.compile(BASE + "/organizations/([^/]+)/published-algorithms/([^/]+)/retract");
    /** The national register's organisation ids (REAL-WORLD.md): municipality, province, water board, ministry, other, independent body. */
    private static final Pattern NATIONAL_ORGANISATION_ID = Pattern.compile("(gm\\d{4}|pv\\d{2}|ws\\d{4}|mnre\\d{4}|oorg\\d{5}|zb\\d{6})");

    private enum State { STATE_1, STATE_2, PUBLISHED }

    private final java.util.Map<String, State> states = new java.util.concurrent.ConcurrentHashMap<>();

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
            Jwt token;
            try {
                token = tokenOf(exchange.getRequestHeaders().getFirst("Authorization"));
            } catch (JwtException | IllegalArgumentException e) {
                answer(exchange, 401, "{\"detail\": \"" + e.getMessage().replace('"', '\'') + "\"}");
                return;
            }
            String clientId = token.getClaimAsString("azp");
            String username = token.getClaimAsString("preferred_username");
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
            Matcher matched = algorithms.matches() ? algorithms : retract.matches() ? retract : null;
            if (matched == null || !NATIONAL_ORGANISATION_ID.matcher(matched.group(1)).matches()) {
                answer(exchange, 404, "{\"detail\": \"no such organisation or endpoint\"}");
                return;
            }
            String organisation = matched.group(1);
            String action = matched == algorithms ? algorithms.group(3) : "retract";
            String id = matched.group(2);
            if (method.equals("POST") && matched == algorithms && id == null && action == null) {
                id = "NR" + nextId.incrementAndGet();
                states.put(id, State.STATE_1);
                record(method, path, organisation, id, body, clientId, username);
                answer(exchange, 200, "{\"lars\": \"" + id + "\", \"algorithm\": {}}");
            } else if (id != null && !states.containsKey(id)) {
                answer(exchange, 404, "{\"detail\": \"no such algorithm\"}");
            } else if (method.equals("PUT") && matched == algorithms && action == null) {
                states.put(id, State.STATE_1);
                record(method, path, organisation, id, body, clientId, username);
                answer(exchange, 200, "{}");
            } else if (method.equals("PUT") && "release".equals(action)) {
                move(exchange, method, path, organisation, id, State.STATE_1, State.STATE_2, clientId, username);
            } else if (method.equals("PUT") && "publish".equals(action)) {
                move(exchange, method, path, organisation, id, State.STATE_2, State.PUBLISHED, clientId, username);
            } else if (method.equals("DELETE") && "retract".equals(action)) {
                move(exchange, method, path, organisation, id, State.PUBLISHED, State.STATE_1, clientId, username);
            } else {
                answer(exchange, 404, "{\"detail\": \"no such endpoint in the fake\"}");
            }
        }
    }

    private void move(HttpExchange exchange, String method, String path, String organisation, String id, State from, State to,
            String clientId, String username) throws IOException {
        if (!states.replace(id, from, to)) {
            answer(exchange, 409, "{\"detail\": \"invalid state transition from " + states.get(id) + "\"}");
            return;
        }
        record(method, path, organisation, id, null, clientId, username);
        answer(exchange, 200, "{}");
    }

    private Jwt tokenOf(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw new IllegalArgumentException("no bearer token");
        }
        return tokens.decode(authorization.substring("Bearer ".length()));
    }

    private synchronized void record(String method, String path, String organisation, String id, JsonNode body, String clientId,
            String username) {
        calls.add(new Call(method, path, organisation, id, body, clientId, username));
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
