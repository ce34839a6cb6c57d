package nl.transparant.workflow;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.stereotype.Component;

/**
 * On MariaDB the engine's tables are created by the database owner, like every other table: right after Flyway's
 * migrations, on Flyway's connection (the owner's account, {@code spring.flyway.user}), from the engine's own MySQL
 * scripts, when they are not there yet. The application's account then needs no right to create or drop tables, and
 * the engine runs with {@code schema-update: false} (profile {@code mariadb}), checking only that its schema is there.
 * The due-date index on the engine's job table ({@link JobsByDueDate}) is added here too, also to tables made before
 * it. H2, the embedded quick start, keeps the engine's own schema creation.
 */
@Component
class EngineSchema implements Callback {

    /** The engine's components in the order its own schema creation runs them. */
    static final List<String> COMPONENTS = List.of("engine", "history", "identity", "case.engine", "case.history", "decision.engine",
            "decision.history");

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            Connection connection = context.getConnection();
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
            if (!(product.contains("mariadb") || product.contains("mysql"))) {
                return;
            }
            if (!engineTablesPresent(connection)) {
                try (Statement sql = connection.createStatement()) {
                    for (String component : COMPONENTS) {
                        for (String statement : statements("org/camunda/bpm/engine/db/create/activiti.mysql.create." + component + ".sql")) {
                            sql.execute(statement);
                        }
                    }
                }
            }
            // ours, not the engine's: new tables get it, and so do the tables of a database made before it existed
            JobsByDueDate.ensureIndex(connection, "ACT_RU_JOB");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the process engine's tables as the database owner", e);
        }
    }

    @Override
    public String getCallbackName() {
        return "process engine schema";
    }

    private static boolean engineTablesPresent(Connection connection) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(connection.getCatalog(), null, "ACT_GE_PROPERTY", null)) {
            if (tables.next()) {
                return true;
            }
        }
        try (ResultSet tables = connection.getMetaData().getTables(connection.getCatalog(), null, "act_ge_property", null)) {
            return tables.next();
        }
    }

    /** The script's statements as the engine reads them: comment lines dropped, each statement ending with ';'. */
    static List<String> statements(String resource) {
        List<String> statements = new ArrayList<>();
        try (InputStream in = ProcessEngine.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The process engine has no schema script " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            StringBuilder statement = new StringBuilder();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("--") || trimmed.startsWith("#")) {
                    continue;
                }
                if (trimmed.endsWith(";")) {
                    statement.append(trimmed, 0, trimmed.length() - 1);
                    statements.add(statement.toString().strip());
                    statement.setLength(0);
                } else {
                    statement.append(trimmed).append('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return statements;
    }
}
