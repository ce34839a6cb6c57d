package nl.transparant.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.transparant.support.ControlledClock;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signed checkpoints anchor the chain outside the database: someone with write access rewrites records and re-hashes
 * the chain onward (the chain alone then verifies as intact), and the verifier, in the application and offline with
 * only the public key, names the checkpoint the rewrite contradicts. On H2 (the real migrations); H2 has no
 * append-only triggers, which is what lets the test play the attacker.
 */
class CheckpointsTest {

    @TempDir
    Path keys;

    private JdbcTemplate jdbc;
    private DecisionLog log;
    private TransactionTemplate transaction;
    private ControlledClock clock;
    private Checkpoints checkpoints;
    private CheckpointKey key;

    @BeforeEach
    void freshDatabase() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:checkpoints-" + UUID.randomUUID() + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        log = new DecisionLog(jdbc);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        clock = new ControlledClock(Instant.parse("2026-03-02T09:00:00Z"));
        key = CheckpointKey.at(keys.resolve("keys/checkpoint.key"), true);
        checkpoints = new Checkpoints(jdbc, log, key, Duration.ofHours(1), clock);
    }

    private void append(int records) {
        for (int i = 0; i < records; i++) {
            transaction.executeWithoutResult(status -> log.append(new LogEntry("task-decided", "privacy-zoetermeer", "privacy-officer",
                    "zoetermeer", "case-1", "pi-1", "reviewDpia", "approve", Map.of("rationale", "Waarborgen voldoende."))));
        }
    }

    @Test
    void theGeneratedKeyIsForItsOwnerOnlyAndSignsOnlyWhenTheHeadMoved() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("keys/checkpoint.key")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("keys")))).isEqualTo("rwx------");
        assertThat(CheckpointKey.at(keys.resolve("keys/checkpoint.key"), false).publicKeyBase64())
                .as("the same key is read back on the next start").isEqualTo(key.publicKeyBase64());

        assertThat(checkpoints.signHead()).as("an empty log has nothing to sign").isEmpty();
        append(3);
        Checkpoint first = checkpoints.signHead().orElseThrow();
        assertThat(first.number()).isEqualTo(1);
        assertThat(first.logSeq()).isEqualTo(3);
        assertThat(first.logHash()).isEqualTo(log.head().lastHash());
        assertThat(CheckpointKey.signedBy(first, key.publicKey())).isTrue();
        clock.advance(Duration.ofHours(1));
        assertThat(checkpoints.signHead()).as("an idle log gets no new checkpoint").contains(first);
        assertThat(checkpoints.all()).hasSize(1);
    }

    @Test
    void aRewriteAfterACheckpointIsNamedByTheVerifierAlthoughTheChainItselfHolds() throws Exception {
        append(5);
        checkpoints.signHead().orElseThrow();
        clock.advance(Duration.ofHours(1));
        append(5);
        checkpoints.signHead().orElseThrow();
        append(2);
        Verification untampered = checkpoints.verify();
        assertThat(untampered.intact()).isTrue();
        assertThat(untampered.checkpointsChecked()).isEqualTo(2);
        assertThat(offline()).startsWith("0 Intact: 12 records, 2 checkpoints");

        rewriteFrom(7, "{\"rationale\":\"Afgewezen.\"}");
        assertThat(log.verify().intact()).as("the attacker re-hashed the chain: on its own it holds").isTrue();

        Verification tampered = checkpoints.verify();
        assertThat(tampered.intact()).isFalse();
        assertThat(tampered.firstProblem().kind()).isEqualTo(Verification.Kind.CHECKPOINT_CONTRADICTED);
        assertThat(tampered.firstProblem().seq()).isEqualTo(10);
        assertThat(tampered.firstProblem().detail()).startsWith("Checkpoint 2, signed 2026-03-02T10:00:00.000000Z,");
        assertThat(offline()).startsWith("1 NOT INTACT at record 10 (CHECKPOINT_CONTRADICTED): Checkpoint 2");
    }

    @Test
    void aCheckpointForgedToMatchARewriteFailsItsSignature() throws Exception {
        append(4);
        checkpoints.signHead().orElseThrow();
        rewriteFrom(2, "{\"rationale\":\"Anders.\"}");
        jdbc.update("UPDATE decision_log_checkpoint SET log_hash = ? WHERE number = 1", log.head().lastHash());

        Verification verification = checkpoints.verify();
        assertThat(verification.firstProblem().kind()).isEqualTo(Verification.Kind.CHECKPOINT_SIGNATURE_INVALID);
        assertThat(offline()).startsWith("1 NOT INTACT at record 4 (CHECKPOINT_SIGNATURE_INVALID): Checkpoint 1");
    }

    @Test
    void removingRecordsACheckpointNamesIsNoticed() {
        append(4);
        checkpoints.signHead().orElseThrow();
        jdbc.update("DELETE FROM decision_log WHERE seq > 2");
        DecisionRecord second = log.ofCase("case-1").get(1);
        jdbc.update("UPDATE decision_log_head SET last_seq = 2, last_hash = ? WHERE id = 1", second.recordHash());
        assertThat(log.verify().intact()).isTrue();
        Verification verification = checkpoints.verify();
        assertThat(verification.firstProblem().kind()).isEqualTo(Verification.Kind.CHECKPOINT_CONTRADICTED);
        assertThat(verification.firstProblem().detail()).contains("which the log no longer holds");
    }

    /** What an attacker with write access to the database does: change records from {@code seq} on and re-hash onward. */
    private void rewriteFrom(long seq, String payload) {
        List<DecisionRecord> records = log.ofCase("case-1");
        CanonicalForm canonical = new CanonicalForm();
        String previous = records.get((int) seq - 2).recordHash();
        for (DecisionRecord r : records.subList((int) seq - 1, records.size())) {
            DecisionRecord rewritten = new DecisionRecord(r.seq(), r.recordedAt(), r.actorId(), r.actorRole(), r.organisation(),
                    r.caseId(), r.processInstanceId(), r.activityId(), r.eventType(), "reject", payload, previous, null);
            rewritten = rewritten.withHash(canonical.hash(rewritten));
            jdbc.update("UPDATE decision_log SET outcome = ?, payload = ?, previous_hash = ?, record_hash = ? WHERE seq = ?",
                    rewritten.outcome(), rewritten.payload(), rewritten.previousHash(), rewritten.recordHash(), r.seq());
            previous = rewritten.recordHash();
        }
        jdbc.update("UPDATE decision_log_head SET last_hash = ? WHERE id = 1", previous);
    }

    /** The offline verifier on an export and the published checkpoints, as an outsider runs it: exit code and first line. */
    private String offline() throws Exception {
        Path csv = keys.resolve("decision-log.csv");
        try (Writer out = new OutputStreamWriter(Files.newOutputStream(csv), StandardCharsets.UTF_8)) {
            CsvExport export = new CsvExport(out);
            log.forEach(new RecordFilter(java.util.Set.of("zoetermeer"), null, null, null, null, null, null, null, null, null, null),
                    export::write);
        }
        Path json = keys.resolve("checkpoints.json");
        CheckpointApi api = new CheckpointApi(checkpoints);
        DecisionLog.PAYLOAD_JSON.writeValue(json.toFile(), api.published());
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exit = OfflineVerifier.run(new String[] {key.publicKeyBase64(), json.toString(), csv.toString()},
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        return exit + " " + printed.toString(StandardCharsets.UTF_8);
    }
}
