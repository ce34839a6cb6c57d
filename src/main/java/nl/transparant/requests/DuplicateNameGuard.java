package nl.transparant.requests;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The engine's REST API (and Cockpit's copy of it) reads JSON with its own mapper, which takes the last of a name given
 * twice: {@code {"userId":"a","userId":"b"}} assigned a task to "b" while whatever checked the body saw "a" (outside
 * tester). The application's own API refuses such a body in its mapper; for the engine's the body is read here first
 * (its size is bounded by {@link BodySizeLimits} before this, and it runs after sign-in, so an anonymous caller gets
 * its 401 first) and a name given twice in any object is a 400 problem+json naming it; nothing reaches the engine. A
 * body that is not JSON, or that Jackson's limits refuse, is left to the engine's own answer.
 */
final class DuplicateNameGuard extends OncePerRequestFilter {

    private static final JsonFactory STRICT = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    /** Jackson's words for it: "Duplicate field 'userId'". */
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return type == null || !type.toLowerCase(Locale.ROOT).contains("json")
                || "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = request.getInputStream().readAllBytes();
        try (JsonParser parser = STRICT.createParser(body)) {
            while (parser.nextToken() != null) {
                // every token read: the parser refuses a name its object already has
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // any other refusal of the body (not JSON, nested too deeply, a number too long) is left to the engine's own
            // answer, as before: only a name given twice is this filter's to refuse (outside tester: those were 500s)
            Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
            if (e instanceof JsonParseException && duplicate.matches()) {
                RequestProblems.write(request, response, HttpServletResponse.SC_BAD_REQUEST, "problem.title.invalid",
                        "problem.body.duplicateName", duplicate.group(1));
                return;
            }
        }
        chain.doFilter(new BodySizeLimits.Buffered(request, body), response);
    }
}
