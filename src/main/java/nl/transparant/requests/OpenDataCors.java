package nl.transparant.requests;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The public APIs ({@code /api/public/**}, the national register's {@code /api/algoritme/**}) are open data, anonymous
 * and read-only, meant to be called from anywhere: also from a script on another site, which a browser lets read an
 * answer only when the answer says so. Every answer on these paths says {@code Access-Control-Allow-Origin: *}, with or
 * without an Origin, so a shared cache never hands a browser a copy without it; no credentials are ever allowed (these
 * APIs take none). A browser's preflight (OPTIONS with Access-Control-Request-Method) for a reading method is answered
 * here; other methods get no permission, so the browser does not send them.
 */
final class OpenDataCors extends OncePerRequestFilter {

    /** GET and HEAD read; POST is the national register's search, which only reads too. */
    private static final Set<String> READING = Set.of("GET", "HEAD", "POST");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Access-Control-Allow-Origin", "*");
        response.setHeader("Access-Control-Expose-Headers", "ETag, Content-Language");
        String asked = request.getHeader("Access-Control-Request-Method");
        if ("OPTIONS".equals(request.getMethod()) && asked != null && request.getHeader("Origin") != null) {
            if (READING.contains(asked.trim().toUpperCase(Locale.ROOT))) {
                response.setHeader("Access-Control-Allow-Methods", "GET, HEAD, POST");
                response.setHeader("Access-Control-Allow-Headers", "Content-Type, Accept, Accept-Language, If-None-Match");
                response.setHeader("Access-Control-Max-Age", "86400");
            }
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        chain.doFilter(request, response);
    }
}
