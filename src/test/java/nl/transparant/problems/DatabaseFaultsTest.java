package nl.transparant.problems;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.junit.jupiter.api.Test;

/** The shapes in which a database outage reaches the exception handlers, and faults of our own that are not one. */
class DatabaseFaultsTest {

    @Test
    void aConnectionThatCouldNotBeHadOrWasLostIsAnOutage() {
        assertThat(DatabaseFaults.isUnreachable(new CannotCreateTransactionException("no connection",
                new SQLException("Connection refused", "08000", new ConnectException("refused"))))).isTrue();
        assertThat(DatabaseFaults.isUnreachable(new RuntimeException("wrapped", new SQLException("gone", "08S01")))).isTrue();
    }

    /** bench/database-outage.sh: a commit in flight when MariaDB stopped surfaced as the failed rollback, a 500 before. */
    @Test
    void theRollbackOfACommitWhoseConnectionBrokeIsAnOutage() {
        RuntimeException rollback = new JpaSystemException(new RuntimeException("Unable to rollback against JDBC Connection",
                new SQLException("Connection is closed")));
        assertThat(DatabaseFaults.isUnreachable(rollback)).isTrue();
    }

    @Test
    void ourOwnFaultsAreNot() {
        assertThat(DatabaseFaults.isUnreachable(new IllegalStateException("bug"))).isFalse();
        assertThat(DatabaseFaults.isUnreachable(new SQLException("Duplicate entry", "23000"))).isFalse();
        assertThat(DatabaseFaults.isUnreachable(null)).isFalse();
    }

    /** ConcurrentDecisionsIT: the losing completion of one task, rolled back as a deadlock while its changes were flushed at commit. */
    @Test
    void aDeadlockAtCommitIsAConcurrencyConflictNotAnOutage() {
        RuntimeException atCommit = new jakarta.persistence.OptimisticLockException(new RuntimeException("could not execute statement",
                new SQLException("Deadlock found when trying to get lock", "40001")));
        assertThat(DatabaseFaults.isConcurrencyConflict(atCommit)).isTrue();
        assertThat(DatabaseFaults.isUnreachable(atCommit)).isFalse();
        assertThat(DatabaseFaults.isConcurrencyConflict(new SQLException("Duplicate entry", "23000"))).isFalse();
    }

    /**
     * The process engine's own revision check: a change and a retirement of one entry at the same moment, the loser's
     * answer was a 500 (outside test); it is a conflict, answered 409 "try again".
     */
    @Test
    void theEnginesOptimisticLockIsAConcurrencyConflict() {
        RuntimeException lost = new org.camunda.bpm.engine.OptimisticLockingException(
                "ENGINE-03005 Execution of 'UPDATE ExecutionEntity[x]' failed. Entity was updated by another transaction concurrently.");
        assertThat(DatabaseFaults.isConcurrencyConflict(new IllegalStateException("wrapped", lost))).isTrue();
        assertThat(DatabaseFaults.isConcurrencyConflict(new org.camunda.bpm.engine.ProcessEngineException("ENGINE-01009 Something else")))
                .isFalse();
    }

    /** The engine flushes its inserts as a batch: the deadlock is the batch failure's next exception, not its cause. */
    @Test
    void aDeadlockInsideABatchIsAConcurrencyConflictToo() {
        java.sql.BatchUpdateException batch = new java.sql.BatchUpdateException("Batch failed", "HY000", 0, new int[0]);
        batch.setNextException(new SQLException("Deadlock found when trying to get lock", "HY000", 1213));
        RuntimeException engine = new RuntimeException("ENGINE-03004 Exception while executing Batch Database Operations", batch);
        assertThat(DatabaseFaults.isConcurrencyConflict(engine)).isTrue();
        assertThat(DatabaseFaults.isConcurrencyConflict(new SQLException("Deadlock", null, 1213))).as("by error code alone").isTrue();
        java.sql.BatchUpdateException duplicate = new java.sql.BatchUpdateException("Batch failed", "23000", 1062, new int[0]);
        assertThat(DatabaseFaults.isConcurrencyConflict(duplicate)).isFalse();
    }
}
