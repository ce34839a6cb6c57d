package nl.transparant.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import nl.transparant.workflow.history.ProcessHistory.ActivityVisit;
import nl.transparant.workflow.history.ProcessHistory.InstanceHistory;
import nl.transparant.workflow.history.ProcessHistory.PolicyDecision;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The decision log's speed (run by {@code bench/audit-benchmark.sh}; not a test). Each measurement is repeated and
 * its median reported next to a baseline measured in the same run on the same data:
 *
 * <ol>
 * <li>verifying 1,000,000 records in memory, against plain SHA-256 over the same canonical bytes;</li>
 * <li>verifying the same 1,000,000 records stored in MariaDB (the code path of the endpoint and the command line),
 *     against only reading those rows with the same query;</li>
 * <li>the timeline of a case with 500 log records (and 500 engine activity visits): the log query among 1,000,000
 *     records, against a plain read of the same rows; and joining plus JSON-writing the timeline.</li>
 * </ol>
 *
 * The engine's own history query is not part of (3): it needs the running engine; see the README.
 */
final class AuditBenchmark {

    static final int RECORDS = Integer.getInteger("bench.records", 1_000_000);
    static final int TIMELINE_EVENTS = 500;
    static final String TIMELINE_CASE = "bench-timeline-case";

    public static void main(String[] args) throws Exception {
        System.out.printf("Decision log benchmark: %,d records, Java %s, %d cores%n", RECORDS, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        List<DecisionRecord> chain = chain(RECORDS);
        inMemory(chain);
        String url = System.getenv().getOrDefault("BENCH_DB_SERVER", "jdbc:mariadb://127.0.0.1:3306/");
        if (!"none".equals(url)) {
            onMariaDb(url, chain);
        }
        timelineAssembly(chain);
    }

    /** A chain in which every 2,000th record belongs to one case: 500 records of 1,000,000 make its timeline. */
    static List<DecisionRecord> chain(int length) {
        CanonicalForm canonical = new CanonicalForm();
        List<DecisionRecord> chain = new ArrayList<>(length);
        String previous = CanonicalForm.GENESIS_HASH;
        Instant start = Instant.parse("2026-01-01T00:00:00.000001Z");
        for (int i = 1; i <= length; i++) {
            DecisionRecord record = Chains.canonical(i, start.plusMillis(i * 37L), previous);
            if (i % (length / TIMELINE_EVENTS) == 0) {
                record = new DecisionRecord(record.seq(), record.recordedAt(), record.actorId(), record.actorRole(),
                        record.organisation(), TIMELINE_CASE, "bench-process", record.activityId(), record.eventType(),
                        record.outcome(), record.payload(), record.previousHash(), null);
            }
            record = record.withHash(canonical.hash(record));
            chain.add(record);
            previous = record.recordHash();
        }
        return chain;
    }

    static void inMemory(List<DecisionRecord> chain) throws Exception {
        CanonicalForm canonical = new CanonicalForm();
        byte[][] bytes = new byte[chain.size()][];
        long total = 0;
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = canonical.bytes(chain.get(i));
            total += bytes[i].length;
        }
        System.out.printf("%nIn memory: %,d records, %,d canonical bytes (%.0f bytes per record)%n", chain.size(), total,
                (double) total / chain.size());
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        long baseline = median(7, () -> {
            long started = System.nanoTime();
            byte sink = 0;
            for (byte[] b : bytes) {
                sink ^= sha256.digest(b)[0];
            }
            blackhole(sink);
            return System.nanoTime() - started;
        });
        long verification = median(7, () -> {
            long started = System.nanoTime();
            ChainVerifier verifier = new ChainVerifier();
            for (DecisionRecord record : chain) {
                verifier.accept(record);
            }
            Verification result = verifier.result(chain.size(), chain.get(chain.size() - 1).recordHash());
            if (!result.intact()) {
                throw new IllegalStateException(String.valueOf(result.firstProblem()));
            }
            return System.nanoTime() - started;
        });
        report("baseline: SHA-256 over the canonical bytes", baseline, null);
        report("verify the chain (canonical form + SHA-256 + links)", verification, baseline);
    }

