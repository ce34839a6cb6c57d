package nl.transparant.problems;

import static nl.transparant.review.ReviewSpineFixtures.answers;
import static nl.transparant.review.ReviewSpineFixtures.awaitStage;
import static nl.transparant.review.ReviewSpineFixtures.complete;
import static nl.transparant.review.ReviewSpineFixtures.createCase;
import static nl.transparant.review.ReviewSpineFixtures.taskId;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.CookieHandler;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import nl.transparant.standard.FieldDefinition;
import nl.transparant.standard.RegisterStandard;
import nl.transparant.support.Api;
import nl.transparant.support.FullStackTest;
import nl.transparant.support.KeycloakTestServer;
import nl.transparant.support.MariaDbTestDatabase;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Bad input at scale (issue 6): random and boundary values, malformed JSON, huge bodies, odd Unicode (right-to-left
 * overrides, zero-width characters, lone surrogates) and injection strings (SQL, script, template expressions, path
 * traversal) sent to every endpoint the application maps, anonymously and as staff of several roles (bearer tokens
 * for the API, a signed-in session with its CSRF token for the pages), on MariaDB and Keycloak.
 *
 * <p>The endpoints are read from the application's own request mappings, so a new endpoint is fuzzed without being
 * listed here; bodies follow the handler's request-body type (its record components, the standard's field keys for
 * register fields) before being broken, and form fields are the names the pages' own forms use. Passes when no
 * request gets a 5xx or a stack trace, and afterwards no table of the product holds {@code <script}, {@code onerror=}
 * or {@code javascript:}. The seed is printed; {@code -Dfuzz.seed=… -Dfuzz.requests=…} replays or lengthens a run
 * ({@code bench/fuzz.sh} does the long runs).
 */
class EndpointFuzzIT extends FullStackTest {

    static final long SEED = Long.getLong("fuzz.seed", 20261128L);
    static final int REQUESTS = Integer.getInteger("fuzz.requests", 3000);
    static final List<String> STAFF = List.of("owner-zoetermeer", "owner-nissewaard", "privacy-zoetermeer", "ethics-regional",
            "publisher-zoetermeer", "auditor-regional", "admin");
    /** Mapped by the frameworks around the product (documentation, error page); the product's own endpoints are the target. */
    static final List<String> NOT_OURS = List.of("/error", "/v3/api-docs", "/swagger-ui", "/camunda", "/engine-rest", "/actuator");

    static final List<String> NASTY = List.of(
            "", " ", "a", "0", "-1", "1", "2147483648", "-9223372036854775809", "1e309", "NaN", "null", "true", "[]", "{}",
            "x".repeat(101), "x".repeat(2_001), "ü".repeat(5_000),
            "' OR '1'='1", "1; DROP TABLE algorithm_case;--", "\" OR 1=1 -- ", "admin'--", "%' AND SLEEP(0) AND '%'='", "\\",
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg onload=alert(1)>", "javascript:alert(1)",
            "JaVaScRiPt:alert(1)", "<p onclick=\"x()\">a</p>", "<iframe src=//evil></iframe>",
            "${7*7}", "${T(java.lang.Runtime).getRuntime().exec('id')}", "[[${7*7}]]", "[(${7*7})]", "#{7*7}", "*{7*7}",
            "__${7*7}__::.x", "{{7*7}}", "@{/x}", "~{::x}",
            "../../../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/etc/passwd%00.json",
            "%00", "%s%s%s%n", "\r\nSet-Cookie: fuzz=1", "\u0000", "\u0007\u001b[31m",
            "\u202Egnp.exe", "\u200B\u200C\u200D\uFEFF", "\uD800", "\uDC00x\uD800", "😀👩‍👩‍👧", "e\u0301\u0301\u0301", "ﷺ", "𝕏", "\u2028\u2029",
            "مرحبا", "שלום", "Ω≈ç√∫", "İıǅ", "Gemeente Zoetermeer", "In gebruik", "Overige algoritmes", "DPIA", "nld", "NLD", "ENG",
            "2024-13", "2024-02", "9999-12-31", "approve", "reject", "sendBack", "submit", "positive", "negative");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    RegisterStandard standard;

    record Endpoint(RequestMethod method, String pattern, HandlerMethod handler) {

