package nl.transparant.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.orm.jpa.EntityManagerHolder;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The decision log table: append and read, nothing else. There is deliberately no update or delete here; in
 * MariaDB triggers refuse both as well. Plain JDBC on the application's data source, so an append joins the
 * transaction of the change it records (JPA, the engine and this share one connection per transaction).
 */
@Component
class DecisionLog {

    static final String COLUMNS = "seq, recorded_at, actor_id, actor_role, organisation_code, case_id, process_instance_id,"
            + " activity_id, event_type, outcome, payload, previous_hash, record_hash";

    /** Payload JSON with sorted keys and no white space: the same content always gives the same text. */
    static final ObjectMapper PAYLOAD_JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    /** The placeholders of one row of {@link #COLUMNS}. */
    private static final String ROW_PLACEHOLDERS = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static final RowMapper<DecisionRecord> RECORD = (rs, row) -> read(rs);

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    DecisionLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /** The end of the chain as recorded with the last append. */
    record Head(long lastSeq, String lastHash) {
    }

    /**
     * Appends a record in the caller's transaction, so it commits or rolls back with the change it records.
     * The record is written just before that transaction commits ({@link PendingRecords}): only then is the head
     * row locked, so concurrent appends (from this node or another) queue for the few milliseconds of the write
     * and the commit instead of for the whole transaction. The chain cannot fork, sequence numbers have no gaps,
     * and their order is the order in which the changes committed.
     */
    void append(LogEntry entry) {
        pending(entry).add(new Pending(entry, json(entry), null));
    }

