package nl.transparant.requests;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.transparant.problems.ProblemTexts;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Refusals from the request filters, in the problem+json shape of every other API error, in the caller's language
 * (Dutch unless Accept-Language asks for English: {@link ProblemTexts}).
 */
final class RequestProblems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestProblems() {
    }

    /**
     * @param title the key of the title, {@code problem.title.*}
     * @param detail the key of the explanation
     */
    static void write(HttpServletRequest request, HttpServletResponse response, int status, String title, String detail,
            Object... arguments) throws IOException {
        Locale language = ProblemTexts.callersLanguage(nl.transparant.problems.ProblemTexts.acceptLanguage(request));
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", ProblemTexts.text(title, List.of(), language));
        problem.put("status", status);
        problem.put("detail", ProblemTexts.text(detail, Arrays.asList(arguments), language));
        // as the application's own problems have it: the path refused, and no content sniffing (these answers leave
        // before the security headers are added; outside test, 2026-12-06)
        problem.put("instance", request.getRequestURI());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(problem));
    }
}