        boolean isApi() {
            return pattern.startsWith("/api/");
        }
    }

    record Sent(String caller, String method, String uri, String contentType, String body) {

        @Override
        public String toString() {
            String shown = body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "… (" + body.length() + " chars)" : body;
            return caller + ": " + method + " " + uri + (contentType == null ? "" : " [" + contentType + "] ") + shown;
        }
    }

    record Failure(Sent request, int status, String body) {
    }

    private Random random;
    private final Map<String, List<String>> known = new HashMap<>();
    private final Set<String> formFields = new LinkedHashSet<>();

    @Test
    void noRequestGetsA5xxAndNoScriptIsStored() throws Exception {
        System.out.printf("EndpointFuzzIT: seed %d, %d requests (replay with -Dfuzz.seed=%d -Dfuzz.requests=%d)%n", SEED, REQUESTS, SEED,
                REQUESTS);
        random = new Random(SEED);
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).as("endpoints found in the request mappings").hasSizeGreaterThan(30);
        prepareKnownValues();

        Map<String, Session> sessions = new LinkedHashMap<>();
        sessions.put("anonymous", new Session(port, null));
        for (String user : STAFF) {
            sessions.put(user, new Session(port, user));
        }
        for (Session session : sessions.values()) {
            session.signInAndHarvest(this);
        }
        List<String> callers = new ArrayList<>(sessions.keySet());

