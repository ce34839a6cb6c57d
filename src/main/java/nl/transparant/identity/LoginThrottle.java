package nl.transparant.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
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
 * Slows password guessing against the local accounts (the login form and HTTP Basic on the API) without locking
 * people out.
 *
 * <ul>
 * <li>Per account, a growing delay: after {@code free-failures} wrong passwords in a row, each further attempt for
 * that account waits {@code first-delay}, then twice that, and so on up to {@code max-delay}; an attempt while it waits
 * is answered 429 with {@code Retry-After}, without the password being checked. Once the delay has passed, the right
 * password signs in, wherever the wrong ones came from: a guesser elsewhere costs the owner seconds, never the day.</li>
 * <li>Per address, only password spraying: an address that got wrong passwords for more than {@code max-accounts}
 * different user names within {@code window} is refused until that window has passed. People behind one NAT address
 * signing in with their own passwords are never counted, however many they are.</li>
 * </ul>
 * Counted in memory per node; with Keycloak, its own brute-force detection (keycloak/realm.json) does this job.
 */
@Component
class LoginThrottle {

    /** Beyond this many tracked accounts or addresses, quiet ones are forgotten, so guessed names cannot fill memory. */
    private static final int MAX_TRACKED = 10_000;

    private final int freeFailures;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final int maxAccountsPerAddress;
    private final Duration window;
    private final Clock clock;
    private final Map<String, AccountFailures> accounts = new ConcurrentHashMap<>();
    private final Map<String, AddressFailures> addresses = new ConcurrentHashMap<>();

    @Autowired
    LoginThrottle(@Value("${transparant.identity.login-attempts.free-failures:5}") int freeFailures,
            @Value("${transparant.identity.login-attempts.first-delay:PT1S}") Duration firstDelay,
            @Value("${transparant.identity.login-attempts.max-delay:PT1M}") Duration maxDelay,
            @Value("${transparant.identity.login-attempts.max-accounts-per-address:20}") int maxAccountsPerAddress,
            @Value("${transparant.identity.login-attempts.window:PT15M}") Duration window,
            ObjectProvider<Clock> clock) {
        this(freeFailures, firstDelay, maxDelay, maxAccountsPerAddress, window, clock.getIfAvailable(Clock::systemUTC));
    }

    LoginThrottle(int freeFailures, Duration firstDelay, Duration maxDelay, int maxAccountsPerAddress, Duration window, Clock clock) {
        this.freeFailures = freeFailures;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.maxAccountsPerAddress = maxAccountsPerAddress;
        this.window = window;
        this.clock = clock;
    }

    /** How long a sign-in attempt must still wait, or empty when it may be checked now. */
    Optional<Duration> waitFor(String address, String username) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        AccountFailures account = accounts.get(username);
        if (account != null) {
            wait = max(wait, account.waitFrom(now));
        }
        AddressFailures sprayer = address == null ? null : addresses.get(address);
        if (sprayer != null) {
            wait = max(wait, sprayer.blockedFor(now));
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        Instant now = clock.instant();
        String username = String.valueOf(event.getAuthentication().getPrincipal());
        forgetQuietOnes(now);
        accounts.computeIfAbsent(username, name -> new AccountFailures()).failedAt(now);
        if (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null) {
            addresses.computeIfAbsent(details.getRemoteAddress(), a -> new AddressFailures()).failedFor(username, now);
        }
    }

    /** A right password ends the account's delay. The address keeps its count: one account of its own would unlock spraying. */
    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        accounts.remove(event.getAuthentication().getName());
    }

    private void forgetQuietOnes(Instant now) {
        if (accounts.size() > MAX_TRACKED) {
            accounts.values().removeIf(a -> a.quietSince(now.minus(window)));
        }
        if (addresses.size() > MAX_TRACKED) {
            addresses.values().removeIf(a -> a.quietSince(now.minus(window)));
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Wrong passwords for one account in a row; a streak older than the window is forgotten. */
    private final class AccountFailures {

        private int failures;
        private Instant last = Instant.MIN;

        synchronized void failedAt(Instant now) {
            if (quietSince(now.minus(window))) {
                failures = 0;
            }
            failures++;
            last = now;
        }

        synchronized Duration waitFrom(Instant now) {
            if (failures < freeFailures || quietSince(now.minus(window))) {
                return Duration.ZERO;
            }
            Duration remaining = Duration.between(now, last.plus(delayAfter(failures)));
            return remaining.isNegative() ? Duration.ZERO : remaining;
        }

        /** 1 × first-delay after the last free failure, doubling with each further one, at most max-delay. */
        private Duration delayAfter(int failures) {
            int doublings = Math.min(failures - freeFailures, 30);
            Duration delay = firstDelay.multipliedBy(1L << doublings);
            return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
        }

        synchronized boolean quietSince(Instant since) {
            return last.isBefore(since);
        }
    }

    /** The user names one address got wrong within the window, each with its last failure. */
    private final class AddressFailures {

        private final Map<String, Instant> names = new LinkedHashMap<>();

        synchronized void failedFor(String username, Instant now) {
            names.values().removeIf(t -> t.isBefore(now.minus(window)));
            if (names.size() <= maxAccountsPerAddress) { // beyond that it is blocked anyway; the map stays small
                names.remove(username);
                names.put(username, now);
            }
        }

        /** Blocked until the oldest of its names leaves the window, when more than the allowed number are in it. */
        synchronized Duration blockedFor(Instant now) {
            names.values().removeIf(t -> t.isBefore(now.minus(window)));
            if (names.size() <= maxAccountsPerAddress) {
                return Duration.ZERO;
            }
            Instant oldest = names.values().stream().min(Instant::compareTo).orElse(now);
            return Duration.between(now, oldest.plus(window));
        }

        synchronized boolean quietSince(Instant since) {
            return names.values().stream().allMatch(t -> t.isBefore(since));
        }
    }

    /** Refuses a sign-in attempt (a posted login form or a Basic header) while its account or address must wait. */
    OncePerRequestFilter filter(boolean api) {
        return new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String username = attemptedUsername(request, api);
                Optional<Duration> wait = username == null ? Optional.empty() : waitFor(request.getRemoteAddr(), username);
                if (wait.isPresent()) {
                    // whole seconds, rounded up: a client that waits exactly this long is let through
                    long seconds = Math.max(1, wait.get().plusMillis(999).toSeconds());
                    response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
                    if (api) {
                        ProblemResponses.write(response, 429, "Too many requests",
                                "Too many failed sign-ins for this account or from this address; try again in " + seconds + " s.");
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
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
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