    static void onMariaDb(String server, List<DecisionRecord> chain) throws Exception {
        String database = System.getenv().getOrDefault("BENCH_DB_NAME", "transparant_audit_bench");
        String user = System.getenv().getOrDefault("BENCH_DB_USER", "root");
        String password = System.getenv().getOrDefault("BENCH_DB_PASSWORD", "");
        try (Connection admin = DriverManager.getConnection(server, user, password); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE IF NOT EXISTS " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        String url = server + database + "?nullDatabaseMeansCurrent=true";
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            SingleConnectionDataSource dataSource = new SingleConnectionDataSource(connection, true);
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/vendor/mariadb").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            DecisionLog log = new DecisionLog(jdbc);
            if (log.head().lastSeq() != chain.size()) {
                load(connection, chain);
            }
            System.out.printf("%nMariaDB (%s): %,d records in decision_log%n", database, log.head().lastSeq());
            long read = median(5, () -> {
                long started = System.nanoTime();
                long[] rows = {0};
                jdbc.query(c -> {
                    PreparedStatement s = c.prepareStatement("SELECT " + DecisionLog.COLUMNS + " FROM decision_log WHERE seq <= ? ORDER BY seq",
                            ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
                    s.setLong(1, chain.size());
                    s.setFetchSize(1000);
                    return s;
                }, (ResultSet rs) -> {
                    while (rs.next()) {
                        rs.getLong(1);
                        rs.getObject(2, LocalDateTime.class);
                        for (int column = 3; column <= 13; column++) {
                            rs.getString(column);
                        }
                        rows[0]++;
                    }
                    return null;
                });
                return System.nanoTime() - started;
            });
            long verify = median(5, () -> {
                long started = System.nanoTime();
                Verification result = log.verify();
                if (!result.intact() || result.recordsChecked() != chain.size()) {
                    throw new IllegalStateException("Benchmark chain does not verify: " + result);
                }
                return System.nanoTime() - started;
            });
            report("baseline: read all rows (same query and types, no hashing)", read, null);
            report("verify the stored chain (DecisionLog.verify)", verify, read);

            System.out.printf("%nTimeline query: %d records of case '%s' among %,d%n", TIMELINE_EVENTS, TIMELINE_CASE, chain.size());
            long rawCase = median(31, () -> {
                long started = System.nanoTime();
                jdbc.queryForList("SELECT " + DecisionLog.COLUMNS + " FROM decision_log WHERE case_id = ? ORDER BY seq", TIMELINE_CASE);
                return System.nanoTime() - started;
            });
            long ofCase = median(31, () -> {
                long started = System.nanoTime();
                if (log.ofCase(TIMELINE_CASE).size() != TIMELINE_EVENTS) {
                    throw new IllegalStateException("Expected " + TIMELINE_EVENTS + " records of the timeline case");
                }
                return System.nanoTime() - started;
            });
            report("baseline: plain query of the case's rows (queryForList)", rawCase, null);
            report("DecisionLog.ofCase (the timeline's log query)", ofCase, rawCase);
        }
    }

    static void timelineAssembly(List<DecisionRecord> chain) throws Exception {
        List<DecisionRecord> records = chain.stream().filter(r -> TIMELINE_CASE.equals(r.caseId())).toList();
        List<ActivityVisit> visits = new ArrayList<>();
        for (int i = 0; i < TIMELINE_EVENTS; i++) {
            Instant at = records.get(i).recordedAt().minusMillis(400);
            visits.add(new ActivityVisit("ai-" + i, "reviewDpia", "Review the DPIA", "userTask", at, at.plusSeconds(1),
                    "privacy-zoetermeer", "task-" + i, false));
        }
        List<PolicyDecision> decisions = List.of(new PolicyDecision("review-route", "review-route:3:abc", 3, "decideReviewRoute",
                records.get(0).recordedAt(), java.util.Map.of("in_profiling", true), List.of("rule_profiling"),
                java.util.Map.of("dpiaRequired", true)));
        InstanceHistory history = new InstanceHistory("bench-process", "algorithm-review", 3, "zoetermeer", "owner-zoetermeer",
                records.get(0).recordedAt(), null, "ACTIVE", visits, decisions);
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        System.out.printf("%nTimeline assembly: %d records + %d activity visits%n", records.size(), visits.size());
        long serialiseOnly = median(201, () -> {
            long started = System.nanoTime();
            blackhole((byte) write(json, records).length);
            return System.nanoTime() - started;
        });
        long timeline = median(201, () -> {
            long started = System.nanoTime();
            Timeline built = Timeline.of(TIMELINE_CASE, "zoetermeer", "bench-process", records, Optional.of(history));
            blackhole((byte) write(json, built).length);
            return System.nanoTime() - started;
        });
        report("baseline: JSON of the 500 records alone", serialiseOnly, null);
        report("Timeline.of + JSON (records, visits, merged entries)", timeline, serialiseOnly);
    }

    private static void load(Connection connection, List<DecisionRecord> chain) throws Exception {
        System.out.printf("Loading %,d records into MariaDB (once; later runs reuse them)...%n", chain.size());
        long started = System.nanoTime();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement sql = connection.createStatement()) {
            // a half-loaded table from an interrupted run; TRUNCATE is DDL, which the row triggers do not see
            // (the application's database user has no DROP privilege, see the README)
            sql.execute("TRUNCATE TABLE decision_log");
        }
        int rowsPerStatement = 500;
        String values = String.join(",", java.util.Collections.nCopies(rowsPerStatement, "(?,?,?,?,?,?,?,?,?,?,?,?,?)"));
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO decision_log (" + DecisionLog.COLUMNS + ") VALUES " + values)) {
            for (int from = 0; from < chain.size(); from += rowsPerStatement) {
                int p = 1;
                for (DecisionRecord r : chain.subList(from, Math.min(chain.size(), from + rowsPerStatement))) {
                    insert.setLong(p++, r.seq());
                    insert.setObject(p++, LocalDateTime.ofInstant(r.recordedAt(), ZoneOffset.UTC));
                    for (String value : Arrays.asList(r.actorId(), r.actorRole(), r.organisation(), r.caseId(), r.processInstanceId(),
                            r.activityId(), r.eventType(), r.outcome(), r.payload(), r.previousHash(), r.recordHash())) {
                        insert.setString(p++, value);
                    }
                }
                insert.executeUpdate();
                if (from % 50_000 == 0) {
                    connection.commit();
                }
            }
        }
        DecisionRecord last = chain.get(chain.size() - 1);
        try (PreparedStatement head = connection.prepareStatement("UPDATE decision_log_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
            head.setLong(1, last.seq());
            head.setString(2, last.recordHash());
            head.executeUpdate();
        }
        connection.commit();
        connection.setAutoCommit(autoCommit);
        System.out.printf("Loaded in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private static byte[] write(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs once to warm up, then {@code runs} times; the median in nanoseconds. */
    private static long median(int runs, LongSupplier run) {
        run.getAsLong();
        long[] times = new long[runs];
        for (int i = 0; i < runs; i++) {
            times[i] = run.getAsLong();
        }
        Arrays.sort(times);
        return times[runs / 2];
    }

    private static void report(String what, long nanos, Long baselineNanos) {
        String ratio = baselineNanos == null ? "" : String.format("   %.2f× baseline", (double) nanos / baselineNanos);
        System.out.printf("  %-58s median %10.2f ms%s%n", what, nanos / 1e6, ratio);
    }

    private static volatile byte sinkHole;

    private static void blackhole(byte value) {
        sinkHole = value;
    }
}
