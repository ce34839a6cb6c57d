package nl.transparant.identity;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import nl.transparant.problems.DatabaseFaults;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 401 and 403 from the security filters, in the same problem+json shape as every other API error. */
final class ProblemResponses {

    private ProblemResponses() {
    }

    /** Without a challenge (the demo's Basic, see {@link LocalIdentity#apiChallenge()}) the 401 carries no WWW-Authenticate. */
    static AuthenticationEntryPoint unauthorized(Optional<String> challenge) {
        return (request, response, e) -> {
            challenge.ifPresent(scheme -> response.setHeader("WWW-Authenticate", scheme + " realm=\"transparant\""));
            write(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
                    "Sign in first: this part of the API is for staff with a valid token.");
        };
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, e) -> write(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
                "Your roles do not allow this.");
    }

    /** A service the request depends on (the database, Keycloak) is out of reach: a 503 with a hint when to retry. */
    static void unavailable(HttpServletResponse response, String detail) throws IOException {
        response.setHeader("Retry-After", DatabaseFaults.RETRY_AFTER_SECONDS);
        write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Service unavailable", detail);
    }

    static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail + "\"}");
    }
}
