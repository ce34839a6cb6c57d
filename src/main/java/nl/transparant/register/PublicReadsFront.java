package nl.transparant.register;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.transparant.identity.PublicReadHeaders;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * The public register's prepared reads on a path of their own, in front of the application's web stack (issue 14).
 * A published entry's JSON is prepared bytes in memory ({@link RegisterReads}); sending it through observation,
 * Spring Security's filters and Spring MVC's dispatch cost the application 2.5 times the work of a bare Spring MVC
 * endpoint sending the same bytes (bench/register-benchmark.sh). This filter runs first and answers a GET or HEAD
 * of exactly one of these plain addresses, without a query:
 * <ul>
 * <li>{@code /api/algoritme/NLD/{lars}} and {@code /api/algoritme/ENG/{lars}};</li>
 * <li>{@code /api/public/algorithms/{lars}} and {@code /api/public/algorithms/{lars}/versions/{n}}.</li>
 * </ul>
 * The answer is the controllers' own ({@link PreparedAnswers} defines it once for both) with the public chain's
 * security headers ({@link PublicReadHeaders}) and a 304 for a matching {@code If-None-Match}. Everything else goes on
 * down the chain as before, untouched: another spelling of the address, a query, an id of other characters, an entry
 * that is not there (its 404 comes from the controller, in the caller's language), a read that fails (its 503 too) and
 * a read with a body (the body limits answer it). An If-None-Match the front does not understand (not a list of quoted
 * tags) is a 200 here, where Spring's lenient parsing may find a tag in it and answer 304.
 * These reads need no session, authentication or CSRF token (they are public and change nothing), and the strict
 * address pattern admits nothing Spring Security's firewall would refuse. They are counted in
 * {@code transparant.register.prepared.reads} instead of {@code http.server.requests}.
 */
final class PublicReadsFront extends HttpFilter {

    private static final String LARS = "([0-9A-Za-z][0-9A-Za-z_-]{0,63})";
    private static final Pattern ALGORITME = Pattern.compile("/api/algoritme/(NLD|ENG)/" + LARS);
    private static final Pattern LATEST = Pattern.compile("/api/public/algorithms/" + LARS);
    private static final Pattern VERSION = Pattern.compile("/api/public/algorithms/" + LARS + "/versions/([1-9][0-9]{0,8})");

    private final PreparedAnswers answers;
    private final Counter sent;
    private final Counter notModified;

    PublicReadsFront(PreparedAnswers answers, MeterRegistry meters) {
        this.answers = answers;
        this.sent = Counter.builder("transparant.register.prepared.reads").tag("status", "200")
                .description("Public reads answered from prepared bytes before the web stack").register(meters);
        this.notModified = Counter.builder("transparant.register.prepared.reads").tag("status", "304")
                .description("Public reads answered from prepared bytes before the web stack").register(meters);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean head = "HEAD".equals(request.getMethod());
        Optional<PreparedAnswers.Answer> answer = Optional.empty();
        // a read that carries a body goes down the chain, where the body limits answer it (413) as for every API request
        boolean bodiless = request.getContentLengthLong() <= 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null;
        if ((head || "GET".equals(request.getMethod())) && bodiless && request.getQueryString() == null
                && request.getContextPath().isEmpty()) {
            try {
                answer = answerFor(request.getRequestURI());
            } catch (RuntimeException unavailable) {
                // the controller answers the same read with the application's problem response (a database outage: 503)
                answer = Optional.empty();
            }
        }
        if (answer.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        RegisterReads.Prepared prepared = answer.get().prepared();
        PublicReadHeaders.write(request, response);
        response.setHeader(HttpHeaders.ETAG, prepared.etag());
        response.setHeader(HttpHeaders.CACHE_CONTROL, answer.get().caching().getHeaderValue());
        if (PreparedAnswers.notModified(request.getHeaders(HttpHeaders.IF_NONE_MATCH), prepared.etag())) {
            notModified.increment();
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        sent.increment();
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(prepared.body().length);
        if (!head) {
            response.getOutputStream().write(prepared.body());
        }
    }

    private Optional<PreparedAnswers.Answer> answerFor(String path) {
        Matcher m = ALGORITME.matcher(path);
        if (m.matches()) {
            return answers.algoritmeEntry(m.group(2), m.group(1).equals("ENG"));
        }
        m = LATEST.matcher(path);
        if (m.matches()) {
            return answers.latest(m.group(1));
        }
        m = VERSION.matcher(path);
        if (m.matches()) {
            return answers.version(m.group(1), Integer.parseInt(m.group(2)));
        }
        return Optional.empty();
    }

    /** First of all filters, and only for the two public APIs (Tomcat puts it in no other request's chain). */
    @Configuration
    static class Registration {

        @Bean
        FilterRegistrationBean<PublicReadsFront> publicReadsFront(PreparedAnswers answers, MeterRegistry meters) {
            FilterRegistrationBean<PublicReadsFront> registration = new FilterRegistrationBean<>(new PublicReadsFront(answers, meters));
            registration.addUrlPatterns("/api/algoritme/*", "/api/public/algorithms/*");
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }
    }
}
