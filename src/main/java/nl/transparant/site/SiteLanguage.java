package nl.transparant.site;

import java.time.Duration;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The pages speak Dutch unless the visitor chooses English with {@code ?lang=en}; the choice is kept in a
 * cookie. Only these two languages exist, so any other value (in the parameter or a hand-made cookie)
 * falls back to Dutch instead of producing a page that claims a language it is not written in.
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

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver(COOKIE) {
            @Override
            protected Locale parseLocaleValue(String value) {
                return supported(super.parseLocaleValue(value));
            }
        };
        resolver.setDefaultLocale(DUTCH);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Lax");
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor languageChoice = new LocaleChangeInterceptor() {
            @Override
            protected Locale parseLocaleValue(String value) {
                return supported(super.parseLocaleValue(value));
            }
        };
        languageChoice.setParamName(PARAMETER);
        languageChoice.setIgnoreInvalidLocale(true);
        // order matters: the page context reads the language the visitor has just chosen
        registry.addInterceptor(languageChoice).excludePathPatterns(NOT_PAGES);
        registry.addInterceptor(new PageContextInterceptor()).excludePathPatterns(NOT_PAGES);
    }
}
