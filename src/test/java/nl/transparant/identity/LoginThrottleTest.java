package nl.transparant.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import nl.transparant.site.PageTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Guessing passwords of the local accounts stops after ten wrong ones, per client address and per user name, on the
 * login form and on HTTP Basic alike. Each test uses addresses and names of its own: the counts live as long as the
 * shared application context.
 */
class LoginThrottleTest extends PageTestSupport {

    @Test
    void tenWrongPasswordsFromOneAddressBlockItsNextLoginEvenWithTheRightPassword() throws Exception {
        for (int i = 0; i < 10; i++) {
            MockHttpServletResponse wrong = login("10.1.1.1", "guess-" + i, "wrong");
            assertThat(wrong.getRedirectedUrl()).isEqualTo("/login?error");
        }
        MockHttpServletResponse blocked = login("10.1.1.1", "owner-zoetermeer", "demo");
        assertThat(blocked.getStatus()).isEqualTo(429);
        assertThat(blocked.getHeader("Retry-After")).isEqualTo("900");
        assertThat(blocked.getErrorMessage()).isNull();

        MockHttpServletResponse elsewhere = login("10.1.1.2", "owner-zoetermeer", "demo");
        assertThat(elsewhere.getRedirectedUrl()).as("another address is not blocked").isEqualTo("/staff");
    }

    @Test
    void tenWrongPasswordsForOneUserNameBlockItFromEveryAddress() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(login("10.2.0." + i, "ghost-account", "wrong-" + i).getRedirectedUrl()).isEqualTo("/login?error");
        }
        assertThat(login("10.2.1.1", "ghost-account", "anything").getStatus()).isEqualTo(429);
        assertThat(login("10.2.1.1", "owner-nissewaard", "demo").getRedirectedUrl()).isEqualTo("/staff");
    }

    @Test
    void theApiAnswersBlockedBasicLoginsWithAProblem() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(basic("10.3.0.1", "basic-guess-" + i, "wrong").getStatus()).isEqualTo(401);
        }
        MockHttpServletResponse blocked = basic("10.3.0.1", "owner-zoetermeer", "demo");
        assertThat(blocked.getStatus()).isEqualTo(429);
        assertThat(blocked.getContentType()).startsWith("application/problem+json");
        assertThat(blocked.getContentAsString()).contains("Too many failed sign-ins");
        assertThat(basic("10.3.0.2", "owner-zoetermeer", "demo").getStatus()).isEqualTo(200);
    }

    @Test
    void theBlockedPageSaysWhatHappenedInBothLanguages() throws Exception {
        // what the servlet container's error dispatch renders for the 429 of the login form
        Page dutch = page(get("/error").accept(MediaType.TEXT_HTML).requestAttr("jakarta.servlet.error.status_code", 429));
        assertThat(dutch.document().select("h1").text()).isEqualTo("Te veel pogingen");
        Page english = page(get("/error").accept(MediaType.TEXT_HTML).param("lang", "en")
                .requestAttr("jakarta.servlet.error.status_code", 429));
        assertThat(english.document().select("h1").text()).isEqualTo("Too many attempts");
    }

    private MockHttpServletResponse login(String address, String username, String password) throws Exception {
        return call(post("/login").param("username", username).param("password", password).with(csrf()), address);
    }

    private MockHttpServletResponse basic(String address, String username, String password) throws Exception {
        return call(get("/api/tasks").with(httpBasic(username, password)), address);
    }

    private MockHttpServletResponse call(MockHttpServletRequestBuilder request, String address) throws Exception {
        return mvc.perform(request.with(r -> {
            r.setRemoteAddr(address);
            return r;
        })).andReturn().getResponse();
    }
}
