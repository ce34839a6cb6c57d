package nl.transparant.problems;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.HashSet;
import java.util.Set;
import org.hibernate.exception.JDBCConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a database that cannot be reached from a fault of our own. The same outage arrives wrapped in many
 * ways (Spring's transaction manager, Hibernate, the engine's MyBatis, the pool, the driver), so the whole cause
 * chain is searched: a connection that could not be had or was lost is a 503, "try again", not a 500.
 */
public final class DatabaseFaults {

    /** How long a client should wait before trying again (the Retry-After of a 503). */
    public static final String RETRY_AFTER_SECONDS = "5";

    /**
     * What the pool's proxy says when its connection broke while a transaction was being committed: Spring then
     * raises the failed rollback, whose cause chain holds only this (no SQL state, no driver exception).
     */
    private static final String POOL_CONNECTION_CLOSED = "Connection is closed";

    /** SQL state 40001: the database rolled the transaction back (a deadlock, a lock wait given up, serialisation). */
    private static final String TRANSACTION_ROLLED_BACK = "40001";

    /** MariaDB's (and MySQL's) error code of a deadlock, ER_LOCK_DEADLOCK. */
    private static final int MARIADB_DEADLOCK = 1213;

    /** SQL state class 08: connection exception (SQL:2016, used by the MariaDB driver). */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";

    private DatabaseFaults() {
    }

    /**
     * Two transactions changed the same rows at once and the database rolled one back (a deadlock or a lost lock,
     * SQL state 40001), or the ORM found its row changed: the loser's change is gone and trying again may succeed.
     * Such a failure can surface at commit, outside any translation of Spring's, so the whole chain is searched.
     */
    private static boolean isA(Throwable failure, String className) {
        for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    public static boolean isConcurrencyConflict(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof org.springframework.dao.ConcurrencyFailureException
                    || t instanceof jakarta.persistence.OptimisticLockException
                    || t instanceof jakarta.persistence.PessimisticLockException
                    || t instanceof org.hibernate.exception.LockAcquisitionException
                    // the process engine's own check of a row's revision: another request changed the process first
                    // (a change and a retirement of one entry at the same moment gave a 500: outside test). By name, so
                    // this module needs no engine.
                    || isA(t, "org.camunda.bpm.engine.OptimisticLockingException")) {
                return true;
            }
            if (t instanceof SQLException sql && rolledBack(sql)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The database rolled this statement's transaction back, here or in a statement of the same batch: a batch's failure
     * (the engine flushes its inserts as one, {@code BatchUpdateException}) carries the statement's own error as its
     * next exception, not as its cause, and may carry only MariaDB's error code (1213: deadlock).
     */
    private static boolean rolledBack(SQLException failure) {
        Set<SQLException> seen = new HashSet<>();
        for (SQLException e = failure; e != null && seen.add(e); e = e.getNextException()) {
            if (TRANSACTION_ROLLED_BACK.equals(e.getSQLState()) || e.getErrorCode() == MARIADB_DEADLOCK) {
                return true;
            }
        }
        return false;
    }

    public static boolean isUnreachable(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof CannotCreateTransactionException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof JDBCConnectionException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith(CONNECTION_EXCEPTION_CLASS)) {
                return true;
            }
            if (t instanceof SQLException sql && POOL_CONNECTION_CLOSED.equals(sql.getMessage())) {
                return true;
            }
        }
        return false;
    }
}
