package nl.transparant.register;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
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
 * The public register's reads on a path of their own, in front of the application's web stack (issue 14). A published
 * entry's JSON is prepared bytes in memory ({@link RegisterReads}) and a search is answered from the in-memory index
 * ({@link RegisterSearch}); sending either through observation, Spring Security's filters and Spring MVC's dispatch
 * (a handler lookup among all of the application's mappings) cost the application 2.5 times the work of a bare Spring
 * MVC endpoint sending the same bytes (bench/register-benchmark.sh). This filter runs first and answers, without a
 * query string:
 * <ul>
 * <li>a GET or HEAD without a body of {@code /api/algoritme/NLD/{lars}}, {@code /api/algoritme/ENG/{lars}},
 * {@code /api/public/algorithms/{lars}} and {@code /api/public/algorithms/{lars}/versions/{n}}: the controllers' own
 * answer ({@link PreparedAnswers} defines it once for both), with a 304 for a matching {@code If-None-Match};</li>
 * <li>a POST of a search to {@code /api/algoritme/NLD} or {@code /api/algoritme/ENG}, a JSON body of at most
 * {@value #MAX_SEARCH_BYTES} bytes that asks a question the register answers: {@link AlgoritmeApi#query} and
 * {@link PublicRegister#searchAsJson}, as the controller calls them.</li>
 * </ul>
 * Both with the public reads' security headers ({@link PublicReadHeaders}). Everything else goes on down the chain as
 * before, untouched: another spelling of the address, a query, an id of other characters, an entry that is not there
 * (its 404 comes from the controller, in the caller's language), a read that fails (its 503 too), a read with a body
 * (the body limits answer it), and every search the front does not answer itself: no body, a larger one, another
 * content type, JSON that does not parse, an escaped character (backslash-u: the surrogate guard judges those) or a question the
 * register refuses (the controller's 400, in the caller's language). The body of such a search, once read here, is
 * handed on as it came. An If-None-Match the front does not understand (not a list of quoted tags) is a 200 here, where
 * Spring's lenient parsing may find a tag in it and answer 304.
 *
 * <p>These reads need no session, authentication or CSRF token (they are public and change nothing), and the strict
 * address patterns admit nothing Spring Security's firewall would refuse. A search answered here does not wait for a
 * turn among the requests with a body ({@code BodyConcurrencyLimit}): its body is a few hundred bytes, and its work is
 * the search itself, which Tomcat's threads bound. They are counted in {@code transparant.register.front.answers}
 * (tags {@code kind} and {@code status}) instead of {@code http.server.requests}.
 */
final class PublicReadsFront extends HttpFilter {

    /** Far above any real question (a few words and filters), far below the API's body limit. */
    static final int MAX_SEARCH_BYTES = 4096;

    private static final String LARS = "([0-9A-Za-z][0-9A-Za-z_-]{0,63})";
    private static final Pattern ALGORITME = Pattern.compile("/api/algoritme/(NLD|ENG)/" + LARS);
    private static final Pattern LATEST = Pattern.compile("/api/public/algorithms/" + LARS);
    private static final Pattern VERSION = Pattern.compile("/api/public/algorithms/" + LARS + "/versions/([1-9][0-9]{0,8})");
    private static final Pattern SEARCH = Pattern.compile("/api/algoritme/(NLD|ENG)");

    private final PreparedAnswers answers;
    private final PublicRegister register;
    private final ObjectMapper json;
    private final Counter entries;
    private final Counter notModified;
    private final Counter searches;

    PublicReadsFront(PreparedAnswers answers, PublicRegister register, ObjectMapper json, MeterRegistry meters) {
        this.answers = answers;
        this.register = register;
        this.json = json;
        this.entries = answered(meters, "entry", "200");
        this.notModified = answered(meters, "entry", "304");
        this.searches = answered(meters, "search", "200");
    }

    private static Counter answered(MeterRegistry meters, String kind, String status) {
        return Counter.builder("transparant.register.front.answers").tag("kind", kind).tag("status", status)
                .description("Public reads and searches answered before the web stack").register(meters);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getQueryString() != null || !request.getContextPath().isEmpty()) {
            chain.doFilter(request, response);
        } else if ("POST".equals(request.getMethod())) {
            search(request, response, chain);
        } else {
            read(request, response, chain);
        }
    }

    private void read(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        boolean head = "HEAD".equals(request.getMethod());
        // a read that carries a body goes down the chain, where the body limits answer it (413) as for every API request
        boolean bodiless = request.getContentLengthLong() <= 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null;
        Optional<PreparedAnswers.Answer> answer = Optional.empty();
        if ((head || "GET".equals(request.getMethod())) && bodiless) {
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
        entries.increment();
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

    private void search(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        Matcher m = SEARCH.matcher(request.getRequestURI());
        long length = request.getContentLengthLong();
        if (!m.matches() || length <= 0 || length > MAX_SEARCH_BYTES || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null
                || !plainJson(request.getContentType())) {
            chain.doFilter(request, response);
            return;
        }
        Replayed read = new Replayed(request);
        byte[] answer = answer(read, m.group(1).equals("ENG"));
        if (answer == null) {
            chain.doFilter(read.replaying(), response);
            return;
        }
        searches.increment();
        PublicReadHeaders.writeNotStored(request, response);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(answer.length);
        response.getOutputStream().write(answer);
    }

    /** The search's JSON, or null when the controller is to answer (and refuse) it. */
    private byte[] answer(Replayed request, boolean english) {
        try {
            AlgoritmeApi.SearchRequest question = json.readValue(request.recording(), AlgoritmeApi.SearchRequest.class);
            if (question == null || indexOf(request.read(), (byte) '\\', (byte) 'u') >= 0) {
                return null;
            }
            return register.searchAsJson(AlgoritmeApi.query(question), english);
        } catch (IOException | RuntimeException refusedOrFailed) {
            return null;
        }
    }

    /** {@code application/json}, with a UTF-8 charset or none: what the controller's converter reads as such. */
    private static boolean plainJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT).replace(" ", "");
        return type.equals("application/json") || type.equals("application/json;charset=utf-8");
    }

    private static int indexOf(byte[] bytes, byte first, byte second) {
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == first && bytes[i + 1] == second) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The request whose body the front reads as the controller's JSON converter would (as far as the JSON goes, no
     * further: a body shorter than its Content-Length is then no different on either path), keeping what it read; handed
     * on, it gives the rest of the chain those bytes and then the rest of the body, with whatever end or failure the
     * connection has, so that the application answers such a search exactly as it would have.
     */
    private static final class Replayed extends HttpServletRequestWrapper {

        private final java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream(256);
        private java.io.InputStream body;

        Replayed(HttpServletRequest request) {
            super(request);
        }

        /** The body as the front reads it, each byte kept; closing it leaves the connection's stream open. */
        java.io.InputStream recording() throws IOException {
            java.io.InputStream in = getRequest().getInputStream();
            return new java.io.InputStream() {
                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0) {
                        read.write(b);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    if (n > 0) {
                        read.write(buffer, offset, n);
                    }
                    return n;
                }
            };
        }

        byte[] read() {
            return read.toByteArray();
        }

        /** This request, its body to be read again from the start. */
        Replayed replaying() throws IOException {
            body = new java.io.SequenceInputStream(new ByteArrayInputStream(read.toByteArray()), getRequest().getInputStream());
            return this;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (body == null) {
                return super.getInputStream();
            }
            java.io.InputStream in = body;
            return new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    try {
                        return in.available() == 0 && getRequest().getInputStream().isFinished();
                    } catch (IOException e) {
                        return true;
                    }
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("The body is replayed synchronously");
                }
            };
        }

        @Override
        public BufferedReader getReader() throws IOException {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }

    /** First of all filters but the CORS headers, and only for the two public APIs (Tomcat puts it in no other request's chain). */
    @Configuration
    static class Registration {

        @Bean
        FilterRegistrationBean<PublicReadsFront> publicReadsFront(PreparedAnswers answers, PublicRegister register, ObjectMapper json,
                MeterRegistry meters) {
            FilterRegistrationBean<PublicReadsFront> registration = new FilterRegistrationBean<>(
                    new PublicReadsFront(answers, register, json, meters));
            registration.addUrlPatterns("/api/algoritme/*", "/api/public/algorithms/*");
            // right after the open-data CORS headers (requests.OpenDataCors), before every other filter
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
            return registration;
        }
    }
}