    /** The records this transaction will write when it commits; the first append of a transaction registers them. */
    private PendingRecords pending(LogEntry entry) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A decision log record is written only inside the transaction of the change it records ("
                    + entry.eventType() + ")");
        }
        PendingRecords pending = (PendingRecords) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new PendingRecords();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        return pending;
    }

    /**
     * An entry to write, its payload already written as canonical JSON when it was appended (outside the chain lock);
     * with a marker, only if no record of its event type holds that marker yet.
     */
    private record Pending(LogEntry entry, String payload, String onceMarker) {
    }

    /**
     * How many times the chain's head was locked (chain steps) since start: one per transaction that appends, however
     * many records it holds. For tests and profiles; not a metric anyone acts on.
     */
    private final java.util.concurrent.atomic.AtomicLong chainSteps = new java.util.concurrent.atomic.AtomicLong();

    long chainSteps() {
        return chainSteps.get();
    }

    /**
     * Locks the head and writes the entries behind it, in the order given; the lock holds until the commit. This is
     * the chain's serial part, across all nodes, so it does only what needs the head: the payloads are serialised
     * before (at append), the records of the step share one time, and they go to the database as one multi-row insert, so
     * the lock is held for three round trips (the head's read, the insert, the head's update), however many records.
     */
    private void writeLocked(List<Pending> entries) {
        Head head = jdbc.queryForObject("SELECT last_seq, last_hash FROM decision_log_head WHERE id = 1 FOR UPDATE",
                (rs, row) -> new Head(rs.getLong(1), rs.getString(2)));
        chainSteps.incrementAndGet();
        // one time for the records of one step: they are committed together, after the change they record
        Instant recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (Pending pending : entries) {
            LogEntry entry = pending.entry();
            if (pending.onceMarker() != null && (alreadyRecorded(entry.eventType(), pending.onceMarker())
                    || writtenBefore(rows, entry.eventType(), pending.onceMarker()))) {
                continue;
            }
            DecisionRecord record = new DecisionRecord(head.lastSeq() + 1, recordedAt,
                    entry.actorId(), entry.actorRole(), entry.organisation(), entry.caseId(), entry.processInstanceId(),
                    entry.activityId(), entry.eventType(), entry.outcome(), pending.payload(), head.lastHash(), null);
            record = record.withHash(new CanonicalForm().hash(record));
            rows.add(new Object[] {record.seq(), LocalDateTime.ofInstant(record.recordedAt(), ZoneOffset.UTC), record.actorId(),
                    record.actorRole(), record.organisation(), record.caseId(), record.processInstanceId(), record.activityId(),
                    record.eventType(), record.outcome(), record.payload(), record.previousHash(), record.recordHash()});
            head = new Head(record.seq(), record.recordHash());
        }
        if (!rows.isEmpty()) {
            // one statement for the step's records: a JDBC batch of two or more rows went to MariaDB as prepare, execute
            // and close, three round trips under the lock instead of one
            // and the columns' types given, so a null (a record without activity or outcome) needs no question to the
            // server: without them Spring asks the driver for the parameters' types, which MariaDB's driver answers by
            // preparing the statement on the server and closing it again, two more round trips under the lock
            jdbc.update("INSERT INTO decision_log (" + COLUMNS + ") VALUES "
                    + String.join(", ", java.util.Collections.nCopies(rows.size(), ROW_PLACEHOLDERS)),
                    rows.stream().flatMap(java.util.Arrays::stream).toArray(), columnTypes(rows.size()));
            jdbc.update("UPDATE decision_log_head SET last_seq = ?, last_hash = ? WHERE id = 1", head.lastSeq(), head.lastHash());
        }
    }

    /** The SQL types of {@link #COLUMNS}, once per row of a multi-row insert. */
    private static int[] columnTypes(int rows) {
        int[] types = new int[rows * ROW_TYPES.length];
        for (int row = 0; row < rows; row++) {
            System.arraycopy(ROW_TYPES, 0, types, row * ROW_TYPES.length, ROW_TYPES.length);
        }
        return types;
    }

    private static final int[] ROW_TYPES = {Types.BIGINT, Types.TIMESTAMP, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
            Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR};

    /** A once-only record of this same batch, not yet in the table when the next one is checked. */
    private static boolean writtenBefore(List<Object[]> rows, String eventType, String marker) {
        return rows.stream().anyMatch(row -> eventType.equals(row[8]) && ((String) row[10]).contains(marker));
    }

    private boolean alreadyRecorded(String eventType, String marker) {
        return jdbc.queryForList("SELECT payload FROM decision_log WHERE event_type = ?", String.class, eventType)
                .stream().anyMatch(payload -> payload.contains(marker));
    }

    /**
     * The records of one transaction, written when it is about to commit. The transaction's own changes are flushed
     * first, so every row lock it needs is taken before the head's: a transaction holding the head never waits for
     * one that waits for the head. A failing write fails the commit, so there is still no change without its record.
     * Runs after every other synchronisation's beforeCommit; a record appended after that is written at once.
     */
    private final class PendingRecords implements TransactionSynchronization {

        private final List<Pending> entries = new ArrayList<>();
        private boolean written;

        void add(Pending entry) {
            if (written) {
                writeLocked(List.of(entry));
            } else {
                entries.add(entry);
            }
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            flushOrmChanges();
            written = true;
            if (!entries.isEmpty()) {
                writeLocked(entries);
            }
        }

        /** A transaction started inside this one (REQUIRES_NEW) collects its own records. */
        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResourceIfPossible(DecisionLog.this);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(DecisionLog.this, this);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(DecisionLog.this);
            if (status == STATUS_COMMITTED && written) {
                // a change of this request is stored: a later failure of the request must not say nothing was
                nl.transparant.problems.CommittedChanges.noteCommitted();
            } else if (status == STATUS_UNKNOWN && written) {
                // the commit itself failed (its connection lost on the way): the database may have kept it
                nl.transparant.problems.CommittedChanges.noteCommitUnknown();
            }
        }
    }

    private static void flushOrmChanges() {
        for (Object resource : TransactionSynchronizationManager.getResourceMap().values()) {
            if (resource instanceof EntityManagerHolder holder && holder.getEntityManager().isJoinedToTransaction()) {
                holder.getEntityManager().flush();
            }
        }
    }

    /**
     * Appends the entry unless a record of the same event type already holds {@code marker} in its payload. Like every
     * append it is written just before the commit; the check runs then, under the chain lock, so two nodes starting at
     * once cannot both append it. Meant for rare records (deployments); it reads every payload of that event type.
     */
    void appendOnce(LogEntry entry, String marker) {
        pending(entry).add(new Pending(entry, json(entry), marker));
    }

    /** The text a payload holds for one string member, as the canonical JSON writes it. */
    static String member(String name, String value) {
        try {
            return PAYLOAD_JSON.writeValueAsString(name) + ":" + PAYLOAD_JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    Head head() {
        return jdbc.queryForObject("SELECT last_seq, last_hash FROM decision_log_head WHERE id = 1",
                (rs, row) -> new Head(rs.getLong(1), rs.getString(2)));
    }

    /**
     * Checks the chain from the first record up to the head as it stands now; appends that commit meanwhile are
     * left for the next verification. Rows are streamed, not loaded.
     */
    Verification verify() {
        return verify(new ChainVerifier());
    }

    /** As {@link #verify()}, with a verifier that may also hold the chain to signed checkpoints. */
    Verification verify(ChainVerifier verifier) {
        Head head = head();
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM decision_log WHERE seq <= ? ORDER BY seq",
                    ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setLong(1, head.lastSeq());
            statement.setFetchSize(1000);
            return statement;
        }, (ResultSet rs) -> {
            while (rs.next() && verifier.accept(read(rs))) {
                // accept() checks each record and says when to stop
            }
            return null;
        });
        Verification result = verifier.result(head.lastSeq(), head.lastHash());
        if (!result.intact()) {
            return result;
        }
        // Rows past the head were not appended here (an append moves the head in its own transaction). Reading the
        // highest number before the head again means a concurrent append cannot look like such a row.
        Long highest = jdbc.queryForObject("SELECT MAX(seq) FROM decision_log", Long.class);
        long headNow = head().lastSeq();
        if (highest != null && highest > headNow) {
            return new Verification(false, result.recordsChecked(), result.lastSeq(), result.lastHash(),
                    new Verification.Problem(headNow + 1, Verification.Kind.HEAD_MISMATCH, "Records after " + headNow
                            + ", the recorded end of the log, were not appended by the application."));
        }
        return result;
    }

    List<DecisionRecord> ofCase(String caseId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM decision_log WHERE case_id = ? ORDER BY seq", RECORD, caseId);
    }

    List<DecisionRecord> find(RecordFilter filter, int offset, int limit) {
        MapSqlParameterSource parameters = new MapSqlParameterSource();
        String where = where(filter, parameters);
        parameters.addValue("limit", limit).addValue("offset", offset);
        return named.query("SELECT " + COLUMNS + " FROM decision_log" + where + " ORDER BY seq LIMIT :limit OFFSET :offset",
                parameters, RECORD);
    }

    /** Every matching record in order, one at a time: exports do not hold the whole set in memory. */
    void forEach(RecordFilter filter, Consumer<DecisionRecord> action) {
        MapSqlParameterSource parameters = new MapSqlParameterSource();
        String where = where(filter, parameters);
        named.query("SELECT " + COLUMNS + " FROM decision_log" + where + " ORDER BY seq", parameters,
                (ResultSet rs) -> {
                    while (rs.next()) {
                        action.accept(read(rs));
                    }
                    return null;
                });
    }

    /** The outcomes that occur in the records the auditor may see, for the filter's choice. */
    List<String> outcomes(java.util.Set<String> visibleOrganisations) {
        MapSqlParameterSource parameters = new MapSqlParameterSource();
        String visible = "organisation_code IS NULL";
        if (!visibleOrganisations.isEmpty()) {
            visible = "(organisation_code IN (:visible) OR organisation_code IS NULL)";
            parameters.addValue("visible", visibleOrganisations);
        }
        return named.queryForList("SELECT DISTINCT outcome FROM decision_log WHERE outcome IS NOT NULL AND " + visible
                + " ORDER BY outcome", parameters, String.class);
    }

    long count(RecordFilter filter) {
        MapSqlParameterSource parameters = new MapSqlParameterSource();
        Long count = named.queryForObject("SELECT COUNT(*) FROM decision_log" + where(filter, parameters), parameters, Long.class);
        return count == null ? 0 : count;
    }

    private static String where(RecordFilter filter, MapSqlParameterSource parameters) {
        List<String> conditions = new ArrayList<>();
        if (filter.visibleOrganisations().isEmpty()) {
            conditions.add("organisation_code IS NULL");
        } else {
            conditions.add("(organisation_code IN (:visible) OR organisation_code IS NULL)");
            parameters.addValue("visible", filter.visibleOrganisations());
        }
        condition(conditions, parameters, "organisation_code = :organisation", "organisation", filter.organisation());
        condition(conditions, parameters, "recorded_at >= :from", "from", utc(filter.from()));
        condition(conditions, parameters, "recorded_at < :to", "to", utc(filter.to()));
        condition(conditions, parameters, "event_type = :eventType", "eventType", filter.eventType());
        condition(conditions, parameters, "actor_id = :actor", "actor", filter.actor());
        condition(conditions, parameters, "outcome = :outcome", "outcome", filter.outcome());
        condition(conditions, parameters, "case_id = :caseId", "caseId", filter.caseId());
        condition(conditions, parameters, "activity_id = :activity", "activity", filter.activity());
        if (filter.variable() != null) {
            int equals = filter.variable().indexOf('=');
            String name = filter.variable().substring(0, equals);
            String value = filter.variable().substring(equals + 1);
            // The payload is canonical JSON (sorted keys, no white space): a member is found by its exact text, as a
            // string or, for numbers and booleans, as written
            conditions.add("(payload LIKE :variableText ESCAPE '!' OR payload LIKE :variableLiteral ESCAPE '!')");
            parameters.addValue("variableText", "%" + like(member(name, value)) + "%");
            parameters.addValue("variableLiteral", "%" + like(member(name, value).replaceAll(":\"(.*)\"$", ":$1")) + "%");
        }
        if (filter.earlierOutcome() != null) {
            conditions.add("EXISTS (SELECT 1 FROM decision_log earlier WHERE earlier.case_id = decision_log.case_id"
                    + " AND earlier.activity_id = decision_log.activity_id AND earlier.event_type = decision_log.event_type"
                    + " AND earlier.outcome = :earlierOutcome AND earlier.seq < decision_log.seq)");
            parameters.addValue("earlierOutcome", filter.earlierOutcome());
        }
        return " WHERE " + String.join(" AND ", conditions);
    }

    private static void condition(List<String> conditions, MapSqlParameterSource parameters, String sql, String name, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            conditions.add(sql);
            parameters.addValue(name, value);
        }
    }

    private static String like(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static DecisionRecord read(ResultSet rs) throws SQLException {
        return new DecisionRecord(
                rs.getLong(1),
                rs.getObject(2, LocalDateTime.class).toInstant(ZoneOffset.UTC),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                rs.getString(12),
                rs.getString(13));
    }

    private static String json(LogEntry entry) {
        try {
            return PAYLOAD_JSON.writeValueAsString(entry.payload());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The payload of a " + entry.eventType() + " record cannot be written as JSON", e);
        }
    }
}
