package nl.transparant.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import nl.transparant.site.ClockedPageTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Guessing passwords of the local accounts is slowed per account (a delay that doubles with every wrong password after
 * the fifth, at most a minute) and per address only when it tries many accounts; people are not locked out. The clock
 * is the test's own, so waiting costs nothing. The counts live as long as the shared application context, so each
 * test uses addresses of its own and ends every account's streak with a right password.
 */
class LoginThrottleTest extends ClockedPageTestSupport {

    @Test
    void theRightPasswordSignsInOnceTheDelayHasPassedWhileAnotherAddressHammersTheAccount() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(login("10.4.0.1", "admin", "guess-" + i).getRedirectedUrl()).isEqualTo("/login?error");
        }
        MockHttpServletResponse hammering = login("10.4.0.1", "admin", "guess-5");
        assertThat(hammering.getStatus()).as("the sixth guess waits").isEqualTo(429);
        assertThat(hammering.getHeader("Retry-After")).isEqualTo("1");
        assertThat(login("10.4.9.9", "admin", "demo").getStatus()).as("the owner waits the same second").isEqualTo(429);

        clock.advance(Duration.ofSeconds(1));
        assertThat(login("10.4.0.1", "admin", "guess-6").getRedirectedUrl()).isEqualTo("/login?error");
        assertThat(login("10.4.0.1", "admin", "guess-7").getHeader("Retry-After")).as("the delay doubles").isEqualTo("2");

        // the attacker keeps going as fast as the delays allow; the delay stops growing at the cap
        for (int i = 0; i < 12; i++) {
            clock.advance(Duration.ofSeconds(Long.parseLong(login("10.4.0.1", "admin", "x").getHeader("Retry-After"))));
            assertThat(login("10.4.0.1", "admin", "guess-more-" + i).getRedirectedUrl()).isEqualTo("/login?error");
        }
        MockHttpServletResponse capped = login("10.4.0.1", "admin", "x");
        assertThat(capped.getStatus()).isEqualTo(429);
        assertThat(capped.getHeader("Retry-After")).as("at most a minute, never 15").isEqualTo("60");

        clock.advance(Duration.ofSeconds(60));
        assertThat(login("10.4.9.9", "admin", "demo").getRedirectedUrl())
                .as("the administrator signs in from their own address after the delay").isEqualTo("/staff");
        assertThat(login("10.4.0.1", "admin", "guess-after").getRedirectedUrl())
                .as("a right password ended the streak: the next wrong one is just wrong").isEqualTo("/login?error");
        assertThat(login("10.4.9.9", "admin", "demo").getRedirectedUrl()).isEqualTo("/staff");
    }

    @Test
    void thirtySignInsBehindOneNatAddressAreNotBlockedEvenWithTypos() throws Exception {
        for (int i = 0; i < 30; i++) {
            String username = DemoAccount.ALL_ACCOUNTS.get(i % DemoAccount.ALL_ACCOUNTS.size()).username();
            if (i < DemoAccount.ALL_ACCOUNTS.size()) {
                assertThat(login("10.5.0.1", username, "typo").getRedirectedUrl()).isEqualTo("/login?error");
            }
            assertThat(login("10.5.0.1", username, "demo").getRedirectedUrl()).as("sign-in %d of %s", i, username).isEqualTo("/staff");
        }
    }

    @Test
    void anAddressTryingManyAccountsIsBlockedForTheWindowAndOthersAreNot() throws Exception {
        for (int i = 0; i <= 20; i++) {
            assertThat(login("10.6.0.1", "sprayed-" + i, "Welkom01!").getRedirectedUrl()).isEqualTo("/login?error");
        }
        MockHttpServletResponse blocked = login("10.6.0.1", "owner-capelle", "demo");
        assertThat(blocked.getStatus()).as("the 22nd account from that address").isEqualTo(429);
        assertThat(blocked.getHeader("Retry-After")).isEqualTo("900");
        assertThat(blocked.getErrorMessage()).isNull();
        assertThat(login("10.6.0.2", "owner-capelle", "demo").getRedirectedUrl()).as("another address").isEqualTo("/staff");

        clock.advance(Duration.ofMinutes(15));
        assertThat(login("10.6.0.1", "owner-capelle", "demo").getRedirectedUrl()).isEqualTo("/staff");
    }

    @Test
    void theApiAnswersAWaitingBasicLoginWithAProblem() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(basic("10.7.0.1", "publisher-capelle", "wrong-" + i).getStatus()).isEqualTo(401);
        }
        MockHttpServletResponse waiting = basic("10.7.0.2", "publisher-capelle", "demo");
        assertThat(waiting.getStatus()).isEqualTo(429);
        assertThat(waiting.getHeader("Retry-After")).isEqualTo("1");
        assertThat(waiting.getContentType()).startsWith("application/problem+json");
        assertThat(waiting.getContentAsString()).contains("Too many failed sign-ins");

        clock.advance(Duration.ofSeconds(1));
        assertThat(basic("10.7.0.2", "publisher-capelle", "demo").getStatus()).isEqualTo(200);
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
