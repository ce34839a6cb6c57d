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
 * Guessing passwords of the local accounts is slowed per account and address (a delay that doubles with every wrong
 * password after the fifth, at most a minute), per account across addresses only when many addresses guess it, and per
 * address only when it tries many accounts; people are not locked out, not even by a guesser that never stops. Through
 * the real filter chain; the clock is the test's own, so waiting costs nothing. The counts live as long as the shared
 * application context, so each test uses addresses and accounts of its own.
 */
class LoginThrottleTest extends ClockedPageTestSupport {

    /** Attack 1: one address guesses as fast as it is let (every 0.2 s for 150 s); the owner elsewhere signs in every 5 s. */
    @Test
    void theOwnerSignsInFromAnotherAddressAtEveryAttemptWhileOneAddressHammersTheAccount() throws Exception {
        int checkedGuesses = 0;
        int ownerSignIns = 0;
        long longestRetryAfter = 0;
        for (int tick = 0; tick < 750; tick++) {
            MockHttpServletResponse guess = login("10.4.0.1", "admin", "guess-" + tick);
            if (guess.getStatus() == 429) {
                longestRetryAfter = Math.max(longestRetryAfter, Long.parseLong(guess.getHeader("Retry-After")));
            } else {
                assertThat(guess.getRedirectedUrl()).isEqualTo("/login?error");
                checkedGuesses++;
            }
            if (tick % 25 == 0) {
                assertThat(login("10.4.9.9", "admin", "demo").getRedirectedUrl())
                        .as("the owner's sign-in at %d ms", tick * 200).isEqualTo("/staff");
                ownerSignIns++;
            }
            clock.advance(Duration.ofMillis(200));
        }
        assertThat(ownerSignIns).isEqualTo(30);
        assertThat(checkedGuesses).as("5 free, then 1, 2, 4 … at most 60 s apart").isBetween(10, 14);
        assertThat(longestRetryAfter).as("at most a minute, never 15").isEqualTo(60);

        clock.advance(Duration.ofSeconds(60));
        assertThat(login("10.4.0.1", "admin", "demo").getRedirectedUrl())
                .as("the right password from the guessing address itself, once its delay has passed").isEqualTo("/staff");
        assertThat(login("10.4.0.1", "admin", "guess-after").getRedirectedUrl())
                .as("which ended that address's streak: the next wrong one is just wrong").isEqualTo("/login?error");
    }

