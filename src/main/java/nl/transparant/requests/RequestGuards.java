package nl.transparant.requests;

import com.fasterxml.jackson.core.StreamReadConstraints;
import java.time.Duration;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * What the application takes from a request before any of its code sees it: body sizes, how many bodies at once, JSON
 * shapes, and no requests from other sites. The filters run before Spring Security and before anything that reads a body; they cover the
 * staff API and the engine's REST API (whose allow-list is a filter of its own).
 */
@Configuration
class RequestGuards {

    /**
     * Limits for every JSON document the application reads (request bodies and its own stored JSON): far above what
     * a real case, task or register entry holds, far below what costs memory. A violation is a 400, not a 500.
     */
    static final StreamReadConstraints JSON_LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(100)
            .maxStringLength(2 * 1024 * 1024)
            .maxNumberLength(100)
            .maxNameLength(1000)
            .maxDocumentLength(BodySizeLimits.IMPORT_BYTES)
            .build();

    private static final String[] GUARDED = {"/api/*", "/engine-rest/*"};

    /** Before everything else on the public APIs, the front of prepared answers included (register.PublicReadsFront). */
    @Bean
    FilterRegistrationBean<OpenDataCors> openDataCors() {
        FilterRegistrationBean<OpenDataCors> registration = new FilterRegistrationBean<>(new OpenDataCors());
        registration.addUrlPatterns("/api/public/*", "/api/algoritme/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BodySizeLimits> bodySizeLimits() {
        FilterRegistrationBean<BodySizeLimits> registration = new FilterRegistrationBean<>(new BodySizeLimits());
        registration.addUrlPatterns(GUARDED);
        // the pages' forms too (the sign-in form, the staff's forms, Cockpit's): a body too large is a 413, not fields lost
        registration.addUrlPatterns("/staff/*", "/login", "/camunda/*", "/register/*", "/en/register/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<CrossSiteRequestGuard> crossSiteRequestGuard() {
        FilterRegistrationBean<CrossSiteRequestGuard> registration = new FilterRegistrationBean<>(new CrossSiteRequestGuard());
        registration.addUrlPatterns(GUARDED);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    @Bean
    FilterRegistrationBean<UnpairedSurrogateGuard> unpairedSurrogateGuard() {
        FilterRegistrationBean<UnpairedSurrogateGuard> registration = new FilterRegistrationBean<>(new UnpairedSurrogateGuard());
        registration.addUrlPatterns(GUARDED);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 25);
        return registration;
    }

    /** After the size, the escapes and sign-in are checked: the engine's own mapper would take the last of a name given twice. */
    @Bean
    FilterRegistrationBean<DuplicateNameGuard> duplicateNameGuard() {
        FilterRegistrationBean<DuplicateNameGuard> registration = new FilterRegistrationBean<>(new DuplicateNameGuard());
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
        // after Spring Security's chain and Cockpit's sign-in: who may not call the engine gets a 401/403, not a reading
        // of the body; before workflow.EngineOperationGuard (+ 3), which would tell this refusal as the engine's own
        registration.setOrder(org.springframework.boot.autoconfigure.security.SecurityProperties.DEFAULT_FILTER_ORDER + 2);
        return registration;
    }

    /** Two imports per node at once; for the rest twice as many bodies at once as there are cores, waiting up to 5 s. */
    @Bean
    FilterRegistrationBean<BodyConcurrencyLimit> bodyConcurrencyLimit() {
        int others = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        FilterRegistrationBean<BodyConcurrencyLimit> registration = new FilterRegistrationBean<>(
                new BodyConcurrencyLimit(2, others, Duration.ofSeconds(5)));
        registration.addUrlPatterns(GUARDED);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
        return registration;
    }

    /**
     * The limits of a JSON body, and no text made of a number or a yes/no: a field that takes text refuses {@code true}
     * or {@code 5} (400, the wrong type) instead of storing "true" (a review's rationale was recorded as "true";
     * outside test, 2026-12-06). Jackson turns such scalars into text by default.
     */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer jsonLimits() {
        return builder -> builder.postConfigurer(mapper -> {
            mapper.getFactory().setStreamReadConstraints(JSON_LIMITS);
            // {"name":"a","name":"b"} kept the last value silently: a check of the first (by a proxy, a signature, a
            // reader of the log) and the application would see different bodies. A name given twice is refused.
            mapper.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            mapper.coercionConfigFor(com.fasterxml.jackson.databind.type.LogicalType.Textual)
                    .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Integer, com.fasterxml.jackson.databind.cfg.CoercionAction.Fail)
                    .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Float, com.fasterxml.jackson.databind.cfg.CoercionAction.Fail)
                    .setCoercion(com.fasterxml.jackson.databind.cfg.CoercionInputShape.Boolean, com.fasterxml.jackson.databind.cfg.CoercionAction.Fail);
        });
    }
}
