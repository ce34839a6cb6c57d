package nl.transparant.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * A minimal browser: follows redirects by hand and keeps cookies per host. Keycloak marks its
 * cookies Secure even on plain http; the JDK's cookie manager would not send them back, a browser on
 * localhost does.
 */
public final class Browser {

    private final Map<String, Map<String, String>> cookies = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .cookieHandler(new CookieHandler() {
                @Override
                public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) {
                    Map<String, String> jar = cookies.getOrDefault(uri.getHost() + ":" + uri.getPort(), Map.of());
                    if (jar.isEmpty()) {
                        return Map.of();
                    }
                    StringBuilder header = new StringBuilder();
                    jar.forEach((name, value) -> header.append(header.isEmpty() ? "" : "; ").append(name).append('=').append(value));
                    return Map.of("Cookie", List.of(header.toString()));
                }

                @Override
                public void put(URI uri, Map<String, List<String>> headers) {
                    headers.forEach((name, values) -> {
                        if ("set-cookie".equalsIgnoreCase(name)) {
                            values.forEach(v -> {
                                String pair = v.split(";", 2)[0];
                                int eq = pair.indexOf('=');
                                cookies.computeIfAbsent(uri.getHost() + ":" + uri.getPort(), k -> new HashMap<>())
                                        .put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                            });
                        }
                    });
                }
            })
            .build();

    public HttpResponse<String> signIn(int port, String username) throws IOException, InterruptedException {
        HttpResponse<String> loginPage = follow(get(URI.create("http://127.0.0.1:" + port + "/oauth2/authorization/keycloak")));
        assertThat(loginPage.body()).contains("kc-form-login");
        return follow(submitLogin(loginPage, username, KeycloakTestServer.PASSWORD));
    }

    public HttpResponse<String> submitLogin(HttpResponse<String> loginPage, String username, String password)
            throws IOException, InterruptedException {
        Element form = Jsoup.parse(loginPage.body(), loginPage.uri().toString()).getElementById("kc-form-login");
        String body = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&credentialId=";
        return http.send(HttpRequest.newBuilder(URI.create(form.absUrl("action")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET that gives up after {@code timeout}: an answer that takes longer throws {@link java.net.http.HttpTimeoutException}. */
    public HttpResponse<String> get(URI uri, java.time.Duration timeout) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> follow(HttpResponse<String> response) throws IOException, InterruptedException {
        HttpResponse<String> current = response;
        for (int hops = 0; hops < 10 && current.statusCode() / 100 == 3; hops++) {
            URI next = current.uri().resolve(current.headers().firstValue("Location").orElseThrow());
            current = get(next);
        }
        return current;
    }
}
