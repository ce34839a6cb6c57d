package nl.transparant.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.Filter;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Issue 14: the public register's reads go through a lean security chain of their own (no session, no sign-in, no CSRF
 * token, no saved request) and still carry every page's security headers; the report form and the staff pages keep the
 * full chain.
 */
class PublicReadsTest extends PageTestSupport {

    @Autowired
    FilterChainProxy securityFilters;

    @Test
    void publicReadsNeitherCreateNorReadASession() throws Exception {
        String lars = published("owner-zoetermeer", "publisher-zoetermeer", complete(unique("Lean pad"))).getLars();
        for (String url : List.of("/register", "/register/" + lars, "/register?q=lean", "/en/register", "/en/register/" + lars,
                "/en/register?q=lean", "/api/public/algorithms",
                "/api/algoritme/NLD/" + lars, "/register/feed.atom", "/css/site.css")) {
            MvcResult result = mvc.perform(get(url)).andReturn();
            assertThat(result.getResponse().getStatus()).as(url).isEqualTo(200);
            assertThat(result.getRequest().getSession(false)).as("no session for " + url).isNull();
            assertThat(result.getResponse().getHeaders("Set-Cookie")).as(url).noneMatch(cookie -> cookie.contains("JSESSIONID"));
        }
        assertThat(mvc.perform(head("/register/" + lars)).andReturn().getResponse().getStatus()).isEqualTo(200);
    }

    /**
     * HEAD (a link checker, a cache revalidating) and OPTIONS on the public pages are answered as Spring MVC answers
     * them, not sent to the login page (outside tester); what is not public stays refused whatever the method.
     */
    @Test
    void headAndOptionsOfAPublicPageAreAnsweredNotSentToTheLoginPage() throws Exception {
        MockHttpServletResponse home = mvc.perform(head("/")).andReturn().getResponse();
        assertThat(home.getStatus()).isEqualTo(302);
        assertThat(home.getRedirectedUrl()).as("the home page leads to the register, as GET does").endsWith("/register");
        for (String url : List.of("/register", "/en/register", "/register/feed.atom", "/css/site.css")) {
            MockHttpServletResponse head = mvc.perform(head(url)).andReturn().getResponse();
            assertThat(head.getStatus()).as("HEAD " + url).isEqualTo(200);
            MockHttpServletResponse options = mvc.perform(options(url)).andReturn().getResponse();
            assertThat(options.getStatus()).as("OPTIONS " + url).isEqualTo(200);
            assertThat(options.getHeader("Allow")).as("OPTIONS " + url).contains("GET").doesNotContain("POST");
        }
        for (String url : List.of("/staff", "/staff/cases")) {
            assertThat(mvc.perform(head(url)).andReturn().getResponse().getStatus()).as("HEAD " + url).isEqualTo(302);
            assertThat(mvc.perform(options(url)).andReturn().getResponse().getStatus()).as("OPTIONS " + url).isIn(302, 401, 403);
        }
    }

    /** The stylesheets are cached by browsers and shared caches, not fetched again for every page (outside test). */
    @Test
    void theStaticFilesAreCacheable() throws Exception {
        for (String url : List.of("/css/site.css", "/css/nlds/index.css")) {
            String cacheControl = mvc.perform(get(url)).andReturn().getResponse().getHeader("Cache-Control");
            assertThat(cacheControl).as(url).contains("max-age=3600").contains("public").doesNotContain("no-store");
        }
    }

    @Test
    void theLeanChainHasNoSessionCsrfLoginOrRequestCacheFilters() {
        List<String> lean = filterNames("GET", "/register/AB12CD34");
        assertThat(lean).doesNotContain("CsrfFilter", "RequestCacheAwareFilter", "UsernamePasswordAuthenticationFilter",
                "BasicAuthenticationFilter", "LogoutFilter", "SessionManagementFilter", "SecurityContextHolderAwareRequestFilter")
                .contains("HeaderWriterFilter", "AnonymousAuthenticationFilter");
        assertThat(lean.size()).as("the lean chain: %s", lean).isLessThan(filterNames("GET", "/staff").size());
        // the report form is a form with a CSRF token: it stays on the full chain
        assertThat(filterNames("GET", "/register/AB12CD34/melden")).contains("CsrfFilter");
        assertThat(filterNames("POST", "/register/AB12CD34/melden")).contains("CsrfFilter");
        // the English addresses (issue 14: the language in the path) take the same chains
        assertThat(filterNames("GET", "/en/register/AB12CD34")).isEqualTo(lean);
        assertThat(filterNames("GET", "/en/register")).isEqualTo(lean);
        assertThat(filterNames("GET", "/en/register/AB12CD34/melden")).contains("CsrfFilter");
        assertThat(filterNames("POST", "/en/register/AB12CD34/melden")).contains("CsrfFilter");
        // searching the national register's API is a POST that only reads: the lean chain (with the same page headers), as
        // when the front answers it (register.PublicReadsFront); any other POST under /api stays on the API's chain
        assertThat(filterNames("POST", "/api/algoritme/NLD")).isEqualTo(lean);
        assertThat(filterNames("POST", "/api/algoritme/NLD/extra")).contains("BasicAuthenticationFilter");
    }

