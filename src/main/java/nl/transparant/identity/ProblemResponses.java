package nl.transparant.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import nl.transparant.problems.DatabaseFaults;
import nl.transparant.problems.ProblemAnswers;
import nl.transparant.problems.ProblemTexts;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401, 403, 429 and 503 from the security filters, in the same problem+json shape as every other API error and in the
 * caller's language (Dutch unless Accept-Language asks for English).
 */
final class ProblemResponses {

    private ProblemResponses() {
    }

    /** Without a challenge (the demo's Basic, see {@link LocalIdentity#apiChallenge()}) the 401 carries no WWW-Authenticate. */
    static AuthenticationEntryPoint unauthorized(Optional<String> challenge) {
        return (request, response, e) -> {
            challenge.ifPresent(scheme -> response.setHeader("WWW-Authenticate", scheme + " realm=\"transparant\""));
            write(request, response, HttpServletResponse.SC_UNAUTHORIZED, "problem.title.unauthorized", "problem.auth.signIn");
        };
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, e) -> write(request, response, HttpServletResponse.SC_FORBIDDEN, "problem.title.forbidden",
                "problem.roles.notAllowed");
    }

    /** A service the request depends on (the database, Keycloak) is out of reach: a 503 with a hint when to retry. */
    static void unavailable(HttpServletRequest request, HttpServletResponse response, String detail) throws IOException {
        response.setHeader("Retry-After", DatabaseFaults.RETRY_AFTER_SECONDS);
        write(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "problem.title.unavailable", detail);
    }

    /**
     * @param title the key of the title ({@code problem.title.*})
     * @param detail the key of the explanation
     */
    static void write(HttpServletRequest request, HttpServletResponse response, int status, String title, String detail,
            Object... arguments) throws IOException {
        Locale language = ProblemTexts.callersLanguage(nl.transparant.problems.ProblemTexts.acceptLanguage(request));
        ProblemAnswers.write(response, ProblemAnswers.of(request, status, ProblemTexts.text(title, List.of(), language),
                ProblemTexts.text(detail, List.of(arguments), language)));
    }
}
