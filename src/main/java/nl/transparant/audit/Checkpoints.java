package nl.transparant.audit;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import nl.transparant.problems.ProblemTexts;
import nl.transparant.register.FeedItem;
import nl.transparant.register.FeedItemSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Signs the head of the decision log's chain now and then ({@code checkpoint-interval}, once at start when the head
 * has moved since the last checkpoint, and when an administrator asks), and keeps the signed checkpoints, append-only,
 * for the public register. Anyone with the public key can then check, without trusting the database, that the chain
 * still holds the records it held when each checkpoint was signed ({@link ChainVerifier#against}).
 */
@Component
class Checkpoints implements SmartLifecycle, FeedItemSource {

    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
    private static final RowMapper<Checkpoint> CHECKPOINT = (rs, row) -> new Checkpoint(rs.getLong(1), rs.getLong(2), rs.getString(3),
            rs.getObject(4, LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getString(5), rs.getString(6));

    private final JdbcTemplate jdbc;
    private final TransactionTemplate inTransaction;
    private final DecisionLog log;
    private final CheckpointKey key;
    private final Duration interval;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    @Autowired
    Checkpoints(JdbcTemplate jdbc, DecisionLog log,
            @Value("${transparant.audit.checkpoint-key:./data/keys/decision-log-checkpoint.key}") Path keyFile,
            @Value("${transparant.audit.checkpoint-key-generate:true}") boolean generateKey,
            @Value("${transparant.audit.checkpoint-interval:PT1H}") Duration interval, ObjectProvider<Clock> clock) {
        this(jdbc, log, CheckpointKey.at(keyFile, generateKey), interval, clock.getIfAvailable(Clock::systemUTC));
    }

    Checkpoints(JdbcTemplate jdbc, DecisionLog log, CheckpointKey key, Duration interval, Clock clock) {
        this.jdbc = jdbc;
        // the insert of a checkpoint is committed at once, from the schedule and the API alike (the pool's connections
        // do not commit by themselves); inside a caller's transaction it joins that one
        this.inTransaction = new TransactionTemplate(new DataSourceTransactionManager(java.util.Objects.requireNonNull(jdbc.getDataSource())));
        this.log = log;
        this.key = key;
        this.interval = interval;
        this.clock = clock;
    }

    /**
     * Signs the current head, unless the last checkpoint already names it (an idle log gets no new checkpoints). Two
     * nodes signing at once: the second insert fails on the unique number or sequence, and its caller gets the first's.
     */
    Optional<Checkpoint> signHead() {
        DecisionLog.Head head = log.head();
        Optional<Checkpoint> latest = latest();
        if (head.lastSeq() == 0 || latest.map(c -> c.logSeq() >= head.lastSeq()).orElse(false)) {
            return latest;
        }
        long number = latest.map(Checkpoint::number).orElse(0L) + 1;
        Checkpoint unsigned = new Checkpoint(number, head.lastSeq(), head.lastHash(), clock.instant().truncatedTo(ChronoUnit.MICROS),
                key.keyId(), null);
        Checkpoint signed = new Checkpoint(number, head.lastSeq(), head.lastHash(), unsigned.signedAt(), key.keyId(),
                Base64.getEncoder().encodeToString(key.sign(unsigned.signedBytes())));
        try {
            inTransaction.executeWithoutResult(status -> jdbc.update("INSERT INTO decision_log_checkpoint (number, log_seq, log_hash, signed_at, key_id, signature) VALUES (?, ?, ?, ?, ?, ?)",
                    signed.number(), signed.logSeq(), signed.logHash(), LocalDateTime.ofInstant(signed.signedAt(), ZoneOffset.UTC),
                    signed.keyId(), signed.signature()));
            LOG.info("Signed checkpoint {} of the decision log at record {}", signed.number(), signed.logSeq());
            return Optional.of(signed);
        } catch (DuplicateKeyException anotherNodeWasFirst) {
            return latest();
        }
    }

    Optional<Checkpoint> latest() {
        return jdbc.query("SELECT number, log_seq, log_hash, signed_at, key_id, signature FROM decision_log_checkpoint"
                + " ORDER BY number DESC LIMIT 1", CHECKPOINT).stream().findFirst();
    }

    /** Every checkpoint, oldest first: a few a day, so this stays small for years. */
    List<Checkpoint> all() {
        return jdbc.query("SELECT number, log_seq, log_hash, signed_at, key_id, signature FROM decision_log_checkpoint ORDER BY number",
                CHECKPOINT);
    }

    String publicKey() {
        return key.publicKeyBase64();
    }

    String keyId() {
        return key.keyId();
    }

    /** Checks the stored chain against every stored checkpoint, with this node's public key. */
    Verification verify() {
        return log.verify(ChainVerifier.against(all(), key.publicKey()));
    }

    @Override
    public List<FeedItem> recentFeedItems(int max) {
        return recentFeedItems(max, ProblemTexts.DUTCH);
    }

    @Override
    public List<FeedItem> recentFeedItems(int max, Locale language) {
        return jdbc.query("SELECT number, log_seq, log_hash, signed_at, key_id, signature FROM decision_log_checkpoint"
                        + " ORDER BY number DESC LIMIT ?", CHECKPOINT, max).stream()
                .map(c -> new FeedItem("urn:transparant:decision-log-checkpoint:" + c.number(),
                        ProblemTexts.text("register.feed.checkpoint.title", List.of(String.valueOf(c.number()), String.valueOf(c.logSeq())),
                                language),
                        c.signedAt(), nl.transparant.site.PublicPages.in(language, "/register/checkpoints") + "#checkpoint-" + c.number(), "checkpoint",
                        ProblemTexts.text("register.feed.checkpoint.label", List.of(), language),
                        c.signedText().replace("\n", " ") + "signature " + c.signature()))
                .toList();
    }

    /**
     * Once at start, when the head has moved since the last checkpoint: what was appended after the last hourly one
     * before a stop is signed now, not an hour later. (The demo data, loaded at start too, is covered by the next one.)
     */
    @EventListener(ApplicationReadyEvent.class)
    void signAtStart() {
        signQuietly();
    }

    private void signQuietly() {
        try {
            signHead();
        } catch (RuntimeException e) {
            // the database may be away for a moment; the next round signs the head then
            LOG.error("Signing a checkpoint of the decision log failed", e);
        }
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "decision-log-checkpoints"));
        scheduler.scheduleWithFixedDelay(this::signQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Signing checkpoints of the decision log every {} with key {} (Ed25519, public key {})", interval, key.keyId(),
                key.publicKeyBase64());
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