    @Test
    void theDelayOfOneAddressStartsAfterFiveWrongPasswordsAndDoubles() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(login("10.4.1.1", "owner-zoetermeer", "guess-" + i).getRedirectedUrl()).isEqualTo("/login?error");
        }
        MockHttpServletResponse waiting = login("10.4.1.1", "owner-zoetermeer", "demo");
        assertThat(waiting.getStatus()).as("the sixth attempt waits, even with the right password").isEqualTo(429);
        assertThat(waiting.getHeader("Retry-After")).isEqualTo("1");
        clock.advance(Duration.ofSeconds(1));
        assertThat(login("10.4.1.1", "owner-zoetermeer", "guess-6").getRedirectedUrl()).isEqualTo("/login?error");
        assertThat(login("10.4.1.1", "owner-zoetermeer", "guess-7").getHeader("Retry-After")).as("the delay doubles").isEqualTo("2");
        assertThat(login("10.4.1.2", "owner-zoetermeer", "demo").getRedirectedUrl()).as("another address").isEqualTo("/staff");
    }

    /** Many addresses guessing one account: between them one guess a minute; the owner's known address is not held up. */
    @Test
    void aDistributedAttackDelaysOnlyAddressesThatNeverSignedInToTheAccount() throws Exception {
        clock.advance(Duration.ofMinutes(16)); // other tests' typos for this account are forgotten, whichever ran first
        assertThat(login("10.8.1.1", "owner-bar", "demo").getRedirectedUrl()).isEqualTo("/staff");
        for (int bot = 1; bot <= 11; bot++) {
            assertThat(login("10.8.0." + bot, "owner-bar", "Welkom01!").getRedirectedUrl()).isEqualTo("/login?error");
        }
        assertThat(login("10.8.0.12", "owner-bar", "Zomer2026!").getStatus()).as("the twelfth address waits").isEqualTo(429);
        MockHttpServletResponse newAddress = login("10.8.2.2", "owner-bar", "demo");
        assertThat(newAddress.getStatus()).isEqualTo(429);
        assertThat(newAddress.getHeader("Retry-After")).isEqualTo("60");
        assertThat(login("10.8.1.1", "owner-bar", "demo").getRedirectedUrl())
                .as("the address the owner signed in from before").isEqualTo("/staff");

        clock.advance(Duration.ofSeconds(60));
        assertThat(login("10.8.2.2", "owner-bar", "demo").getRedirectedUrl()).isEqualTo("/staff");
        assertThat(login("10.8.0.12", "owner-bar", "Zomer2026!").getRedirectedUrl()).isEqualTo("/login?error");
        assertThat(login("10.8.0.13", "owner-bar", "Herfst2026!").getStatus()).as("one guess a minute between them").isEqualTo(429);
        assertThat(login("10.8.2.2", "owner-bar", "demo").getRedirectedUrl()).as("now known").isEqualTo("/staff");
    }

    @Test
    void thirtySignInsBehindOneNatAddressAreNotBlockedEvenWithTypos() throws Exception {
        clock.advance(Duration.ofMinutes(16)); // the distributed attack on owner-bar is forgotten, whichever test ran first
        for (int i = 0; i < 30; i++) {
            String username = DemoAccount.ALL_ACCOUNTS.get(i % DemoAccount.ALL_ACCOUNTS.size()).username();
            if (i < DemoAccount.ALL_ACCOUNTS.size()) {
                assertThat(login("10.5.0.1", username, "typo").getRedirectedUrl()).isEqualTo("/login?error");
            }
            assertThat(login("10.5.0.1", username, "demo").getRedirectedUrl()).as("sign-in %d of %s", i, username).isEqualTo("/staff");
        }
    }

    /** Attack 2: a password sprayer (22 user names, none valid needed) behind the same address as real users. */
    @Test
    void aSprayingAddressIsSlowedAndWhoSignsInBehindItIsNotLockedOut() throws Exception {
        for (int i = 0; i <= 20; i++) {
            assertThat(login("10.6.0.1", "sprayed-" + i, "Welkom01!").getRedirectedUrl()).isEqualTo("/login?error");
        }
        MockHttpServletResponse sprayer = login("10.6.0.1", "sprayed-21", "Welkom01!");
        assertThat(sprayer.getStatus()).as("the 22nd user name from that address waits").isEqualTo(429);
        assertThat(sprayer.getHeader("Retry-After")).isEqualTo("1");
        assertThat(sprayer.getErrorMessage()).isNull();

        MockHttpServletResponse colleague = login("10.6.0.1", "privacy-bar", "demo");
        assertThat(colleague.getStatus()).as("a colleague behind the same address waits the same second").isEqualTo(429);
        clock.advance(Duration.ofSeconds(Long.parseLong(colleague.getHeader("Retry-After"))));
        assertThat(login("10.6.0.1", "privacy-bar", "demo").getRedirectedUrl()).as("and then signs in").isEqualTo("/staff");
        assertThat(login("10.6.0.2", "owner-capelle", "demo").getRedirectedUrl()).as("another address").isEqualTo("/staff");

        // the sprayer goes on as fast as it is let; the delay doubles up to a minute, never 15
        for (int i = 22; i < 32; i++) {
            MockHttpServletResponse spray = login("10.6.0.1", "sprayed-" + i, "Welkom01!");
            if (spray.getStatus() == 429) {
                clock.advance(Duration.ofSeconds(Long.parseLong(spray.getHeader("Retry-After"))));
                spray = login("10.6.0.1", "sprayed-" + i, "Welkom01!");
            }
            assertThat(spray.getRedirectedUrl()).isEqualTo("/login?error");
            assertThat(login("10.6.0.1", "privacy-bar", "demo").getRedirectedUrl())
                    .as("who signed in from that address before goes on signing in, %d names sprayed", i).isEqualTo("/staff");
        }
        assertThat(login("10.6.0.1", "sprayed-32", "Welkom01!").getHeader("Retry-After")).isEqualTo("60");

        clock.advance(Duration.ofMinutes(15));
        assertThat(login("10.6.0.1", "owner-capelle", "demo").getRedirectedUrl()).as("a quiet window forgets").isEqualTo("/staff");
    }

    @Test
    void theApiAnswersAWaitingBasicLoginWithAProblem() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(basic("10.7.0.1", "publisher-capelle", "wrong-" + i).getStatus()).isEqualTo(401);
        }
        assertThat(basic("10.7.0.2", "publisher-capelle", "demo").getStatus()).as("the owner elsewhere").isEqualTo(200);
        MockHttpServletResponse waiting = basic("10.7.0.1", "publisher-capelle", "wrong-5");
        assertThat(waiting.getStatus()).isEqualTo(429);
        assertThat(waiting.getHeader("Retry-After")).isEqualTo("1");
        assertThat(waiting.getContentType()).startsWith("application/problem+json");
        assertThat(waiting.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("Te vaak mislukt inloggen", "over 1 s");

        clock.advance(Duration.ofSeconds(1));
        assertThat(basic("10.7.0.1", "publisher-capelle", "demo").getStatus()).isEqualTo(200);
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