        List<Failure> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
            Session session = sessions.get(callers.get(random.nextInt(callers.size())));
            Sent sent = request(endpoint, session);
            HttpResponse<String> response = session.send(sent);
            statuses.merge(response.statusCode(), 1, Integer::sum);
            String body = response.body() == null ? "" : response.body();
            if (response.statusCode() >= 500 || body.contains("\tat org.") || body.contains("\tat nl.") || body.contains("\tat java.")) {
                failures.add(new Failure(sent, response.statusCode(), body.length() > 400 ? body.substring(0, 400) : body));
            }
        }
        System.out.printf("EndpointFuzzIT: %d requests over %d endpoints as %d callers; statuses %s; %d failures%n", REQUESTS,
                endpoints.size(), callers.size(), statuses, failures.size());
        failures.stream().limit(30).forEach(f -> System.out.println("  " + f.status() + " for " + f.request() + "\n     " + f.body()));

        assertThat(failures).as("requests answered with a 5xx or a stack trace (seed %d)", SEED).isEmpty();
        assertThat(storedScripts()).as("script stored in the database (seed %d)", SEED).isEmpty();
    }

    /** What earlier fuzz runs found (each was a 500): now a 400, for anonymous and signed-in callers, API and pages. */
    @Test
    void requestsTheFirewallOrTheMultipartParserRefuseAreA400() throws Exception {
        Session anonymous = new Session(port, null);
        List<Sent> found = List.of(
                new Sent("anonymous", "GET", "/register/downloads/algoritmeregister-historie.csv?%00=a", null, null),
                new Sent("anonymous", "GET", "/register?%00x=1", null, null),
                new Sent("anonymous", "POST", "/api/algoritme/NLD", "multipart/form-data", "{\"searchtext\": \"x\"}"));
        for (Sent sent : found) {
            HttpResponse<String> response = anonymous.send(sent);
            assertThat(response.statusCode()).as(sent.toString()).isEqualTo(400);
            assertThat(response.body()).as(sent.toString()).doesNotContain("Exception");
        }
        // the staff API takes no form bodies at all (CrossSiteRequestGuard): refused before the multipart parser sees it
        HttpResponse<String> signedIn = new Session(port, "owner-zoetermeer")
                .send(new Sent("owner-zoetermeer", "POST", "/api/cases/x/ethics-votes", "multipart/form-data", "["));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(415);
        assertThat(signedIn.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        // a character outside MariaDB's utf8mb3 (the engine's tables) in a task id: no such task, not a database error
        HttpResponse<String> supplementary = new Session(port, "owner-zoetermeer").send(new Sent("owner-zoetermeer", "POST",
                "/api/tasks/" + encodePath("\uD835\uDD4F") + "/complete", "application/json", "{\"outcome\": \"submit\"}"));
        assertThat(supplementary.statusCode()).as(supplementary.body()).isEqualTo(404);
        for (String taskPath : List.of("/preview", "/draft")) {
            HttpResponse<String> odd = new Session(port, "owner-zoetermeer").send(new Sent("owner-zoetermeer",
                    taskPath.equals("/draft") ? "PUT" : "POST", "/api/tasks/" + encodePath("\uD835\uDD4F") + taskPath,
                    "application/json", "{\"answers\": {}}"));
            assertThat(odd.statusCode()).as(taskPath + ": " + odd.body()).isEqualTo(404);
        }
    }

    /** Every method and path the application maps for its own endpoints. */
    private List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
            for (String pattern : entry.getKey().getPatternValues()) {
                if (NOT_OURS.stream().anyMatch(pattern::startsWith)) {
                    continue;
                }
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET, RequestMethod.POST) : methods) {
                    endpoints.add(new Endpoint(method, pattern, entry.getValue()));
                }
            }
        }
        endpoints.sort(java.util.Comparator.comparing((Endpoint e) -> e.pattern()).thenComparing(e -> e.method().name()));
        return endpoints;
    }

    /** A draft, a case waiting at the pre-scan, a published entry: so that fuzzed requests also reach existing things. */
    private void prepareKnownValues() {
        Api owner = as("owner-zoetermeer");
        String draft = createCase(owner, "Fuzz concept");
        String waiting = createCase(owner, "Fuzz wacht op pre-scan");
        owner.post("/api/cases/" + waiting + "/submit", null);
        String task = taskId(owner, waiting, "answerPreScan");
        String published = createCase(owner, "Fuzz gepubliceerd");
        owner.post("/api/cases/" + published + "/submit", null);
        complete(owner, published, "answerPreScan", Map.of("answers", answers(Map.of())));
        complete(as("publisher-zoetermeer"), published, "releasePublication", Map.of("outcome", "approve", "rationale", "Ok"));
        awaitStage(owner, published, "PUBLISHED");
        String lars = anonymous().post("/api/algoritme/NLD", Map.of("searchtext", "Fuzz gepubliceerd")).json().get("results").get(0)
                .get("lars").asText();
        List<String> cases = List.of(draft, waiting, published);
        known.put("id", cases);
        known.put("caseId", cases);
        known.put("taskId", List.of(task));
        known.put("lars", List.of(lars));
        known.put("version", List.of("1", "2"));
        known.put("code", List.of("zoetermeer", "nissewaard", "bar"));
        known.put("lang", List.of("NLD", "ENG", "nld"));
        known.put("conditionId", List.of("1"));
    }

    private Sent request(Endpoint endpoint, Session session) {
        String path = path(endpoint.pattern());
        String query = query(endpoint);
        String uri = path + (query.isEmpty() ? "" : "?" + query);
        String method = random.nextInt(40) == 0 ? pick(List.of("PUT", "DELETE", "PATCH", "POST", "GET")) : endpoint.method().name();
        if (method.equals("GET") || method.equals("DELETE")) {
            return new Sent(session.name(), method, uri, null, null);
        }
        if (endpoint.isApi() || hasJsonBody(endpoint)) {
            String contentType = random.nextInt(15) == 0 ? pick(List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                    "application/json; charset=latin1", "multipart/form-data")) : "application/json";
            if (endpoint.pattern().equals("/api/register/import") && random.nextInt(3) == 0) {
                contentType = pick(List.of("text/csv", "application/json"));
            }
            return new Sent(session.name(), method, uri, contentType, jsonBody(endpoint));
        }
        return new Sent(session.name(), method, uri, "application/x-www-form-urlencoded", formBody(session));
    }

    private String path(String pattern) {
        StringBuilder path = new StringBuilder();
        for (String segment : pattern.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            path.append('/');
            if (segment.startsWith("{") && segment.endsWith("}")) {
                String name = segment.substring(1, segment.length() - 1).replaceAll(":.*", "");
                List<String> values = known.get(name);
                String value = values != null && random.nextInt(3) > 0 ? pick(values) : nasty();
                path.append(encodePath(value));
            } else {
                path.append(segment);
            }
        }
        return path.isEmpty() ? "/" : path.toString();
    }

    private String query(Endpoint endpoint) {
        List<String> names = new ArrayList<>();
        for (MethodParameter parameter : endpoint.handler().getMethodParameters()) {
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            if (param != null && !(param.name() + param.value()).isEmpty()) {
                names.add(param.name().isEmpty() ? param.value() : param.name());
            }
        }
        if (random.nextInt(5) == 0) {
            names.add(pick(List.of("lang", "q", "page", "limit", "sort", "from", "to", "format", "_csrf", nasty())));
        }
        StringBuilder query = new StringBuilder();
        for (String name : names) {
            if (random.nextInt(3) == 0) {
                continue;
            }
            query.append(query.isEmpty() ? "" : "&").append(encode(name)).append('=').append(encode(nasty()));
        }
        return query.toString();
    }

    private static boolean hasJsonBody(Endpoint endpoint) {
        for (MethodParameter parameter : endpoint.handler().getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                return true;
            }
        }
        return false;
    }

    private String jsonBody(Endpoint endpoint) {
        Type bodyType = Object.class;
        for (MethodParameter parameter : endpoint.handler().getMethodParameters()) {
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                bodyType = parameter.getGenericParameterType();
            }
        }
        int kind = random.nextInt(100);
        if (kind < 10) {
            return pick(List.of("", "{", "[", "{\"a\":}", "{\"fields\": {\"name\": ", "nul", "{'a': 1}", "{\"a\" 1}", "\"\\ud800\"",
                    "{\"fields\": {\"name\": \"\\ud800\\u0000\"}}", "\u0000\u0001", "[1,2,3]", "123", "null", "true", "{\"a\":1}{\"b\":2}",
                    "{\"page\": 1e999999}", "{\"limit\": -9999999999999999999999}"));
        }
        if (kind < 12) {
            return "[".repeat(2_000 + random.nextInt(20_000)) + "]".repeat(10);
        }
        if (kind < 13) {
            // a huge body: megabytes of text in one field
            return "{\"fields\": {\"goal\": \"" + "<p>tekst</p>".repeat(100_000 + random.nextInt(300_000)) + "\"}, \"searchtext\": \"x\"}";
        }
        try {
            return Api.JSON.writeValueAsString(value(bodyType, 0, null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A value shaped like the type (record components by name, the standard's keys for register fields), often broken. */
    private Object value(Type type, int depth, String name) {
        if (depth > 4 || random.nextInt(12) == 0) {
            return randomJson(depth);
        }
        Class<?> raw = type instanceof Class<?> c ? c : type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : Object.class;
        if (raw.isRecord()) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (RecordComponent component : raw.getRecordComponents()) {
                if (random.nextInt(4) > 0) {
                    object.put(component.getName(), value(component.getGenericType(), depth + 1, component.getName()));
                }
            }
            if (random.nextInt(10) == 0) {
                object.put(nasty(), nasty());
            }
            return object;
        }
        if (Map.class.isAssignableFrom(raw)) {
            Map<String, Object> object = new LinkedHashMap<>();
            int size = random.nextInt(6);
            for (int i = 0; i < size; i++) {
                String key = "fields".equals(name) || random.nextBoolean() ? fieldKey() : nasty();
                object.put(key, fieldValue(key));
            }
            return object;
        }
        if (Collection.class.isAssignableFrom(raw)) {
            List<Object> list = new ArrayList<>();
            int size = random.nextInt(4);
            for (int i = 0; i < size; i++) {
                list.add(random.nextInt(4) == 0 ? randomJson(depth + 1) : nasty());
            }
            return list;
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            return pick(List.of(0, -1, 1, 2, 100, 101, Integer.MAX_VALUE, Long.MIN_VALUE, 1.5, "1", nasty()));
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return pick(List.of(true, false, "true", 0, nasty()));
        }
        return random.nextInt(6) == 0 ? randomJson(depth + 1) : nasty();
    }

    private String fieldKey() {
        List<FieldDefinition> fields = standard.fields();
        return fields.get(random.nextInt(fields.size())).key();
    }

    private Object fieldValue(String key) {
        FieldDefinition field = standard.field(key).orElse(null);
        if (field == null || random.nextInt(3) == 0) {
            return random.nextInt(4) == 0 ? randomJson(1) : nasty();
        }
        return switch (field.type()) {
            case MULTI -> random.nextBoolean() ? List.of(field.permittedValues().get(0).nl(), nasty()) : List.of(nasty());
            case GROUPING -> List.of(Map.of("title", nasty(), "link", pick(List.of("https://example.nl", nasty()))),
                    Map.of("title", "Wet", "link", "javascript:alert(1)"));
            case ENUM -> random.nextBoolean() ? field.permittedValues().get(random.nextInt(field.permittedValues().size())).nl() : nasty();
            default -> random.nextBoolean() ? "<p>" + nasty() + "</p>" : nasty();
        };
    }

    private Object randomJson(int depth) {
        return switch (depth > 3 ? random.nextInt(4) : random.nextInt(6)) {
            case 0 -> nasty();
            case 1 -> pick(List.of(0, -1, Long.MAX_VALUE, 1.0e308, -0.0));
            case 2 -> random.nextBoolean();
            case 3 -> null;
            case 4 -> {
                Map<String, Object> object = new LinkedHashMap<>();
                object.put(nasty(), randomJson(depth + 1));
                yield object;
            }
            default -> new ArrayList<>(java.util.Arrays.asList(randomJson(depth + 1), randomJson(depth + 1)));
        };
    }

    private String formBody(Session session) {
        StringBuilder body = new StringBuilder();
        if (session.csrf() != null && random.nextInt(10) > 0) {
            body.append("_csrf=").append(encode(session.csrf()));
        }
        List<String> names = new ArrayList<>(formFields);
        int count = random.nextInt(Math.min(12, names.size() + 1) + 1);
        for (int i = 0; i < count; i++) {
            String name = names.isEmpty() || random.nextInt(8) == 0 ? nasty() : pick(names);
            String value = name.equals("formToken") && session.formToken() != null && random.nextBoolean() ? session.formToken() : nasty();
            body.append(body.isEmpty() ? "" : "&").append(encode(name)).append('=').append(encode(value));
        }
        if (random.nextInt(100) == 0) {
            body.append("&message=").append(encode("x".repeat(3_000_000)));
        }
        return body.toString();
    }

    private String nasty() {
        String value = pick(NASTY);
        return random.nextInt(8) == 0 ? value + pick(NASTY) : value;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Percent-encodes everything but unreserved characters, lone surrogates as the replacement the encoder makes. */
    private static String encodePath(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Every text column of the product's own tables (not the engine's) that holds something a browser would run. */
    static List<String> storedScripts() throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection connection = MariaDbTestDatabase.connect(); Statement sql = connection.createStatement()) {
            List<String[]> columns = new ArrayList<>();
            try (ResultSet rs = sql.executeQuery("select table_name, column_name from information_schema.columns "
                    + "where table_schema = database() and data_type in ('varchar', 'text', 'mediumtext', 'longtext') "
                    + "and table_name not like 'ACT\\_%' and table_name not like 'flyway%'")) {
                while (rs.next()) {
                    columns.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            for (String[] column : columns) {
                String c = "`" + column[1] + "`";
                try (ResultSet rs = sql.executeQuery("select count(*), min(" + c + ") from `" + column[0] + "` where lower(" + c
                        + ") like '%<script%' or lower(" + c + ") like '%onerror=%' or lower(" + c + ") like '%javascript:%'")) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        String example = rs.getString(2);
                        found.add(column[0] + "." + column[1] + ": " + rs.getLong(1) + " rows, e.g. "
                                + (example.length() > 200 ? example.substring(0, 200) : example));
                    }
                }
            }
        }
        return found;
    }

    /** One caller: a bearer token for the API and, for staff, a session signed in through Keycloak for the pages. */
    static final class Session {

        private final int port;
        private final String user;
        private final Map<String, Map<String, String>> cookies = new ConcurrentHashMap<>();
        private final HttpClient http;
        private String csrf;
        private String formToken;

        Session(int port, String user) {
            this.port = port;
            this.user = user;
            this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5))
                    .cookieHandler(new CookieHandler() {
                        // Keycloak marks its cookies Secure on plain http too: keep them per host and port, as a browser on localhost does
                        @Override
                        public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) {
                            Map<String, String> jar = cookies.getOrDefault(uri.getHost() + ":" + uri.getPort(), Map.of());
                            if (jar.isEmpty()) {
                                return Map.of();
                            }
                            List<String> pairs = new ArrayList<>();
                            jar.forEach((name, value) -> pairs.add(name + "=" + value));
                            return Map.of("Cookie", List.of(String.join("; ", pairs)));
                        }

                        @Override
                        public void put(URI uri, Map<String, List<String>> headers) {
                            headers.forEach((name, values) -> {
                                if ("set-cookie".equalsIgnoreCase(name)) {
                                    for (String value : values) {
                                        String pair = value.split(";", 2)[0];
                                        int eq = pair.indexOf('=');
                                        cookies.computeIfAbsent(uri.getHost() + ":" + uri.getPort(), k -> new ConcurrentHashMap<>())
                                                .put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                                    }
                                }
                            });
                        }
                    }).build();
        }

        String name() {
            return user == null ? "anonymous" : user;
        }

        String csrf() {
            return csrf;
        }

        String formToken() {
            return formToken;
        }

        /** Signs staff in through Keycloak's login form; collects the CSRF token and the names of the pages' form fields. */
        void signInAndHarvest(EndpointFuzzIT fuzz) throws Exception {
            if (user != null) {
                HttpResponse<String> login = follow(get("/oauth2/authorization/keycloak"));
                Element form = Jsoup.parse(login.body(), login.uri().toString()).getElementById("kc-form-login");
                assertThat(form).as("Keycloak's login form").isNotNull();
                HttpResponse<String> signedIn = follow(http.send(HttpRequest.newBuilder(URI.create(form.absUrl("action")))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("username=" + encode(user) + "&password="
                                + encode(KeycloakTestServer.PASSWORD) + "&credentialId="))
                        .build(), HttpResponse.BodyHandlers.ofString()));
                assertThat(signedIn.statusCode()).as("signed in as " + user).isEqualTo(200);
                harvest(fuzz, "/staff");
                harvest(fuzz, "/staff/cases/new");
                for (String caseId : fuzz.known.get("id")) {
                    harvest(fuzz, "/staff/cases/" + caseId);
                    harvest(fuzz, "/staff/cases/" + caseId + "/edit");
                }
            }
            harvest(fuzz, "/register/" + fuzz.known.get("lars").get(0) + "/melden");
        }

        private void harvest(EndpointFuzzIT fuzz, String path) throws Exception {
            HttpResponse<String> page = get(path);
            if (page.statusCode() != 200) {
                return;
            }
            Document html = Jsoup.parse(page.body());
            for (Element input : html.select("input[name], textarea[name], select[name]")) {
                String name = input.attr("name");
                if (name.equals("_csrf")) {
                    csrf = input.val();
                } else if (name.equals("formToken")) {
                    formToken = input.val();
                    fuzz.formFields.add(name);
                } else {
                    fuzz.formFields.add(name);
                }
            }
        }

        HttpResponse<String> send(Sent sent) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + sent.uri()))
                    .timeout(Duration.ofSeconds(60))
                    .method(sent.method(), sent.body() == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(sent.body()));
            if (sent.contentType() != null) {
                request.header("Content-Type", sent.contentType());
            }
            boolean api = sent.uri().startsWith("/api/");
            request.header("Accept", api ? "application/json" : "text/html");
            if (api && user != null) {
                request.header("Authorization", "Bearer " + KeycloakTestServer.get().accessToken(user));
            }
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                // the server closed the connection on an oversized request (Tomcat's limits): not an answer of ours, but never a 5xx
                return new ClosedResponse(request.build(), e);
            }
        }

        private HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        private HttpResponse<String> follow(HttpResponse<String> response) throws Exception {
            HttpResponse<String> current = response;
            for (int hops = 0; hops < 10 && current.statusCode() / 100 == 3; hops++) {
                URI next = current.uri().resolve(current.headers().firstValue("Location").orElseThrow());
                current = http.send(HttpRequest.newBuilder(next).GET().build(), HttpResponse.BodyHandlers.ofString());
            }
            return current;
        }
    }

    /** A request the server refused by closing the connection, recorded as status 0. */
    record ClosedResponse(HttpRequest request, IOException cause) implements HttpResponse<String> {

        @Override
        public int statusCode() {
            return 0;
        }

        @Override
        public java.util.Optional<HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true);
        }

        @Override
        public String body() {
            return "";
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return java.util.Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
