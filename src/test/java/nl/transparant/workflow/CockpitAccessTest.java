package nl.transparant.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Camunda Cockpit at /camunda, through a real browser-style sign-in with the demo accounts: the
 * administrator gets in, every other role gets a 403, and nobody gets in without signing in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:cockpit;MODE=MariaDB;DB_CLOSE_DELAY=-1",
        "transparant.demo-data=false"})
class CockpitAccessTest {

    static final String COCKPIT = "/camunda/app/cockpit/default/";
    static final String COCKPIT_API = "/camunda/api/cockpit/plugin/base/default/process-definition/statistics";

    @LocalServerPort
    int port;

    @Test
    void theAdministratorReachesTheCockpitAndItsApi() throws Exception {
        HttpClient browser = signedIn("admin");
        HttpResponse<String> page = get(browser, COCKPIT);
        assertThat(page.statusCode()).as(page.headers().map().toString()).isEqualTo(200);
        HttpResponse<String> statistics = get(browser, COCKPIT_API);
        assertThat(statistics.statusCode()).as(statistics.body()).isEqualTo(200);
        assertThat(statistics.body()).contains("algorithm-review");
    }

    @ParameterizedTest
    @ValueSource(strings = {"owner-zoetermeer", "privacy-zoetermeer", "ethics-regional", "publisher-zoetermeer", "auditor-regional"})
    void everyOtherRoleIsRefused(String username) throws Exception {
        HttpClient browser = signedIn(username);
        assertThat(get(browser, COCKPIT).statusCode()).isEqualTo(403);
        assertThat(get(browser, COCKPIT_API).statusCode()).isEqualTo(403);
    }

    @Test
    void withoutSigningInTheCockpitSendsYouToTheLoginPage() throws Exception {
        HttpResponse<String> response = get(HttpClient.newBuilder().cookieHandler(new CookieManager()).build(), COCKPIT);
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElse("")).endsWith("/login");
    }

    private HttpClient signedIn(String username) throws IOException, InterruptedException {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String loginPage = get(browser, "/login").body();
        String csrf = Jsoup.parse(loginPage).select("form input[name=_csrf]").attr("value");
        String form = "username=" + username + "&password=demo&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as("sign-in of " + username).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        return browser;
    }

    private HttpResponse<String> get(HttpClient browser, String path) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
