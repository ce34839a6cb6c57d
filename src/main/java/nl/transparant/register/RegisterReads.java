package nl.transparant.register;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
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
 *
 * <p>The search's snapshot follows the generation without ever making a search wait for a reload: this node's own
 * writes go into it as they commit ({@link #recorded}, derived from the snapshot before, no query), and a generation this
 * node did not write itself is caught up with in the background (the listing's LARS codes and entry ids compared, the
 * rows that differ read with their fields) while searches are answered from the snapshot before. Only a node's first
 * search loads the whole listing.
 */
@Component
class RegisterReads {

    private static final Logger log = LoggerFactory.getLogger(RegisterReads.class);
    /** How long a search waits at most for this node's committing publication to reach the index. */
    private static final Duration OWN_COMMIT_WAIT = Duration.ofSeconds(5);

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
    /** Held by the node's first search while it loads the listing (the others wait for it: there is nothing before). */
    private final ReentrantLock firstLoad = new ReentrantLock();

    private volatile Generation generation;
    private volatile long nextCheck;
    private volatile boolean stale = true;
    /** Transactions of this node that wrote a version and are committing now. */
    private final AtomicInteger committing = new AtomicInteger();
    /** Per entry id its latest version number, for the current generation only. */
    private volatile Map<String, Integer> latest = new ConcurrentHashMap<>();
    private volatile RegisterSnapshot snapshot;
    /** Where the index is brought up to another node's writes: one background thread, or a test's own. */
    private final Executor background;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    /** The database generation the last refresh was asked for. */
    private volatile Generation requested;
    /** Held while a snapshot is derived, so that derivations follow one another (searches never take it). */
    private final Object derive = new Object();
    /** Signalled when a transaction of this node that wrote a version has completed. */
    private final Object settled = new Object();
    /** This node's rows applied while a full load runs (guarded by {@link #derive}). */
    private List<RegisterSnapshot.Listed> appliedDuringLoad;
    private final AtomicLong loads = new AtomicLong();

    @Autowired
    RegisterReads(NamedParameterJdbcTemplate jdbc, PublishedEntries entries, ObjectMapper json,
            @Value("${transparant.register.read-check-interval:PT1S}") Duration checkInterval,
            @Value("${transparant.register.read-cache-bytes:67108864}") long cacheBytes) {
        this(jdbc, entries, json, checkInterval, cacheBytes, Ticker.systemTicker(), Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "register-index");
            thread.setDaemon(true);
            return thread;
        }));
    }

    RegisterReads(NamedParameterJdbcTemplate jdbc, PublishedEntries entries, ObjectMapper json, Duration checkInterval,
            long cacheBytes, Ticker ticker) {
        this(jdbc, entries, json, checkInterval, cacheBytes, ticker, Runnable::run);
    }

    RegisterReads(NamedParameterJdbcTemplate jdbc, PublishedEntries entries, ObjectMapper json, Duration checkInterval,
            long cacheBytes, Ticker ticker, Executor background) {
        this.background = background;
        this.jdbc = jdbc;
        this.entries = entries;
        this.json = json;
        this.checkIntervalNanos = checkInterval.toNanos();
        this.ticker = ticker;
        this.versions = new BoundedBytes(cacheBytes);
    }

    /**
     * A version was stored or listed, with the listing row this node wrote for it. While its transaction commits every
     * read checks the generation, and the first read after it checks again, so that a reader on this node never misses
     * a write this node committed (not even one that looks for it the moment the commit is visible, before this node's
     * after-commit work has run). The search's index takes the row once the transaction has committed (derived from the
     * snapshot it has, without a query); a search meanwhile waits for that, not for a reload.
     */
    void recorded(RegisterSnapshot.Listed row) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            apply(List.of(row));
            stale = true;
            return;
        }
        // found among the transaction's synchronizations (not a bound resource): an inner REQUIRES_NEW transaction has
        // synchronizations of its own, so its rows go in when it commits, not when the outer one does
        Pending pending = null;
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof Pending p && p.owner() == this) {
                pending = p;
            }
        }
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.rows.add(row);
    }

    /** The listing rows one transaction of this node wrote, taken into the index when it commits. */
    private final class Pending implements TransactionSynchronization {
        private final List<RegisterSnapshot.Listed> rows = new ArrayList<>();
        private boolean counted;

        RegisterReads owner() {
            return RegisterReads.this;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            if (!counted) {
                counted = true;
                committing.incrementAndGet();
            }
        }

        @Override
        public void afterCompletion(int status) {
            try {
                if (status == STATUS_COMMITTED) {
                    apply(rows);
                }
            } finally {
                stale = true;
                if (counted) {
                    counted = false;
                    committing.decrementAndGet();
                }
                synchronized (settled) {
                    settled.notifyAll();
                }
            }
        }
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
        // the database compares ids as text under its collation (trailing spaces, zero-width and full-width characters
        // match): only the exact id is this entry, or every such alias would be an address of its own, cached and
        // remembered here (outside test, issue 14)
        Optional<PublishedEntry> entry = entries.findFirstByLarsOrderByVersionNumberDesc(lars).filter(e -> e.getLars().equals(lars));
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
        return entries.findByLarsAndVersionNumber(lars, version).filter(e -> e.getLars().equals(lars))
                .map(e -> prepare(e, representation, etag, body));
    }

    /**
     * What the search reads: the newest snapshot this node has. When the database's generation moved past it (another
     * node published, or a write around the application), the next snapshot is derived in the background from this one
     * and the rows that changed, and searches go on with this one until it is there. Only the very first search of a
     * node loads the whole listing and waits for it (there is nothing to answer from before).
     *
     * <p>A search does wait while a transaction of this node that wrote a version is committing, until its rows are in the
     * index (microseconds of work after the commit): so whoever just published sees the publication on their next read.
     */
    RegisterSnapshot snapshot() {
        awaitOwnCommits();
        Generation now = current();
        RegisterSnapshot s = snapshot;
        if (s == null) {
            firstLoad.lock();
            try {
                s = snapshot;
                if (s == null) {
                    s = loadAll(generation);
                }
            } finally {
                firstLoad.unlock();
            }
        }
        if (!s.generation().equals(now) && !now.equals(requested)) {
            refresh(now);
            return snapshot; // the next one when the refresh ran in this thread (a test's executor), else still this one
        }
        return s;
    }

    /**
     * The node loads the listing once it is ready, in the background, so that its first search does not pay for it (a
     * search that comes before the load is done waits for it: there is nothing to answer from).
     */
    @EventListener(ApplicationReadyEvent.class)
    public void loadWhenReady() {
        background.execute(() -> {
            try {
                snapshot();
            } catch (RuntimeException e) {
                log.warn("The register's listing could not be loaded for search at start; the first search loads it", e);
            }
        });
    }

    /** Full loads of the listing so far (the first search, a database restored to an older state). */
    long loads() {
        return loads.get();
    }

    private RegisterSnapshot loadAll(Generation at) {
        List<RegisterSnapshot.Listed> during = new ArrayList<>();
        synchronized (derive) {
            appliedDuringLoad = during;
        }
        RegisterSnapshot loaded;
        try {
            // the snapshot is read after the generation, so it is at least as new as the generation it is filed under
            loaded = RegisterSnapshot.load(jdbc, at);
            loads.incrementAndGet();
        } finally {
            synchronized (derive) {
                appliedDuringLoad = null;
            }
        }
        synchronized (derive) {
            // this node's own writes committed while the listing was read: the load may have read them or not
            loaded = loaded.with(during, loaded.generation());
            snapshot = loaded;
            return loaded;
        }
    }

    /** Rows this node committed: into the index at once, derived from what it has (nothing to do before the first load). */
    private void apply(List<RegisterSnapshot.Listed> rows) {
        synchronized (derive) {
            if (appliedDuringLoad != null) {
                appliedDuringLoad.addAll(rows);
            }
            RegisterSnapshot s = snapshot;
            if (s == null || rows.isEmpty()) {
                return;
            }
            snapshot = s.with(rows, expected(s, rows));
        }
    }

    /**
     * The generation the database has after these rows, if nothing else was written meanwhile: each row one more
     * published version, a new entry one more listing row. When the next check reads just that, nothing needs to be
     * read back; when it reads anything else (another node wrote too, or a row was listed without a new version), the
     * background refresh compares the listing and reads what differs.
     */
    private static Generation expected(RegisterSnapshot s, List<RegisterSnapshot.Listed> rows) {
        Generation g = s.generation();
        long entries = g.entries();
        long max = g.maxEntryId();
        long listed = g.listed();
        long sum = g.listedEntryIdSum();
        Map<String, Long> seen = new HashMap<>();
        for (RegisterSnapshot.Listed row : rows) {
            entries++;
            max = Math.max(max, row.entryId());
            Long before = seen.containsKey(row.lars()) ? seen.get(row.lars()) : s.entryId(row.lars());
            if (before == null) {
                listed++;
                sum += row.entryId();
            } else if (row.entryId() > before) {
                sum += row.entryId() - before;
            }
            seen.put(row.lars(), before == null ? row.entryId() : Math.max(before, row.entryId()));
        }
        return new Generation(entries, max, listed, sum);
    }

    /**
     * Brings the index up to the database's generation in the background: one refresh at a time, and one per generation
     * this node has read (a search does not start a refresh that one before it already asked for).
     */
    private void refresh(Generation target) {
        requested = target;
        if (!refreshing.compareAndSet(false, true)) {
            return; // the running refresh sees that it was asked again, and goes again
        }
        try {
            background.execute(() -> {
                Generation done = null;
                try {
                    do {
                        done = requested;
                        refreshNow();
                    } while (done != requested);
                } catch (RuntimeException e) {
                    requested = null; // the next search asks again
                    log.warn("The register's search index could not be brought up to date; searches go on with the one before", e);
                } finally {
                    refreshing.set(false);
                }
                Generation again = requested;
                if (done != null && again != null && again != done) {
                    refresh(again);
                }
            });
        } catch (RuntimeException e) {
            refreshing.set(false);
            requested = null;
            throw e;
        }
    }

    /**
     * Compares the listing in the database with the snapshot (LARS code and entry id of every row: one narrow query) and
     * reads the rows that differ, with their fields; a listing that lost rows (a database restored to an older state) is
     * loaded whole.
     */
    private void refreshNow() {
        Generation at = read();
        RegisterSnapshot s = snapshot;
        if (s == null || at.equals(s.generation())) {
            return;
        }
        Map<String, Long> listed = new HashMap<>();
        jdbc.query("select lars, entry_id from register_listing", Map.of(), rs -> {
            listed.put(rs.getString(1), rs.getLong(2));
        });
        boolean shrunk = at.entries() < s.generation().entries() || listed.size() < s.size();
        if (!shrunk) {
            for (String lars : s.larsCodes()) {
                if (!listed.containsKey(lars)) {
                    shrunk = true;
                    break;
                }
            }
        }
        if (shrunk) {
            loadAll(at);
            return;
        }
        List<String> changed = new ArrayList<>();
        listed.forEach((lars, entryId) -> {
            Long known = s.entryId(lars);
            if (known == null || known.longValue() != entryId) {
                changed.add(lars);
            }
        });
        List<RegisterSnapshot.Listed> rows = changed.isEmpty() ? List.of() : RegisterSnapshot.rows(jdbc, changed);
        synchronized (derive) {
            // derived from the newest snapshot: this node's own writes may have come in meanwhile, and a row never goes back
            snapshot = snapshot.with(rows, at);
        }
    }

    private void awaitOwnCommits() {
        if (committing.get() == 0) {
            return;
        }
        long until = System.nanoTime() + OWN_COMMIT_WAIT.toNanos();
        synchronized (settled) {
            while (committing.get() > 0) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    settled.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @PreDestroy
    void stop() {
        if (background instanceof ExecutorService executor) {
            executor.shutdownNow();
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
