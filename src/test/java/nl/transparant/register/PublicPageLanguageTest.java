package nl.transparant.register;

import static nl.transparant.site.PageChecks.assertWellFormedPage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import nl.transparant.register.problemreports.ReportFormGuard;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.MvcResult;
import nl.transparant.site.PageTestSupport;

/**
 * Issue 14: the public register's pages carry their language in the path ({@code /register/…} Dutch,
 * {@code /en/register/…} English), so a shared cache keeps one copy per address for everyone: the same address gives the
 * same language whatever cookie or Accept-Language comes with it, no response varies on the cookie, and an English page
 * links to English pages. Old links with {@code ?lang} are sent to the page's address in that language.
 */
class PublicPageLanguageTest extends PageTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    PreparedOverview prepared;

    @org.springframework.beans.factory.annotation.Autowired
    ReportFormGuard guard;

    private static final Cookie ENGLISH_COOKIE = new Cookie("transparant-lang", "en");
    private static final Cookie DUTCH_COOKIE = new Cookie("transparant-lang", "nl");

    @Test
    void theSameAddressIsTheSameLanguageWhateverTheCookieOrBrowserAndNothingVariesOnTheCookie() throws Exception {
        PublishedEntry entry = published("owner-zoetermeer", "publisher-zoetermeer", complete(unique("Taal in het pad")));
        String lars = entry.getLars();
        for (String dutch : List.of("/register", "/register?q=pad", "/register/" + lars, "/register/" + lars + "/versions/1",
                "/register/organisaties/zoetermeer", "/register/" + lars + "/melden")) {
            String english = "/en" + dutch;
            for (MockHttpServletRequestBuilder variant : List.of(get(dutch), get(dutch).cookie(ENGLISH_COOKIE),
                    get(dutch).header("Accept-Language", "en-GB,en;q=0.9"))) {
                assertLanguage(variant, dutch, "nl");
            }
            for (MockHttpServletRequestBuilder variant : List.of(get(english), get(english).cookie(DUTCH_COOKIE),
                    get(english).header("Accept-Language", "nl-NL,nl;q=0.9"))) {
                assertLanguage(variant, english, "en");
            }
        }
        assertThat(mvc.perform(head("/en/register/" + lars)).andReturn().getResponse().getStatus()).isEqualTo(200);
    }

    private void assertLanguage(MockHttpServletRequestBuilder request, String url, String language) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).as(url).isEqualTo(200);
        Document page = Jsoup.parse(response.getContentAsString(StandardCharsets.UTF_8));
        assertThat(page.selectFirst("html").attr("lang")).as(url).isEqualTo(language);
        assertThat(response.getHeaders("Vary")).as(url).noneMatch(v -> v.toLowerCase(java.util.Locale.ROOT).contains("cookie"));
        assertThat(response.getHeaders("Set-Cookie")).as(url).noneMatch(c -> c.startsWith("transparant-lang"));
    }

    @Test
    void oldLinksWithLangAreSentToThePageInThatLanguageKeepingTheirOtherParameters() throws Exception {
        String lars = published("owner-capelle", "publisher-capelle", complete(unique("Oude koppeling"))).getLars();
        Map<String, String> redirects = Map.of(
                "/register?lang=en", "/en/register",
                "/register?q=bomen%20%26%20struiken&lang=en&pagina=2", "/en/register?q=bomen%20%26%20struiken&pagina=2",
                "/register/" + lars + "?lang=en", "/en/register/" + lars,
                "/register/" + lars + "/versions/1?lang=en", "/en/register/" + lars + "/versions/1",
                "/register/organisaties/capelle?lang=en", "/en/register/organisaties/capelle",
                "/register/" + lars + "/melden?lang=en", "/en/register/" + lars + "/melden",
                "/en/register/" + lars + "?lang=nl", "/register/" + lars,
                "/en/register?lang=fr", "/register",
                "/register?lang=nl", "/register",
                // a + in a search is a plus, not a space: it stays encoded (outside test, 2026-12-06)
                "/register?q=C%2B%2B&lang=en", "/en/register?q=C%2B%2B");
        for (Map.Entry<String, String> old : redirects.entrySet()) {
            MockHttpServletResponse response = mvc.perform(get(java.net.URI.create(old.getKey()))).andReturn().getResponse();
            assertThat(response.getStatus()).as(old.getKey()).isEqualTo(303);
            assertThat(response.getHeader("Location")).as(old.getKey()).isEqualTo(old.getValue());
            assertThat(response.getHeaders("Set-Cookie")).as(old.getKey()).isEmpty();
        }
        // the staff pages keep the choice in a cookie, as before
        Cookie chosen = mvc.perform(get("/login").param("lang", "en")).andReturn().getResponse().getCookie("transparant-lang");
        assertThat(chosen.getValue()).isEqualTo("en");
        // the feed and the files name their language in their own way and are not redirected
        MockHttpServletResponse feed = mvc.perform(get("/register/feed.atom").param("lang", "en")).andReturn().getResponse();
        assertThat(feed.getStatus()).isEqualTo(200);
        // ... and, cached by shared caches, they set no cookie (outside test, 2026-12-06)
        assertThat(feed.getHeaders("Set-Cookie")).isEmpty();
        assertThat(mvc.perform(get("/register/downloads/algoritmeregister.csv").param("lang", "en")).andReturn().getResponse()
                .getHeaders("Set-Cookie")).isEmpty();
        // an address under /en that does not exist says so in English; the English pages' link to the staff keeps English
        MockHttpServletResponse missing = mvc.perform(get("/en/register/x/y/z").accept("text/html")
                .cookie(new Cookie("transparant-lang", "nl"))).andReturn().getResponse();
        assertThat(missing.getStatus()).isEqualTo(404);
        assertThat(org.jsoup.Jsoup.parse(missing.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).select("html").attr("lang")).isEqualTo("en");
        assertThat(page("/en/register").document().select("a[href^=/staff]").eachAttr("href")).contains("/staff?lang=en");
        // the switch on a page with a + in its search keeps it a plus
        Document plus = org.jsoup.Jsoup.parse(mvc.perform(get(java.net.URI.create("/register?q=C%2B%2B"))).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(plus.select("link[hreflang=en]").attr("href")).endsWith("/en/register?q=C%2B%2B");
    }

    @Test
    void everyLinkOfAnEnglishPublicPageToAPublicPageStaysEnglishAndTheSwitchLeadsToTheSamePage() throws Exception {
        PublishedEntry entry = published("owner-zoetermeer", "publisher-zoetermeer", complete(unique("Engelse koppelingen")));
        String lars = entry.getLars();
        for (String english : List.of("/en/register", "/en/register?q=koppelingen", "/en/register/" + lars,
                "/en/register/" + lars + "/versions/1", "/en/register/organisaties/zoetermeer", "/en/register/" + lars + "/melden")) {
            Document page = page(english).assertStatus(200).document();
            assertWellFormedPage(page);
            String dutch = english.substring("/en".length());
            Element toDutch = page.selectFirst(".language-switch a");
            assertThat(toDutch.attr("href")).as(english).isEqualTo(dutch);
            assertThat(toDutch.attr("hreflang")).isEqualTo("nl");
            assertThat(page.select("link[rel=alternate][hreflang=nl]").attr("href")).as(english).isEqualTo(dutch);
            assertThat(page.select("link[rel=alternate][hreflang=en]").attr("href")).as(english).isEqualTo(english);
            for (Element link : page.select("a[href^=/register], form[action^=/register]")) {
                String target = link.hasAttr("href") ? link.attr("href") : link.attr("action");
                if (link != toDutch) {
                    // only the files and the feed keep their one address (their names say their language)
                    assertThat(target).as("a link on %s", english).matches("/register/(downloads/.*|feed\\.atom\\?lang=en)");
                }
            }
            assertThat(page.select("a[href^=/en/register]")).as(english).isNotEmpty();

            Document dutchPage = page(dutch).assertStatus(200).document();
            assertThat(dutchPage.selectFirst(".language-switch a").attr("href")).as(dutch).isEqualTo(english);
            assertThat(dutchPage.select("a[href^=/en/]")).as(dutch).containsExactly(dutchPage.selectFirst(".language-switch a"));
        }
    }

    @Test
    void theEnglishReportFormStaysEnglishThroughItsPost() throws Exception {
        String lars = published("owner-capelle", "publisher-capelle", complete(unique("Engels melden"))).getLars();
        Document form = page("/en/register/" + lars + "/melden").assertStatus(200).document();
        assertThat(form.selectFirst("form[method=post]").attr("action")).isEqualTo("/en/register/" + lars + "/melden");
        MvcResult tooQuick = mvc.perform(post("/en/register/" + lars + "/melden").with(SecurityMockMvcRequestPostProcessors.csrf())
                .param("message", "Te snel verstuurd, dit moet opnieuw.").param("formToken", "vervalst")).andReturn();
        assertThat(tooQuick.getResponse().getStatus()).isEqualTo(400);
        Document again = Jsoup.parse(tooQuick.getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(again.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(again.selectFirst(".language-switch a").attr("href")).isEqualTo("/register/" + lars + "/melden");

        MvcResult sent = mvc.perform(post("/en/register/" + lars + "/melden").with(SecurityMockMvcRequestPostProcessors.csrf())
                .param("message", "The contact details are out of date.").param("replyAddress", "")
                .param("formToken", guard.issue(lars, java.time.Instant.now().minusSeconds(60)))).andReturn();
        assertThat(sent.getResponse().getRedirectedUrl()).isEqualTo("/en/register/" + lars + "/melden/verzonden");
        Document thanks = page(sent.getResponse().getRedirectedUrl()).assertStatus(200).document();
        assertThat(thanks.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(thanks.selectFirst(".breadcrumb a").attr("href")).isEqualTo("/en/register/" + lars);
    }

    @Test
    void theOverviewIsPreparedPerLanguageAndGenerationWithAStrongETag() throws Exception {
        MockHttpServletResponse first = mvc.perform(get("/register")).andReturn().getResponse();
        String etag = first.getHeader("ETag");
        assertThat(etag).startsWith("\"").doesNotStartWith("W/");
        assertThat(first.getHeader("Cache-Control")).isEqualTo("max-age=60, public");
        assertThat(first.getContentLength()).isEqualTo(first.getContentAsByteArray().length);
        MockHttpServletResponse again = mvc.perform(get("/register").cookie(ENGLISH_COOKIE)).andReturn().getResponse();
        assertThat(again.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(first.getContentAsString(StandardCharsets.UTF_8));
        assertThat(mvc.perform(get("/register").header("If-None-Match", etag)).andReturn().getResponse().getStatus()).isEqualTo(304);
        String englishEtag = mvc.perform(get("/en/register")).andReturn().getResponse().getHeader("ETag");
        assertThat(englishEtag).isNotEqualTo(etag);
        // served from what was prepared: at the same generation nothing is rendered again
        PreparedOverview.Page kept = prepared.page(java.util.Locale.ENGLISH, () -> {
            throw new AssertionError("rendered again although the register did not change");
        });
        assertThat(kept.etag()).isEqualTo(englishEtag);

        String name = unique("Nieuw op de voorpagina");
        published("owner-nissewaard", "publisher-nissewaard", complete(name));
        // the register moved on: both languages are rendered again, and an old copy is no longer current
        MockHttpServletResponse after = mvc.perform(get("/register").header("If-None-Match", etag)).andReturn().getResponse();
        assertThat(after.getStatus()).isEqualTo(200);
        assertThat(after.getHeader("ETag")).isNotEqualTo(etag);
        // what is prepared is what the same page renders when asked for with a parameter (rendered for the request)
        Document prepared = Jsoup.parse(after.getContentAsString(StandardCharsets.UTF_8));
        Document rendered = Jsoup.parse(mvc.perform(get("/register").param("pagina", "1")).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
        assertThat(prepared.select("h2").first().text()).isEqualTo(rendered.select("h2").first().text())
                .isNotEqualTo(Jsoup.parse(first.getContentAsString(StandardCharsets.UTF_8)).select("h2").first().text());
        assertThat(prepared.select(".entry-card__title a").eachText()).isEqualTo(rendered.select(".entry-card__title a").eachText());
        assertThat(mvc.perform(get("/en/register")).andReturn().getResponse().getHeader("ETag")).isNotEqualTo(englishEtag);
    }
}
