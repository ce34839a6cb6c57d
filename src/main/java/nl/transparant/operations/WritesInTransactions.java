package nl.transparant.operations;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.SqlProvider;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The pool hands out connections with autocommit off (application.yml, {@code spring.datasource.hikari.auto-commit}):
 * every change runs in a transaction, which then needs no round trips to switch autocommit off and on again. A write
 * outside a transaction would be rolled back, unseen, when its connection goes back to the pool. So the application's
 * {@link JdbcTemplate} refuses one at once, loudly: a change without a transaction is a fault in the code that makes
 * it, found by the first test that runs it, never a lost record.
 *
 * <p>Not covered: {@code execute(String)}, which the application uses for no change (DDL commits by itself), and a
 * change made after a transaction committed (an after-commit callback) on its still-bound connection, which Spring
 * never commits whatever the pool does: neither is done anywhere, and a test would not see the second.
 */
@Configuration(proxyBeanMethods = false)
class WritesInTransactions {

    @Bean
    JdbcTemplate jdbcTemplate(DataSource dataSource) {
        return new WritesOnlyInTransactions(dataSource);
    }

    /** A {@link JdbcTemplate} whose updates (single, batched, with generated keys) need a transaction. */
    static final class WritesOnlyInTransactions extends JdbcTemplate {

        WritesOnlyInTransactions(DataSource dataSource) {
            super(dataSource);
        }

        @Override
        public int update(String sql) {
            requireTransaction(sql);
            return super.update(sql);
        }

        @Override
        protected int update(PreparedStatementCreator statement, PreparedStatementSetter parameters) {
            requireTransaction(statement instanceof SqlProvider provider ? provider.getSql() : statement.toString());
            return super.update(statement, parameters);
        }

        @Override
        public int update(PreparedStatementCreator statement, KeyHolder generatedKeys) {
            requireTransaction(statement instanceof SqlProvider provider ? provider.getSql() : statement.toString());
            return super.update(statement, generatedKeys);
        }

        @Override
        public int[] batchUpdate(String... sql) {
            requireTransaction(sql.length == 0 ? "" : sql[0]);
            return super.batchUpdate(sql);
        }

        @Override
        public int[] batchUpdate(String sql, BatchPreparedStatementSetter parameters) {
            requireTransaction(sql);
            return super.batchUpdate(sql, parameters);
        }

        @Override
        public <T> int[][] batchUpdate(String sql, java.util.Collection<T> batchArgs, int batchSize,
                org.springframework.jdbc.core.ParameterizedPreparedStatementSetter<T> parameters) {
            requireTransaction(sql);
            return super.batchUpdate(sql, batchArgs, batchSize, parameters);
        }

        private static void requireTransaction(String sql) {
            if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                throw new IllegalStateException("A database change outside a transaction would be rolled back when its "
                        + "connection goes back to the pool (autocommit is off); run it in one: " + sql);
            }
        }
    }
}
