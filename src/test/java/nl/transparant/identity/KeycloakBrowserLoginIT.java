package nl.transparant.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import nl.transparant.support.Browser;
import nl.transparant.support.FullStackTest;
import nl.transparant.support.KeycloakTestServer;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * A member of staff signs in as a browser does: the application sends them to Keycloak (authorization
 * code with PKCE), they type their password on Keycloak's own page, and come back signed in with the
 * roles and organisations of their token.
 */
class KeycloakBrowserLoginIT extends FullStackTest {

    @Test
    void aProjectOwnerSignsInThroughKeycloakAndSeesTheirWork() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> staff = browser.signIn(port, "owner-zoetermeer");

        assertThat(staff.statusCode()).isEqualTo(200);
        assertThat(staff.uri().getPath()).isEqualTo("/staff");
        assertThat(Jsoup.parse(staff.body()).text()).contains("Olga");
        assertThat(browser.get(URI.create("http://127.0.0.1:" + port + "/camunda/app/cockpit/default/")).statusCode())
                .isEqualTo(403);
    }

    @Test
    void theAdministratorSignsInThroughKeycloakAndReachesTheCockpit() throws Exception {
        Browser browser = new Browser();
        browser.signIn(port, "admin");
        assertThat(browser.get(URI.create("http://127.0.0.1:" + port + "/camunda/app/cockpit/default/")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aWrongPasswordDoesNotSignIn() throws Exception {
        Browser browser = new Browser();
        HttpResponse<String> keycloakPage = browser.follow(browser.get(URI.create("http://127.0.0.1:" + port
                + "/oauth2/authorization/keycloak")));
        HttpResponse<String> again = browser.follow(browser.submitLogin(keycloakPage, "owner-zoetermeer", "wrong"));
        assertThat(again.uri().getHost()).isEqualTo(URI.create(KeycloakTestServer.get().baseUrl()).getHost());
        assertThat(browser.get(URI.create("http://127.0.0.1:" + port + "/staff")).statusCode()).isEqualTo(302);
    }
}
