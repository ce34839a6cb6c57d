package nl.transparant.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Password guessing against the local accounts (the login form and HTTP Basic on the API) is slowed to a crawl:
 * after {@code max-failures} wrong passwords within {@code window}, from one client address or for one user name,
 * further attempts are refused with 429 until the window has passed, without even checking the password. Counted in
 * memory per node; with Keycloak, its own brute-force detection (keycloak/realm.json) does this job.
 */
@Component
class LoginThrottle {

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    @Autowired
    LoginThrottle(@Value("${transparant.identity.login-attempts.max-failures:10}") int maxFailures,
            @Value("${transparant.identity.login-attempts.window:PT15M}") Duration window) {
        this(maxFailures, window, Clock.systemUTC());
    }

    LoginThrottle(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.clock = clock;
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        Object name = event.getAuthentication().getPrincipal();
        if (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details) {
            record(addressKey(details.getRemoteAddress()));
        }
        if (name != null) {
            record(userKey(name.toString()));
        }
    }

    /** A right password forgets that user's earlier mistakes; the address keeps its count, or one account would unlock guessing. */
    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        failures.remove(userKey(event.getAuthentication().getName()));
    }

    boolean blocked(String address, String username) {
        return tooMany(addressKey(address)) || (username != null && tooMany(userKey(username)));
    }

    long retryAfterSeconds() {
        return window.toSeconds();
    }

    private void record(String key) {
        Instant now = clock.instant();
        if (failures.size() > 10_000) {
            // forget keys that have been quiet for a whole window, so the map cannot grow without bound
            failures.entrySet().removeIf(e -> e.getValue().isEmpty() || e.getValue().peekLast().isBefore(now.minus(window)));
        }
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            prune(times, now);
            times.addLast(now);
        }
    }

    private boolean tooMany(String key) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return false;
        }
        synchronized (times) {
            prune(times, clock.instant());
            return times.size() >= maxFailures;
        }
    }

    private void prune(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(window))) {
            times.pollFirst();
        }
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }

    private static String userKey(String username) {
        return "user:" + username;
    }

    /** Refuses a sign-in attempt (a posted login form or a Basic header) while its address or user name is blocked. */
    OncePerRequestFilter filter(boolean api) {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String username = attemptedUsername(request, api);
                if (username != null && blocked(request.getRemoteAddr(), username)) {
                    response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds()));
                    if (api) {
                        ProblemResponses.write(response, 429, "Too many requests",
                                "Too many failed sign-ins from this address or for this account; try again later.");
                    } else {
                        response.sendError(429);
                    }
                    return;
                }
                chain.doFilter(request, response);
            }
        };
    }

    /** The user name a request tries to sign in with, or null when it is no sign-in attempt. */
    private static String attemptedUsername(HttpServletRequest request, boolean api) {
        if (api) {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
                return null;
            }
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), java.nio.charset.StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? decoded : decoded.substring(0, colon);
            } catch (IllegalArgumentException notBase64) {
                return "";
            }
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (HttpMethod.POST.matches(request.getMethod()) && "/login".equals(path)) {
            String username = request.getParameter("username");
            return username == null ? "" : username;
        }
        return null;
    }
}
