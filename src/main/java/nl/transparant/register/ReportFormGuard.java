package nl.transparant.register;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps automated posts out of the public report form without a third-party service or tracking the reporter:
 * the form carries a signed timestamp (a post sooner than a person can type, or from a form that is hours old, is
 * refused); a field people never see must stay empty (bots fill every field); and one address may send only a few
 * reports an hour. The addresses are counted in memory and never stored.
 *
 * <p>The signing key comes from {@code transparant.register.form-secret}; without it each start picks a random one,
 * which is fine on one node (forms open during a restart must be sent again). Several nodes need the same secret.
 */
@Component
class ReportFormGuard {

    enum Verdict { ACCEPT, TOO_FAST, EXPIRED, FORGED, HONEYPOT, TOO_MANY }

    static final Duration MIN_FILL_TIME = Duration.ofSeconds(3);
    static final Duration MAX_FORM_AGE = Duration.ofHours(2);
    static final int PER_ADDRESS_PER_HOUR = 5;

    private final byte[] secret;
    private final Clock clock;
    private final Map<String, Deque<Instant>> recentByAddress = new ConcurrentHashMap<>();

    @Autowired
    ReportFormGuard(@Value("${transparant.register.form-secret:}") String configuredSecret) {
        this(configuredSecret, Clock.systemUTC());
    }

    ReportFormGuard(String configuredSecret, Clock clock) {
        if (configuredSecret == null || configuredSecret.isBlank()) {
            this.secret = new byte[32];
            new SecureRandom().nextBytes(this.secret);
        } else {
            this.secret = configuredSecret.getBytes(StandardCharsets.UTF_8);
        }
        this.clock = clock;
    }

    /** A token for a form about this entry, shown now. */
    String issue(String lars) {
        return issue(lars, clock.instant());
    }

    String issue(String lars, Instant at) {
        long issued = at.toEpochMilli();
        return issued + "." + sign(lars + "|" + issued);
    }

    Verdict check(String lars, String token, String honeypot, String address) {
        if (honeypot != null && !honeypot.isEmpty()) {
            return Verdict.HONEYPOT;
        }
        if (token == null || token.indexOf('.') < 1) {
            return Verdict.FORGED;
        }
        String issuedText = token.substring(0, token.indexOf('.'));
        long issued;
        try {
            issued = Long.parseLong(issuedText);
        } catch (NumberFormatException e) {
            return Verdict.FORGED;
        }
        byte[] expected = sign(lars + "|" + issued).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, token.substring(token.indexOf('.') + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.FORGED;
        }
        Duration age = Duration.ofMillis(clock.millis() - issued);
        if (age.compareTo(MIN_FILL_TIME) < 0) {
            return Verdict.TOO_FAST;
        }
        if (age.compareTo(MAX_FORM_AGE) > 0) {
            return Verdict.EXPIRED;
        }
        return withinRate(address) ? Verdict.ACCEPT : Verdict.TOO_MANY;
    }

    private boolean withinRate(String address) {
        Instant now = clock.instant();
        Instant hourAgo = now.minus(Duration.ofHours(1));
        if (recentByAddress.size() > 10_000) {
            // forget addresses that have been quiet for an hour, so the map cannot grow without bound
            recentByAddress.entrySet().removeIf(e -> e.getValue().isEmpty() || e.getValue().peekLast().isBefore(hourAgo));
        }
        Deque<Instant> recent = recentByAddress.computeIfAbsent(address == null ? "" : address, k -> new ArrayDeque<>());
        synchronized (recent) {
            while (!recent.isEmpty() && recent.peekFirst().isBefore(hourAgo)) {
                recent.pollFirst();
            }
            if (recent.size() >= PER_ADDRESS_PER_HOUR) {
                return false;
            }
            recent.addLast(now);
            return true;
        }
    }

    private String sign(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