    @Test
    void aSignedInPersonSeesThePublicHeaderOnPublicPagesAndTheirOwnOnStaffPages() throws Exception {
        MockHttpSession session = new MockHttpSession();
        Page signedIn = page(post("/login").session(session).with(SecurityMockMvcRequestPostProcessors.csrf())
                .param("username", "privacy-zoetermeer").param("password", "demo"));
        assertThat(signedIn.redirectedTo()).isEqualTo("/staff");

        Document register = page(get("/register").session(session)).assertStatus(200).document();
        assertThat(register.selectFirst("nav").text()).contains("Medewerkers").doesNotContain("Uitloggen", "Pieter Smit");
        assertThat(register.selectFirst("nav a[href=/staff]")).isNotNull();
        Document english = page(get("/en/register")).assertStatus(200).document();
        assertThat(english.selectFirst("nav a[href=/staff?lang=en]").text()).isEqualTo("Staff");

        Document work = page(get("/staff").session(session)).assertStatus(200).document();
        assertThat(work.selectFirst("nav").text()).contains("Ingelogd als Pieter Smit", "Uitloggen");
    }

    @Test
    void theReportFormKeepsItsCsrfToken() throws Exception {
        String lars = published("owner-zoetermeer", "publisher-zoetermeer", complete(unique("Lean melden"))).getLars();
        Document form = page("/register/" + lars + "/melden").assertStatus(200).document();
        assertThat(form.selectFirst("form[method=post] input[name=_csrf]")).isNotNull();
    }

    @Test
    void publicPagesCarryThePagePolicy() throws Exception {
        MockHttpServletResponse response = mvc.perform(get("/register")).andReturn().getResponse();
        assertThat(response.getHeader("Content-Security-Policy")).isEqualTo(
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
                        + "base-uri 'self'; frame-ancestors 'none'");
        assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.getHeader("Referrer-Policy")).isEqualTo("same-origin");
    }

    @Test
    void theSecurityFiltersAreNotWrappedForObservation() {
        // the filter chain itself, inside the wrappers Spring Security's configuration puts around it
        List<String> wrapping = new ArrayList<>();
        Object decorator = ReflectionTestUtils.getField(innermost(wrapping), "filterChainDecorator");
        assertThat(decorator).isInstanceOf(FilterChainProxy.VirtualFilterChainDecorator.class);
    }

    @Test
    void noHandlerLookupRunsInFrontOfTheSecurityFilters() {
        // not Spring's MVC wrapper, which looks every request's handler up before the dispatcher does it again
        List<String> wrapping = new ArrayList<>();
        assertThat(innermost(wrapping)).as("the security filters: %s", wrapping).isNotNull();
        assertThat(wrapping).noneMatch(name -> name.contains("HandlerMappingIntrospector") || name.contains("WebMvcSecurityConfiguration"));
    }

    /** The plain FilterChainProxy inside the wrappers (composite filters); their filters' class names into {@code wrapping}. */
    private FilterChainProxy innermost(List<String> wrapping) {
        Object filter = securityFilters;
        while (filter != null && !filter.getClass().equals(FilterChainProxy.class)) {
            wrapping.add(filter.getClass().getName());
            Object composite = ReflectionTestUtils.getField(filter, "doFilterDelegate");
            List<?> parts = (List<?>) ReflectionTestUtils.getField(composite, "filters");
            parts.stream().map(f -> f.getClass().getName()).forEach(wrapping::add);
            filter = parts.stream().filter(FilterChainProxy.class::isInstance).findFirst().orElse(null);
        }
        return (FilterChainProxy) filter;
    }

    private List<String> filterNames(String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setServletPath(path);
        return securityFilters.getFilterChains().stream().filter(chain -> chain.matches(request)).findFirst().orElseThrow()
                .getFilters().stream().map(Filter::getClass).map(Class::getSimpleName).toList();
    }
}
