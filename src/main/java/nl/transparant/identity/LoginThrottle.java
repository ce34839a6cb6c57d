package nl.transparant.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.event.AbstractAuthenticationEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Slows password guessing against the local accounts (the login form and HTTP Basic on the API) so that it costs the
 * guesser, not the people whose accounts or address it uses. A throttled attempt is answered 429 with
 * {@code Retry-After} without its password being checked, so a throttled guesser learns nothing. Three rules:
 *
 * <ul>
 * <li><b>Per account and address</b>: after {@code free-failures} wrong passwords in a row for one account from one
 * address, that address's next attempt for that account waits {@code first-delay}, then twice that, and so on up to
 * {@code max-delay}. One guessing address gets about one guess a minute per account, and delays only itself: the
 * owner signing in from any other address is never held up (earlier the delay was per account, and a guesser that
 * re-guessed the moment it passed kept the owner out for as long as it liked).</li>
 * <li><b>Per account, only under a distributed attack</b>: when wrong passwords for one account came from more than
 * {@code max-addresses-per-account} addresses within {@code window}, addresses that have never signed in to that
 * account (on this node, since its start) get at most one checked attempt per {@code max-delay} between them. Many
 * addresses together then guess no faster than one; the owner keeps signing in from an address they used before. An
 * attacker with that many addresses can still make the owner wait on a new address, a minute at a time.</li>
 * <li><b>Per address, only password spraying</b>: an address that got wrong passwords for more than
 * {@code max-accounts-per-address} different user names within {@code window} waits before each attempt for an
 * account it has not signed in to: {@code first-delay} after the next wrong name, doubling with each further one, at
 * most {@code max-delay}; it is slowed, never shut out, and who signed in from it before goes on signing in. People
 * behind one NAT address signing in with their own passwords are never counted. Someone new behind the same address
 * as a sprayer that keeps going shares its wait, as they cannot be told apart without checking the password.</li>
 * </ul>
 * Counted in memory per node; with Keycloak, its own brute-force detection (keycloak/realm.json) does this job.
 *
 * <p>Why per node and why not Bucket4j: these are the local accounts of a single-node installation (an installation
 * with several nodes signs in through Keycloak, whose brute-force detection is shared through its database), so a
 * limit shared across nodes would buy nothing here. And the rules are not token buckets: a delay that doubles with a
 * streak, a limit that only applies to addresses an account has never signed in from, a count of distinct names per
 * address. What a library does better is forgetting: the counts are Caffeine caches that drop what has been quiet
 * for {@code window} (nothing in it could still delay anyone), instead of scanning a map on every failure once it is
 * large.
 */
@Component
class LoginThrottle {

    /** Addresses an account is known to have signed in from; the most recent ones are kept. */
    private static final int MAX_KNOWN_ADDRESSES = 16;
    /** No client address (not expected behind a servlet container): such attempts are counted as one address. */
    private static final String NO_ADDRESS = "";

    private final int freeFailures;
    private final Duration firstDelay;
    private final Duration maxDelay;
    private final int maxAccountsPerAddress;
    private final int maxAddressesPerAccount;
    private final Duration window;
    private final Clock clock;
    /*
     * Each forgets an entry untouched for the window (so guessed names cannot fill memory): every failure touches it,
     * so by then its last failure is older than the window and it delays nobody, exactly as a fresh one would not.
     */
    private final Cache<Pair, Streak> pairs;
    private final Cache<String, AccountFailures> accounts;
    private final Cache<String, AddressFailures> addresses;
    /** Per account the addresses it signed in from: kept while the node runs (at most 16 per account that signed in). */
    private final Map<String, KnownAddresses> known = new ConcurrentHashMap<>();

    @Autowired
    LoginThrottle(@Value("${transparant.identity.login-attempts.free-failures:5}") int freeFailures,
            @Value("${transparant.identity.login-attempts.first-delay:PT1S}") Duration firstDelay,
            @Value("${transparant.identity.login-attempts.max-delay:PT1M}") Duration maxDelay,
            @Value("${transparant.identity.login-attempts.max-accounts-per-address:20}") int maxAccountsPerAddress,
            @Value("${transparant.identity.login-attempts.max-addresses-per-account:10}") int maxAddressesPerAccount,
            @Value("${transparant.identity.login-attempts.window:PT15M}") Duration window,
            ObjectProvider<Clock> clock) {
        this(freeFailures, firstDelay, maxDelay, maxAccountsPerAddress, maxAddressesPerAccount, window,
                clock.getIfAvailable(Clock::systemUTC));
    }

    LoginThrottle(int freeFailures, Duration firstDelay, Duration maxDelay, int maxAccountsPerAddress,
            int maxAddressesPerAccount, Duration window, Clock clock) {
        this.freeFailures = freeFailures;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.maxAccountsPerAddress = maxAccountsPerAddress;
        this.maxAddressesPerAccount = maxAddressesPerAccount;
        this.window = window;
        this.clock = clock;
        this.pairs = forgettingAfter(window, clock);
        this.accounts = forgettingAfter(window, clock);
        this.addresses = forgettingAfter(window, clock);
    }

    private static <K, V> Cache<K, V> forgettingAfter(Duration window, Clock clock) {
        // the ticker follows the clock the rules use, so a test that moves its clock moves the forgetting too
        return Caffeine.newBuilder().expireAfterAccess(window).ticker(() -> clock.millis() * 1_000_000L).build();
    }

