package nl.transparant.requests;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The staff API and the engine's REST API take no request another site makes a browser send. They carry no CSRF token
 * (their credentials are a bearer token or, in the demo, HTTP Basic), so what a page elsewhere could send with a
 * browser's stored credentials is refused here, before authentication:
 * <ul>
 * <li>a writing request (POST, PUT, PATCH, DELETE) that the browser marks as coming from another site
 * ({@code Sec-Fetch-Site: cross-site} or {@code same-site}) or whose {@code Origin} is not this application's: 403;
 * this also covers the body-less calls (submit, change, policy reload), which a form can send without any body;</li>
 * <li>a writing request with a body a plain HTML form or a "simple" cross-origin fetch can send
 * ({@code application/x-www-form-urlencoded}, {@code multipart/form-data}, {@code text/plain}): 415, whatever the
 * headers, so a browser without Fetch Metadata is refused too. Our API takes JSON, CSV or a file's own type.</li>
 * </ul>
 * Not the public API ({@code /api/public/**}, {@code /api/algoritme/**}): anonymous and read-only, meant to be called
 * from anywhere.
 */
final class CrossSiteRequestGuard extends OncePerRequestFilter {

    private static final Set<String> WRITING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> FORM_TYPES = Set.of("application/x-www-form-urlencoded", "multipart/form-data", "text/plain");
    private static final Set<String> OTHER_SITE = Set.of("cross-site", "same-site");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !WRITING.contains(request.getMethod()) || path.startsWith("/api/public/") || path.startsWith("/api/algoritme/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (fromAnotherSite(request)) {
            RequestProblems.write(request, response, HttpServletResponse.SC_FORBIDDEN, "problem.title.crossSite",
                    "problem.request.crossSite");
            return;
        }
        if (formType(request.getContentType())) {
            RequestProblems.write(request, response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE,
                    "problem.title.unsupportedMediaType", "problem.request.formType");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean fromAnotherSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && OTHER_SITE.contains(site.trim().toLowerCase(Locale.ROOT))) {
            return true;
        }
        String origin = request.getHeader("Origin");
        return origin != null && !sameOrigin(origin, request);
    }

    /** {@code Origin: null} (a sandboxed frame, a redirect across sites) and anything unreadable count as foreign. */
    private static boolean sameOrigin(String origin, HttpServletRequest request) {
        URI uri;
        try {
            uri = URI.create(origin.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            return false;
        }
        return uri.getScheme().equalsIgnoreCase(request.getScheme())
                && uri.getHost().equalsIgnoreCase(request.getServerName())
                && port(uri.getPort(), uri.getScheme()) == port(request.getServerPort(), request.getScheme());
    }

    private static int port(int port, String scheme) {
        return port > 0 ? port : "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    private static boolean formType(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String type = (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
        return FORM_TYPES.contains(type);
    }
}
