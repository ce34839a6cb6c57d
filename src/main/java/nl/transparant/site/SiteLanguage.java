package nl.transparant.site;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The staff pages speak Dutch unless the visitor chooses English with {@code ?lang=en}; the choice is kept in a
 * cookie. Only these two languages exist, so any other value (in the parameter or a hand-made cookie)
 * falls back to Dutch instead of producing a page that claims a language it is not written in.
 * <p>
 * The public register's pages take their language from their path instead ({@link PublicPages}), so that a shared
 * cache keeps one copy per address: neither the cookie nor {@code ?lang} changes them. {@code ?lang} on such a page
 * is an old link (or the staff pages' habit): it is answered with a redirect to the page in that language.
 */
@Configuration
class SiteLanguage implements WebMvcConfigurer {

    static final Locale DUTCH = Locale.forLanguageTag("nl");
    static final String PARAMETER = "lang";
    static final String COOKIE = "transparant-lang";

    /** The API and the Camunda web apps have their own conventions; the page machinery stays out of them. */
    private static final String[] NOT_PAGES = {"/api/**", "/engine-rest/**", "/camunda/**", "/css/**", "/actuator/**"};

    static Locale supported(Locale requested) {
        return requested != null && Locale.ENGLISH.getLanguage().equals(requested.getLanguage()) ? Locale.ENGLISH : DUTCH;
    }

    static boolean read(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver(COOKIE) {
            @Override
            protected Locale parseLocaleValue(String value) {
                return supported(super.parseLocaleValue(value));
            }

            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                Locale inPath = inPath(request);
                return inPath != null ? inPath : super.resolveLocale(request);
            }

            @Override
            public LocaleContext resolveLocaleContext(HttpServletRequest request) {
                Locale inPath = inPath(request);
                return inPath != null ? new SimpleLocaleContext(inPath) : super.resolveLocaleContext(request);
            }
        };
        resolver.setDefaultLocale(DUTCH);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Lax");
        return resolver;
    }

    /** A public page's language; also English for any other address under /en (its "not found" page). */
    private static Locale inPath(HttpServletRequest request) {
        String path = PublicPages.requestedPath(request);
        Locale page = PublicPages.languageOf(path);
        return page != null ? page : path.startsWith(PublicPages.ENGLISH_PREFIX + "/") || path.equals(PublicPages.ENGLISH_PREFIX) ? Locale.ENGLISH : null;
    }

    private static boolean inThePublicArea(String path) {
        return path.startsWith(PublicPages.REGISTER) || path.startsWith(PublicPages.ENGLISH_PREFIX + "/") || path.equals(PublicPages.ENGLISH_PREFIX);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor languageChoice = new LocaleChangeInterceptor() {
            @Override
            protected Locale parseLocaleValue(String value) {
                return supported(super.parseLocaleValue(value));
            }

            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws ServletException {
                String chosen = request.getParameter(PARAMETER);
                String dutchPath = chosen == null ? null : PublicPages.dutchPath(PublicPages.requestedPath(request));
                if (dutchPath == null || !read(request)) {
                    // the register's other public addresses (feed, downloads) read ?lang themselves and are cached by
                    // shared caches: a cookie there would be replayed to others, or stop the caching
                    return inThePublicArea(PublicPages.requestedPath(request)) || super.preHandle(request, response, handler);
                }
                // a public page never sets the cookie nor changes language in place: it sends the reader to the address
                String target = PublicPages.in(supported(Locale.forLanguageTag(chosen)), dutchPath);
                response.setStatus(HttpServletResponse.SC_SEE_OTHER);
                response.setHeader(HttpHeaders.LOCATION, Addresses.of(request.getContextPath() + target, request.getParameterMap(), PARAMETER, null, null));
                return false;
            }
        };
        languageChoice.setParamName(PARAMETER);
        languageChoice.setIgnoreInvalidLocale(true);
        // order matters: the page context reads the language the visitor has just chosen
        registry.addInterceptor(languageChoice).excludePathPatterns(NOT_PAGES);
        registry.addInterceptor(new PageContextInterceptor()).excludePathPatterns(NOT_PAGES);
    }
}