    /** How long a sign-in attempt must still wait, or empty when it may be checked now. */
    Optional<Duration> waitFor(String address, String username) {
        Instant now = clock.instant();
        String from = address == null ? NO_ADDRESS : address;
        Duration wait = Duration.ZERO;
        Streak streak = pairs.getIfPresent(new Pair(username, from));
        if (streak != null) {
            wait = max(wait, streak.waitFrom(now));
        }
        KnownAddresses signedIn = known.get(username);
        if (signedIn == null || !signedIn.contains(from)) {
            AccountFailures account = accounts.getIfPresent(username);
            if (account != null) {
                wait = max(wait, account.distributedWaitFrom(now));
            }
            AddressFailures sprayer = addresses.getIfPresent(from);
            if (sprayer != null) {
                wait = max(wait, sprayer.sprayWaitFrom(now));
            }
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        Instant now = clock.instant();
        String username = String.valueOf(event.getAuthentication().getPrincipal());
        String address = addressOf(event);
        pairs.get(new Pair(username, address), p -> new Streak()).failedAt(now);
        accounts.get(username, name -> new AccountFailures()).failedFrom(address, now);
        addresses.get(address, a -> new AddressFailures()).failedFor(username, now);
    }

    /**
     * A right password ends that address's streak for the account and makes the address known to it. The account's
     * and the address's counts stay: a sprayer or a botnet with one account of its own would otherwise reset them.
     */
    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        String username = event.getAuthentication().getName();
        String address = addressOf(event);
        pairs.invalidate(new Pair(username, address));
        known.computeIfAbsent(username, name -> new KnownAddresses()).signedInFromNow(address);
    }

    private static String addressOf(AbstractAuthenticationEvent event) {
        return event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null
                ? details.getRemoteAddress()
                : NO_ADDRESS;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration remaining(Instant now, Instant until) {
        Duration remaining = Duration.between(now, until);
        return remaining.isNegative() ? Duration.ZERO : remaining;
    }

    /** first-delay doubled {@code doublings} times, at most max-delay. */
    private Duration delay(int doublings) {
        Duration delay = firstDelay.multipliedBy(1L << Math.max(0, Math.min(doublings, 30)));
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    /** Keeps the last {@code keep} of an insertion-ordered collection. */
    private static void dropOldest(Collection<String> inInsertionOrder, int keep) {
        Iterator<String> it = inInsertionOrder.iterator();
        for (int extra = inInsertionOrder.size() - keep; extra > 0; extra--) {
            it.next();
            it.remove();
        }
    }

    private record Pair(String username, String address) {}

    /** Wrong passwords for one account from one address in a row; a streak older than the window is forgotten. */
    private final class Streak {

        private int failures;
        private Instant last = Instant.MIN;

        synchronized void failedAt(Instant now) {
            if (quietSince(now.minus(window))) {
                failures = 0;
            }
            failures++;
            last = now;
        }

        /** 1 × first-delay after the last free failure, doubling with each further one. */
        synchronized Duration waitFrom(Instant now) {
            if (failures < freeFailures || quietSince(now.minus(window))) {
                return Duration.ZERO;
            }
            return remaining(now, last.plus(delay(failures - freeFailures)));
        }

        synchronized boolean quietSince(Instant since) {
            return last.isBefore(since);
        }
    }

    /** The addresses one account got wrong passwords from within the window. */
    private final class AccountFailures {

        /** The most recent failing addresses, each with its last failure; one more than the limit is all it takes. */
        private final Map<String, Instant> failingAddresses = new LinkedHashMap<>();
        private Instant last = Instant.MIN;

        synchronized void failedFrom(String address, Instant now) {
            failingAddresses.remove(address);
            failingAddresses.put(address, now);
            dropOldest(failingAddresses.keySet(), maxAddressesPerAccount + 1);
            last = now;
        }

        /** One checked attempt per max-delay from unknown addresses, while more addresses than allowed failed within the window. */
        synchronized Duration distributedWaitFrom(Instant now) {
            Instant since = now.minus(window);
            failingAddresses.values().removeIf(t -> t.isBefore(since));
            return failingAddresses.size() > maxAddressesPerAccount ? remaining(now, last.plus(maxDelay)) : Duration.ZERO;
        }

    }

    /** The addresses one account signed in from, the most recent ones. */
    private static final class KnownAddresses {

        private final LinkedHashSet<String> addresses = new LinkedHashSet<>();

        synchronized void signedInFromNow(String address) {
            addresses.remove(address);
            addresses.add(address);
            dropOldest(addresses, MAX_KNOWN_ADDRESSES);
        }

        synchronized boolean contains(String address) {
            return addresses.contains(address);
        }
    }

    /** The user names one address got wrong within the window, each with its last failure. */
    private final class AddressFailures {

        /** Enough names to reach max-delay; beyond that the oldest make room. */
        private final int maxNames = maxAccountsPerAddress + 32;
        private final Map<String, Instant> names = new LinkedHashMap<>();
        private Instant last = Instant.MIN;

        synchronized void failedFor(String username, Instant now) {
            names.remove(username);
            names.put(username, now);
            dropOldest(names.keySet(), maxNames);
            last = now;
        }

        /** first-delay after the first name beyond the allowed number within the window, doubling with each further name. */
        synchronized Duration sprayWaitFrom(Instant now) {
            Instant since = now.minus(window);
            names.values().removeIf(t -> t.isBefore(since));
            int beyond = names.size() - maxAccountsPerAddress;
            return beyond > 0 ? remaining(now, last.plus(delay(beyond - 1))) : Duration.ZERO;
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
                        ProblemResponses.write(request, response, 429, "error.status.429", "problem.auth.tooManySignIns",
                                String.valueOf(seconds));
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
