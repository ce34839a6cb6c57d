package nl.transparant.site;

import static nl.transparant.site.PageChecks.assertWellFormedPage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;

/** What every page shares: the language choice, the layout, signing in and out. */
class SitePagesTest extends PageTestSupport {

    @Test
    void dutchIsTheDefaultWhateverTheBrowserPrefers() throws Exception {
        Page page = page(get("/register").header("Accept-Language", "en-GB,en;q=0.9"));

        assertThat(page.document().selectFirst("html").attr("lang")).isEqualTo("nl");
        assertThat(page.document().selectFirst("h1").text()).isEqualTo("Algoritmeregister");
        assertThat(page.document().selectFirst("a[hreflang=en]").attr("href")).isEqualTo("/en/register");
        assertThat(page.document().selectFirst("a[hreflang=en]").attr("lang")).isEqualTo("en");
    }

    @Test
    void theLanguageChoiceIsRememberedInACookie() throws Exception {
        Page chosen = page(get("/login").param("lang", "en").param("q", "bomen & struiken"));
        Cookie cookie = chosen.result().getResponse().getCookie(SiteLanguage.COOKIE);
        assertThat(cookie.getValue()).isEqualTo("en");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(chosen.document().selectFirst("a[hreflang=nl]").attr("href")).isEqualTo("/login?q=bomen%20%26%20struiken&lang=nl");

        Document later = page(get("/login").cookie(cookie)).document();
        assertThat(later.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(later.selectFirst("h1").text()).isEqualTo("Sign in");

        Document unknown = page(get("/login").param("lang", "fr")).document();
        assertThat(unknown.selectFirst("html").attr("lang")).as("only Dutch and English exist").isEqualTo("nl");
        Document forged = page(get("/login").cookie(new Cookie(SiteLanguage.COOKIE, "de"))).document();
        assertThat(forged.selectFirst("html").attr("lang")).isEqualTo("nl");
    }

    @Test
    void theLoginPageListsTheDemoAccountsAndSignsIn() throws Exception {
        Page login = page("/login").assertStatus(200);
        Document form = login.document();
        assertWellFormedPage(form);
        assertThat(form.selectFirst("label[for=username]").text()).isEqualTo("Gebruikersnaam");
        assertThat(form.select("table tbody tr")).hasSizeGreaterThan(10);
        assertThat(form.selectFirst("nav").text()).contains("Inloggen").doesNotContain("Uitloggen");

        MockHttpSession session = new MockHttpSession();
        Page signedIn = page(post("/login").session(session).with(SecurityMockMvcRequestPostProcessors.csrf())
                .param("username", "privacy-zoetermeer").param("password", "demo"));
        assertThat(signedIn.status()).isEqualTo(302);
        assertThat(signedIn.redirectedTo()).isEqualTo("/staff");

        Document work = page(get("/staff").session(session)).assertStatus(200).document();
        assertWellFormedPage(work);
        assertThat(work.selectFirst("nav").text()).contains("Ingelogd als Pieter Smit", "Uitloggen");

        Page wrong = page(post("/login").with(SecurityMockMvcRequestPostProcessors.csrf())
                .param("username", "privacy-zoetermeer").param("password", "wrong"));
        assertThat(wrong.redirectedTo()).isEqualTo("/login?error");
        Document failed = page("/login?error").document();
        assertWellFormedPage(failed);
        assertThat(failed.selectFirst("[role=alert]").text()).contains("Inloggen is niet gelukt");
    }

    @Test
    void signingOutIsAFormPostWithCsrf() throws Exception {
        Document page = page("/staff", "auditor-regional").assertStatus(200).document();
        assertThat(page.selectFirst("form[action=/logout][method=post] input[name=_csrf]")).isNotNull();

        Page withoutToken = page(post("/logout").with(SecurityMockMvcRequestPostProcessors.authentication(as("auditor-regional"))));
        assertThat(withoutToken.status()).as("a logout without CSRF token is refused").isEqualTo(403);
    }

    @Test
    void anAddressTheApplicationDoesNotServeIsNotFoundForEveryoneInTheLanguageAskedFor() throws Exception {
        Page anonymous = page(get("/bestaatniet?lang=en").accept("text/html"));
        anonymous.assertStatus(404);
        assertWellFormedPage(anonymous.document());
        assertThat(anonymous.document().selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(anonymous.document().selectFirst("h1").text()).isEqualTo("Not found");

        Page signedIn = page(get("/bestaatniet").accept("text/html")
                .with(SecurityMockMvcRequestPostProcessors.authentication(as("owner-zoetermeer"))));
        signedIn.assertStatus(404);
        assertThat(signedIn.document().selectFirst("h1").text()).isEqualTo("Niet gevonden");

        // staff pages still ask to sign in first, and an unknown POST still meets the CSRF check and the deny-all rule
        assertThat(page(get("/staff/bestaatniet").accept("text/html")).status()).isEqualTo(302);
        assertThat(page(post("/bestaatniet").accept("text/html")).status()).isEqualTo(403);
        assertThat(page(post("/bestaatniet").accept("text/html").with(SecurityMockMvcRequestPostProcessors.csrf())
                .with(SecurityMockMvcRequestPostProcessors.authentication(as("owner-zoetermeer")))).status()).isEqualTo(403);
    }

    @Test
    void aBrowserAskingForAnAddressNothingAnswersGetsAPage() throws Exception {
        Page unknown = page(get("/register/12345678/nothing-here").accept("text/html"));
        unknown.assertStatus(404);
        assertWellFormedPage(unknown.document());
        assertThat(unknown.document().selectFirst("h1").text()).isEqualTo("Niet gevonden");

        Page formAddress = page(get("/staff/cases/some-case/submit").accept("text/html")
                .with(SecurityMockMvcRequestPostProcessors.authentication(as("owner-zoetermeer"))));
        formAddress.assertStatus(405);
        assertWellFormedPage(formAddress.document());
        assertThat(formAddress.document().selectFirst("h1").text()).isEqualTo("Dit kan niet op deze manier");

        Page api = page(get("/api/public/algorithms/12345678/nothing-here").accept("text/html", "application/json"));
        assertThat(api.result().getResponse().getContentType()).as("the API keeps its own errors").doesNotContain("text/html");
    }

    @Test
    void theHomeAddressLeadsToTheRegister() throws Exception {
        Page home = page("/");
        assertThat(home.status()).isEqualTo(302);
        assertThat(home.redirectedTo()).isEqualTo("/register");
    }

    @Test
    void theStylesheetIsPublic() throws Exception {
        assertThat(page("/css/site.css").status()).isEqualTo(200);
    }
}
