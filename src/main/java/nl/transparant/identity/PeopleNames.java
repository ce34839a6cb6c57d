package nl.transparant.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * People by their names. The decision log, the cases and the votes keep account ids (they are what the engine and the
 * four-eyes rule compare); what a person reads is the name: the one the identity provider last gave for the account
 * (Keycloak's {@code name}, or {@code given_name} and {@code family_name}, stored at sign-in and on API tokens), else
 * the demo account's name, else the account id itself. Auditors, who match records across systems, see both:
 * "Name (account)". Templates use it as {@code @people}.
 */
@Component("people")
public class PeopleNames {

    private static final int MAX_NAME = 255;
    private static final String NONE = "";
    private static final Map<String, String> DEMO = DemoAccount.ALL_ACCOUNTS.stream()
            .collect(Collectors.toMap(DemoAccount::username, DemoAccount::displayName));

    private final JdbcTemplate jdbc;
    /**
     * Another node may store a person's first or changed name: a name read here is trusted for this long, then read
     * again. Bounded, so a long-running node does not keep every account it ever showed.
     */
    static final Duration AT_MOST_STALE = Duration.ofMinutes(1);

    /** The names already read or stored: a sign-in writes only when the name changed, and a page asks the database once per person. */
    private final Cache<String, String> known = Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(AT_MOST_STALE).build();

    PeopleNames(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The person's name for pages and reports; the account id when no name is known. */
    public String name(String accountId) {
        if (accountId == null || accountId.isBlank()) {
            return accountId;
        }
        return stored(accountId).or(() -> Optional.ofNullable(DEMO.get(accountId))).orElse(accountId);
    }

    /** For auditors: "Name (account)", or the account alone when no other name is known. */
    public String nameAndAccount(String accountId) {
        String name = name(accountId);
        return name == null || name.equals(accountId) ? accountId : name + " (" + accountId + ")";
    }

    /**
     * The identity provider told this person's name (at sign-in, on a token): kept for the pages that show their work.
     * In a transaction of its own when the sign-in has none: the pool's connections do not commit by themselves.
     */
    @Transactional
    public void seen(StaffUser user) {
        String name = user.displayName() == null ? "" : user.displayName().strip();
        if (name.isEmpty() || name.equals(user.id()) || name.equals(known.getIfPresent(user.id()))) {
            return;
        }
        String kept = name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
        Timestamp now = Timestamp.from(Instant.now());
        try {
            if (jdbc.update("UPDATE staff_name SET display_name = ?, seen_at = ? WHERE account_id = ?", kept, now, user.id()) == 0) {
                jdbc.update("INSERT INTO staff_name (account_id, display_name, seen_at) VALUES (?,?,?)", user.id(), kept, now);
            }
            known.put(user.id(), kept);
        } catch (DataAccessException e) {
            // a name is for display only: a sign-in must not fail on it (two sign-ins at once may race to insert)
            known.invalidate(user.id());
        }
    }

    private Optional<String> stored(String accountId) {
        String cached = known.getIfPresent(accountId);
        if (cached != null) {
            return cached.isEmpty() ? Optional.empty() : Optional.of(cached);
        }
        Optional<String> read = jdbc.query("SELECT display_name FROM staff_name WHERE account_id = ?",
                (rs, row) -> rs.getString(1), accountId).stream().findFirst();
        // an account with no stored name (a demo account, "system") is remembered as such: one query per account, not per row
        known.put(accountId, read.orElse(NONE));
        return read;
    }
}
