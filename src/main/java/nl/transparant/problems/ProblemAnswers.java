package nl.transparant.problems;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;

/**
 * The shape of a refusal answered outside Spring MVC's handlers (the request filters, the security filters, the
 * engine's REST guard, the firewall and the error path), the same as the handlers' problems: type, title, status,
 * detail and instance, problem+json in UTF-8, and no content sniffing (some of these answers leave before the security
 * headers are added). Each writer had its own copy, and they drifted: some had no {@code instance}, some no
 * {@code nosniff} header (outside test, 2026-12-06).
 */
public final class ProblemAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A path is given back only when it is plain (segments of letters, digits and {@code . _ ~ -}, none starting with a
     * dot, up to 200 characters): the firewall refuses paths with {@code ;}, {@code //}, encoded characters and the
     * like, and a refusal never repeats what the caller chose beyond an ordinary address.
     */
    private static final Pattern PLAIN_PATH = Pattern.compile("(/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*/?");

    private ProblemAnswers() {
    }

    /** A problem with its texts already in the reader's language; {@code instance} the path asked for, when plain. */
    public static Map<String, Object> of(HttpServletRequest request, int status, String title, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        String path = pathAskedFor(request);
        if (path != null) {
            problem.put("instance", path);
        }
        return problem;
    }

    /** Writes the problem as the answer, with its status. */
    public static void write(HttpServletResponse response, Map<String, Object> problem) throws IOException {
        response.setStatus((Integer) problem.get("status"));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // as bytes: an answer held back for inspection (the engine's errors) has had its stream asked for already
        response.getOutputStream().write(JSON.writeValueAsBytes(problem));
    }

    /** The path the caller asked for (on the error path: the one that failed), when plain; null otherwise. */
    public static String pathAskedFor(HttpServletRequest request) {
        Object failed = request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI);
        String path = failed instanceof String uri ? uri : request.getRequestURI();
        return path != null && !path.isEmpty() && path.length() <= 200 && PLAIN_PATH.matcher(path).matches() ? path : null;
    }
}
