package nl.transparant.workflow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job executor finds the jobs that are due through an index on their due date, instead of reading every job.
 *
 * <p>Every published entry kept a timer for its next re-review ({@code processes/entry-re-review.bpmn}; now only those in
 * their periodic re-review do, the first is a plan: {@code EntryUpkeepProcess}), so the engine's job table grew with the
 * register, and Camunda's default acquisition query ("no due date, or due by now") cannot use
 * an index: it read all 1,574 jobs at each acquisition, about twice per review cycle, at 1,600 published entries
 * (performance_schema, issue 14); at a register of 100,000 entries it would read 100,000 rows each time. So every job
 * gets a due date (an asynchronous step: the moment it was created), the executor asks for jobs in due-date order, and
 * the engine's table gets an index on the due date, added here after the engine has made or updated its schema.
 *
 * <p>Jobs an earlier version left without a due date would no longer be found; at start they get the present as
 * their due date, so they run as they would have.
 */
final class JobsByDueDate {

    private static final Logger log = LoggerFactory.getLogger(JobsByDueDate.class);
    static final String INDEX = "ACT_IDX_JOB_DUEDATE";

    private JobsByDueDate() {
    }

    static void configure(ProcessEngineConfigurationImpl configuration) {
        configuration.setEnsureJobDueDateNotNull(true);
        configuration.setJobExecutorAcquireByDueDate(true);
    }

    /**
     * After the engine's schema exists: the index (when the engine manages its own schema, as on H2; on MariaDB the
     * database owner adds it with the engine's tables, {@link EngineSchema}), and a due date for jobs that have none.
     */
    static void prepareTable(ProcessEngineConfigurationImpl configuration) {
        DataSource dataSource = configuration.getDataSource();
        String table = (configuration.getDatabaseTablePrefix() == null ? "" : configuration.getDatabaseTablePrefix()) + "ACT_RU_JOB";
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(true);
            if (!"false".equals(configuration.getDatabaseSchemaUpdate())) {
                ensureIndex(connection, table);
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + table + " SET DUEDATE_ = ? WHERE DUEDATE_ IS NULL")) {
                update.setTimestamp(1, new Timestamp(ClockUtil.getCurrentTime().getTime()));
                int dated = update.executeUpdate();
                if (dated > 0) {
                    log.info("{} job(s) without a due date are due now, so the job executor finds them", dated);
                }
            }
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the engine's job table for acquisition by due date: " + e.getMessage(), e);
        }
    }

    /** Creates the due-date index on the engine's job table unless it is there (by name, in either case of letters). */
    static void ensureIndex(Connection connection, String table) throws SQLException {
        for (String name : new String[] {table, table.toLowerCase(java.util.Locale.ROOT)}) {
            try (ResultSet indexes = connection.getMetaData().getIndexInfo(connection.getCatalog(), null, name, false, false)) {
                while (indexes.next()) {
                    if (INDEX.equalsIgnoreCase(indexes.getString("INDEX_NAME"))) {
                        return;
                    }
                }
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE INDEX " + INDEX + " ON " + table + " (DUEDATE_)");
        }
    }
}
