package nl.transparant.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The log on the embedded database (H2 in MariaDB mode, with the real Flyway migrations): appends chain, join
 * the caller's transaction, and queue up when several threads append at once. MariaDB itself, with its
 * triggers, is covered by {@code DecisionLogIT}.
 */
class DecisionLogTest {

    private JdbcTemplate jdbc;
    private DecisionLog log;
    private TransactionTemplate transaction;

    @BeforeEach
    void freshDatabase() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:audit-" + UUID.randomUUID() + ";MODE=MariaDB;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        log = new DecisionLog(jdbc);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    private static LogEntry entry(String caseId, String outcome) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("rationale", "Waarom: \"omdat\",\nmet regels");
        payload.put("answers", Map.of("profiling", true, "largeScale", false));
        payload.put("closingReason", null);
        return new LogEntry("task-decided", "privacy-zoetermeer", "privacy-officer", "zoetermeer", caseId, "pi-1", "reviewDpia",
                outcome, payload);
    }

    /**
     * Found from the outside: the database went away just after a publisher's release was stored, and the 503 said
     * nothing had been stored. The commit of a change (with its record) is noted for the request that made it, so its
     * failure can say what was stored; a change rolled back, or a request that only read, is not noted.
     */
    @Test
    void aCommittedChangeIsNotedForItsRequestAndARolledBackOneIsNot() {
        org.springframework.mock.web.MockHttpServletRequest request = new org.springframework.mock.web.MockHttpServletRequest();
        org.springframework.web.context.request.RequestContextHolder.setRequestAttributes(
                new org.springframework.web.context.request.ServletRequestAttributes(request));
        try {
            transaction.executeWithoutResult(status -> jdbc.queryForObject("SELECT COUNT(*) FROM decision_log", Long.class));
            assertThat(nl.transparant.problems.CommittedChanges.inRequest(request)).as("a read")
                    .isEqualTo(nl.transparant.problems.CommittedChanges.Outcome.NOTHING_STORED);
            transaction.executeWithoutResult(status -> {
                log.append(entry("case-rolled-back", "approve"));
                status.setRollbackOnly();
            });
            assertThat(nl.transparant.problems.CommittedChanges.inRequest(request)).as("rolled back")
                    .isEqualTo(nl.transparant.problems.CommittedChanges.Outcome.NOTHING_STORED);
            transaction.executeWithoutResult(status -> log.append(entry("case-stored", "approve")));
            assertThat(nl.transparant.problems.CommittedChanges.inRequest(request)).as("committed")
                    .isEqualTo(nl.transparant.problems.CommittedChanges.Outcome.STORED);
        } finally {
            org.springframework.web.context.request.RequestContextHolder.resetRequestAttributes();
        }
    }

    /**
     * Found from the outside: a commit whose connection was lost on the way (the database stopped while it committed)
     * was kept by the database, and the 503 said nothing had been stored. Such a commit's outcome is unknown, and is
     * noted as such. The commit's failure is made here by the transaction manager, as a lost connection makes it.
     */
    @Test
    void aCommitThatFailsOnTheWayIsNotedAsPerhapsStored() {
        org.springframework.mock.web.MockHttpServletRequest request = new org.springframework.mock.web.MockHttpServletRequest();
        org.springframework.web.context.request.RequestContextHolder.setRequestAttributes(
                new org.springframework.web.context.request.ServletRequestAttributes(request));
        DataSourceTransactionManager losesItsConnectionAtCommit = new DataSourceTransactionManager(jdbc.getDataSource()) {
            @Override
            protected void doCommit(org.springframework.transaction.support.DefaultTransactionStatus status) {
                throw new org.springframework.transaction.TransactionSystemException("Unable to commit against JDBC Connection; Socket error");
            }
        };
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TransactionTemplate(losesItsConnectionAtCommit)
                    .executeWithoutResult(status -> log.append(entry("case-perhaps", "approve"))))
                    .isInstanceOf(org.springframework.transaction.TransactionSystemException.class);
            assertThat(nl.transparant.problems.CommittedChanges.inRequest(request))
                    .isEqualTo(nl.transparant.problems.CommittedChanges.Outcome.MAYBE_STORED);
            transaction.executeWithoutResult(status -> log.append(entry("case-stored", "approve")));
            assertThat(nl.transparant.problems.CommittedChanges.inRequest(request)).as("a later commit that is known")
                    .isEqualTo(nl.transparant.problems.CommittedChanges.Outcome.STORED);
        } finally {
            org.springframework.web.context.request.RequestContextHolder.resetRequestAttributes();
        }
    }

    @Test
    void appendsChainAndVerify() {
        for (int i = 0; i < 3; i++) {
            transaction.executeWithoutResult(status -> log.append(entry("case-a", "approve")));
        }
        List<DecisionRecord> records = log.ofCase("case-a");
        assertThat(records).extracting(DecisionRecord::seq).containsExactly(1L, 2L, 3L);
        assertThat(records.get(0).previousHash()).isEqualTo(CanonicalForm.GENESIS_HASH);
        assertThat(records.get(1).previousHash()).isEqualTo(records.get(0).recordHash());
        assertThat(records.get(0).payload())
                .as("sorted keys, no white space, nulls kept")
                .isEqualTo("{\"answers\":{\"largeScale\":false,\"profiling\":true},\"closingReason\":null,"
                        + "\"rationale\":\"Waarom: \\\"omdat\\\",\\nmet regels\"}");
        assertThat(log.head()).isEqualTo(new DecisionLog.Head(3, records.get(2).recordHash()));
        Verification verification = log.verify();
        assertThat(verification.intact()).isTrue();
        assertThat(verification.recordsChecked()).isEqualTo(3);
    }

    @Test
    void storedRecordsHashTheSameAfterTheRoundTripThroughTheDatabase() {
        transaction.executeWithoutResult(status -> log.append(entry("case-b", "reject")));
        DecisionRecord read = log.ofCase("case-b").get(0);
        assertThat(read.recordHash()).isEqualTo(log.head().lastHash());
        assertThat(new CanonicalForm().hash(read)).isEqualTo(read.recordHash());
    }

    @Test
    void recordsSlippedInPastTheHeadAreReported() {
        transaction.executeWithoutResult(status -> log.append(entry("case-e", "approve")));
        DecisionRecord first = log.ofCase("case-e").get(0);
        DecisionRecord forged = Chains.canonical(2, first.recordedAt(), first.recordHash());
        forged = forged.withHash(new CanonicalForm().hash(forged));
        jdbc.update("INSERT INTO decision_log (" + DecisionLog.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                forged.seq(), java.time.LocalDateTime.ofInstant(forged.recordedAt(), java.time.ZoneOffset.UTC), forged.actorId(),
                forged.actorRole(), forged.organisation(), forged.caseId(), forged.processInstanceId(), forged.activityId(),
                forged.eventType(), forged.outcome(), forged.payload(), forged.previousHash(), forged.recordHash());
        Verification verification = log.verify();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstProblem().seq()).isEqualTo(2);
        assertThat(verification.firstProblem().kind()).isEqualTo(Verification.Kind.HEAD_MISMATCH);
    }

    @Test
    void aRecordMeantOnceIsAppendedOnce() {
        LogEntry deployed = new LogEntry("definition-deployed", null, null, null, null, null, null, null,
                Map.of("definitionId", "review-route:1:abc", "contentSha256", "00"));
        String marker = DecisionLog.member("definitionId", "review-route:1:abc");
        transaction.executeWithoutResult(status -> log.appendOnce(deployed, marker));
        transaction.executeWithoutResult(status -> {
            log.appendOnce(deployed, marker);
            log.appendOnce(deployed, marker);
        });
        assertThat(log.head().lastSeq()).isEqualTo(1);
    }

    @Test
    void aRecordIsNeverWrittenOutsideATransaction() {
        assertThatThrownBy(() -> log.append(entry("case-c", "approve"))).isInstanceOf(IllegalStateException.class);
        assertThat(log.head().lastSeq()).isZero();
    }

    @Test
    void aRolledBackChangeLeavesNoRecordAndTheHeadUnmoved() {
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            log.append(entry("case-d", "approve"));
            throw new IllegalStateException("the change failed after its record was appended");
        })).hasMessageContaining("change failed");
        assertThat(log.ofCase("case-d")).isEmpty();
        assertThat(log.head()).isEqualTo(new DecisionLog.Head(0, CanonicalForm.GENESIS_HASH));
        transaction.executeWithoutResult(status -> log.append(entry("case-d", "approve")));
        assertThat(log.ofCase("case-d")).extracting(DecisionRecord::seq).containsExactly(1L);
    }

    @Test
    void concurrentAppendsQueueUpInsteadOfForkingTheChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> appends = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String caseId = "case-" + (i % 6);
            appends.add(pool.submit(() -> transaction.executeWithoutResult(status -> log.append(entry(caseId, "approve")))));
        }
        for (Future<?> append : appends) {
            append.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        Verification verification = log.verify();
        assertThat(verification.intact()).as(String.valueOf(verification.firstProblem())).isTrue();
        assertThat(verification.recordsChecked()).isEqualTo(60);
    }

    @Test
    void filtersKeepToTheAuditorsOrganisations() {
        transaction.executeWithoutResult(status -> {
            log.append(entry("case-z", "approve"));
            log.append(new LogEntry("task-decided", "privacy-nissewaard", "privacy-officer", "nissewaard", "case-n", "pi-2",
                    "reviewDpia", "reject", Map.of()));
            log.append(new LogEntry("authorisation-denied", "owner-zoetermeer", "project-owner", null, null, null, null, "denied",
                    Map.of("path", "/api/audit/verify")));
        });
        RecordFilter zoetermeerAuditor = new RecordFilter(Set.of("zoetermeer"), null, null, null, null, null, null, null);
        assertThat(log.find(zoetermeerAuditor, 0, 10)).extracting(DecisionRecord::seq).containsExactly(1L, 3L);
        assertThat(log.count(zoetermeerAuditor)).isEqualTo(2);
        RecordFilter rejections = new RecordFilter(Set.of("zoetermeer", "nissewaard"), null, null, null, "task-decided", null,
                "reject", null);
        assertThat(log.find(rejections, 0, 10)).extracting(DecisionRecord::caseId).containsExactly("case-n");
        RecordFilter future = new RecordFilter(Set.of("zoetermeer"), null, Instant.now().plusSeconds(60), null, null, null, null,
                null);
        assertThat(log.count(future)).isZero();
        assertThat(log.find(new RecordFilter(Set.of("zoetermeer", "nissewaard"), null, null, null, null, null, null, null), 1, 1))
                .extracting(DecisionRecord::seq).containsExactly(2L);
    }
}
