package nl.transparant.register;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The public register's reads from memory: the response bytes of published versions, prepared once, and the
 * search snapshot ({@link RegisterSnapshot}), so that a read costs neither a query nor a JSON round trip.
 *
 * <p>A published version never changes, so its bytes are kept (in a Caffeine cache weighed in bytes, bounded by
 * {@code transparant.register.read-cache-bytes}) without any invalidation. What changes is which version is the
 * latest and what the search sees. Both are keyed on the register's <em>generation</em>: the number of rows and the
 * highest id in {@code published_entry} and the number of rows and the sum of the entry ids in {@code register_listing}.
 * Every publication, change, retirement, import or listing fix changes it (rows are only ever added, and a listing
 * row only ever moves to a newer entry). Why that and not a TTL alone or a counter row:
 * <ul>
 * <li>This node sees its own writes at once: {@link RegisterListing#record} marks the generation stale after the
 * publishing transaction commits, and the next read checks before it answers.</li>
 * <li>The application may run as several nodes on one database (ScaleOutIT): a version published on another node
 * is seen within {@code transparant.register.read-check-interval} (default 1 s), because the generation is read
 * again at most that often, by one request while the others go on with what they have. The check is four
 * aggregates over indexes (a few milliseconds at 100,000 entries), once per interval, not per request.</li>
 * <li>Not a generation counter row: every publication would then have to update one row in its transaction (a lock
 * all publications queue on), and writes around the application (imports, the benchmark's seeder, a restored
 * backup) would not move it. Not "max id" alone: two nodes committing out of id order would leave the lower id
 * unseen forever; the row counts catch that.</li>
 * </ul>
 * A generation with fewer published rows than before (a database restored from an older backup) empties the version
 * bytes too, since a version number may then come back with other content.
 */
@Component
class RegisterReads {

    /** What a read answers with: the bytes as they go out, and their strong validator. */
    record Prepared(String etag, byte[] body) {
    }

    record Generation(long entries, long maxEntryId, long listed, long listedEntryIdSum) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final PublishedEntries entries;
    private final ObjectMapper json;
    private final long checkIntervalNanos;
    /** Where the check interval is measured: {@link System#nanoTime()}, or a test's hand-moved ticker. */
    private final Ticker ticker;
    private final BoundedBytes versions;
    private final ReentrantLock lock = new ReentrantLock();

    private volatile Generation generation;
    private volatile long nextCheck;
    private volatile boolean stale = true;
    /** Transactions of this node that wrote a version and are committing now. */
    private final AtomicInteger committing = new AtomicInteger();
    /** Per entry id its latest version number, for the current generation only. */
    private volatile Map<String, Integer> latest = new ConcurrentHashMap<>();
    private volatile RegisterSnapshot snapshot;

    @Autowired
    RegisterReads(NamedParameterJdbcTemplate jdbc, PublishedEntries entries, ObjectMapper json,
            @Value("${transparant.register.read-check-interval:PT1S}") Duration checkInterval,
            @Value("${transparant.register.read-cache-bytes:67108864}") long cacheBytes) {
        this(jdbc, entries, json, checkInterval, cacheBytes, Ticker.systemTicker());
    }

    RegisterReads(NamedParameterJdbcTemplate jdbc, PublishedEntries entries, ObjectMapper json, Duration checkInterval,
            long cacheBytes, Ticker ticker) {
        this.jdbc = jdbc;
        this.entries = entries;
        this.json = json;
        this.checkIntervalNanos = checkInterval.toNanos();
        this.ticker = ticker;
        this.versions = new BoundedBytes(cacheBytes);
    }

    /**
     * A version was stored or listed. While its transaction commits every read checks the generation, and the first read
     * after it checks again, so that a reader on this node never misses a write this node committed (not even one
     * that looks for it the moment the commit is visible, before this node's after-commit work has run).
     */
    void changed() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            stale = true;
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            private boolean counted;

            @Override
            public void beforeCommit(boolean readOnly) {
                if (!counted) {
                    counted = true;
                    committing.incrementAndGet();
                }
            }

            @Override
            public void afterCompletion(int status) {
                stale = true;
                if (counted) {
                    counted = false;
                    committing.decrementAndGet();
                }
            }
        });
    }

    /**
     * The latest version of an entry in one representation, or empty when the register has no such entry.
     *
     * @param representation names the bytes (one entry has several: Dutch, English, the JSON API's envelope)
     * @param body what is written as JSON, from the version read from the database when it is not in memory
     */
    Optional<Prepared> latest(String lars, String representation, Function<PublishedEntry, String> etag,
            Function<PublishedEntry, Object> body) {
        current();
        Map<String, Integer> known = latest;
        Integer version = known.get(lars);
        if (version != null) {
            Prepared cached = versions.get(key(lars, version, representation));
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        Optional<PublishedEntry> entry = entries.findFirstByLarsOrderByVersionNumberDesc(lars);
        entry.ifPresent(e -> known.put(lars, e.getVersionNumber()));
        return entry.map(e -> prepare(e, representation, etag, body));
    }

    /** One published version in one representation (never invalidated: it cannot change). */
    Optional<Prepared> version(String lars, int version, String representation, Function<PublishedEntry, String> etag,
            Function<PublishedEntry, Object> body) {
        current();
        Prepared cached = versions.get(key(lars, version, representation));
        if (cached != null) {
            return Optional.of(cached);
        }
        return entries.findByLarsAndVersionNumber(lars, version).map(e -> prepare(e, representation, etag, body));
    }

    /** What the search reads, as of the current generation (loaded on the first search after a change). */
    RegisterSnapshot snapshot() {
        Generation now = current();
        RegisterSnapshot s = snapshot;
        if (s != null && s.generation().equals(now)) {
            return s;
        }
        lock.lock();
        try {
            s = snapshot;
            if (s == null || !s.generation().equals(generation)) {
                // the snapshot is read after the generation, so it is at least as new as the generation it is filed under
                s = RegisterSnapshot.load(jdbc, generation);
                snapshot = s;
            }
            return s;
        } finally {
            lock.unlock();
        }
    }

    private Prepared prepare(PublishedEntry entry, String representation, Function<PublishedEntry, String> etag,
            Function<PublishedEntry, Object> body) {
        try {
            Prepared prepared = new Prepared(etag.apply(entry), json.writeValueAsBytes(body.apply(entry)));
            versions.put(key(entry.getLars(), entry.getVersionNumber(), representation), prepared);
            return prepared;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Published entry " + entry.getLars() + " v" + entry.getVersionNumber()
                    + " cannot be written as JSON", e);
        }
    }

    /**
     * The generation as this node knows it now, for what is prepared from the register outside this class (the overview
     * page): the same check as every read here, so that it moves as soon as this node wrote.
     */
    Generation generation() {
        return current();
    }

    /** The generation, read again when this node wrote or the interval passed. */
    private Generation current() {
        Generation g = generation;
        // committing before stale: a writer sets stale before it stops counting (see changed())
        boolean mustCheck = committing.get() > 0 | stale;
        if (g != null && !mustCheck && ticker.read() - nextCheck < 0) {
            return g;
        }
        if (g != null && !mustCheck) {
            // the periodic check: one request reads the generation, the others answer from what is known meanwhile
            if (!lock.tryLock()) {
                return g;
            }
        } else {
            // this node wrote (or nothing is known yet): wait for the check, so that a writer reads its own write
            lock.lock();
        }
        try {
            g = generation;
            mustCheck = committing.get() > 0 | stale;
            if (g != null && !mustCheck && ticker.read() - nextCheck < 0) {
                return g;
            }
            stale = false;
            Generation read = read();
            if (!read.equals(g)) {
                if (g != null && read.entries() < g.entries()) {
                    versions.clear();
                }
                latest = new ConcurrentHashMap<>();
                generation = read;
            }
            nextCheck = ticker.read() + checkIntervalNanos;
            return read;
        } finally {
            lock.unlock();
        }
    }

    private Generation read() {
        return jdbc.queryForObject("""
                select (select count(*) from published_entry), (select coalesce(max(id), 0) from published_entry),
                       (select count(*) from register_listing), (select coalesce(sum(entry_id), 0) from register_listing)""",
                Map.of(), (rs, i) -> new Generation(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
    }

    private static String key(String lars, int version, String representation) {
        return lars + '/' + version + '/' + representation;
    }

    /**
     * Prepared responses, bounded by the bytes they hold: Caffeine weighs each by its body and evicts what is least
     * likely to be read again (W-TinyLFU, which keeps a popular entry that a crawl of every version would push out of a
     * plain least-recently-used map).
     */
    static final class BoundedBytes {

        private final Cache<String, Prepared> cache;

        BoundedBytes(long maxBytes) {
            this.cache = Caffeine.newBuilder()
                    .maximumWeight(maxBytes)
                    .<String, Prepared>weigher((key, value) -> value.body().length)
                    .build();
        }

        Prepared get(String key) {
            return cache.getIfPresent(key);
        }

        void put(String key, Prepared value) {
            cache.put(key, value);
        }

        void clear() {
            cache.invalidateAll();
        }
    }
}
