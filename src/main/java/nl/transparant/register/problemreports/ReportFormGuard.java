package nl.transparant.register.problemreports;

import com.github.benmanes.caffeine.cache.Caffeine;
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
 * <p>The count is a sliding hour (the last five accepted reports of an address, each forgotten an hour after it was
 * sent), which a token bucket such as Bucket4j's does not give exactly, so it stays this small deque per address. It
 * is per node: a few reports more an hour through another node only mean a few more tasks for an owner, whereas a
 * count shared across nodes would cost a database write per report. Caffeine forgets an address an hour after its
 * last report attempt (all it counted is then older than an hour), so the map needs no scan to stay small.
 *
 * <p>The signing key comes from {@code transparant.register.form-secret}; without it each start picks a random one,
 * which is fine on one node (forms open during a restart must be sent again). Several nodes need the same secret.
 */
@Component
public class ReportFormGuard {

    enum Verdict { ACCEPT, TOO_FAST, EXPIRED, FORGED, HONEYPOT, TOO_MANY }

    /** Public, like {@link #issue(String, Instant)}, for the register's page tests that send a report. */
    public static final Duration MIN_FILL_TIME = Duration.ofSeconds(3);
    static final Duration MAX_FORM_AGE = Duration.ofHours(2);
    static final int PER_ADDRESS_PER_HOUR = 5;

    private final byte[] secret;
    private final Clock clock;
    private final Map<String, Deque<Instant>> recentByAddress;

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
        this.recentByAddress = Caffeine.newBuilder().expireAfterAccess(Duration.ofHours(1))
                .ticker(() -> clock.millis() * 1_000_000L).<String, Deque<Instant>>build().asMap();
    }

    /** A token for a form about this entry, shown now. */
    String issue(String lars) {
        return issue(lars, clock.instant());
    }

    /** A token for a form about this entry, shown at {@code at}. */
    public String issue(String lars, Instant at) {
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
        boolean[] accepted = new boolean[1];
        // one address's count is read and changed as one step, so two reports at once cannot both take the last place
        recentByAddress.compute(address == null ? "" : address, (key, counted) -> {
            Deque<Instant> recent = counted == null ? new ArrayDeque<>() : counted;
            while (!recent.isEmpty() && recent.peekFirst().isBefore(hourAgo)) {
                recent.pollFirst();
            }
            accepted[0] = recent.size() < PER_ADDRESS_PER_HOUR;
            if (accepted[0]) {
                recent.addLast(now);
            }
            return recent;
        });
        return accepted[0];
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
