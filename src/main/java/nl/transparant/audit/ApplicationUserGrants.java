package nl.transparant.audit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Gives the application's database account exactly what it needs, table by table, after every migration run, as the
 * owner who ran it ({@code spring.flyway.user}, which holds the GRANT OPTION on the database):
 *
 * <ul>
 *   <li>{@code decision_log}: SELECT and INSERT only — no UPDATE, no DELETE, whatever the triggers say;</li>
 *   <li>{@code decision_log_head}: SELECT and UPDATE, for the one row every append locks and moves;</li>
 *   <li>{@code flyway_schema_history}: nothing;</li>
 *   <li>every other table (the application's and the engine's): SELECT, INSERT, UPDATE, DELETE.</li>
 * </ul>
 *
 * Nothing at database level, so no CREATE, DROP, ALTER or TRIGGER either: the account cannot drop the triggers, empty
 * the log with TRUNCATE, or give itself more. A table added by a later migration gets its rights on that run. Set
 * {@code transparant.database.application-user} (MariaDB only); without it, nothing is granted.
 */
@Component
class ApplicationUserGrants implements Callback {

    private static final Logger logger = LoggerFactory.getLogger(ApplicationUserGrants.class);
    private static final Pattern ACCOUNT = Pattern.compile("([A-Za-z0-9_.\\-]{1,80})(?:@([A-Za-z0-9_.%:\\-]{1,255}))?");
    static final String APPEND_ONLY = "SELECT, INSERT";
    static final String HEAD = "SELECT, UPDATE";
    static final String READ_WRITE = "SELECT, INSERT, UPDATE, DELETE";
    /** The privileges MariaDB knows at table level ({@code DELETE HISTORY} is MariaDB's own). */
    private static final List<String> TABLE_PRIVILEGES = List.of("SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP",
            "GRANT OPTION", "REFERENCES", "INDEX", "ALTER", "CREATE VIEW", "SHOW VIEW", "TRIGGER", "DELETE HISTORY");

    private final String account;

    ApplicationUserGrants(@Value("${transparant.database.application-user:}") String applicationUser) {
        String user = applicationUser == null ? "" : applicationUser.strip();
        if (user.isEmpty()) {
            this.account = null;
            return;
        }
        var matcher = ACCOUNT.matcher(user);
        if (!matcher.matches()) {
            throw new IllegalStateException("transparant.database.application-user must be name or name@host, not '" + user + "'");
        }
        this.account = "'" + matcher.group(1) + "'@'" + (matcher.group(2) == null ? "%" : matcher.group(2)) + "'";
    }

    @Override
    public boolean supports(Event event, Context context) {
        // after every AFTER_MIGRATE callback, so the engine's tables (EngineSchema) are there to be granted too
        return account != null && event == Event.AFTER_MIGRATE_OPERATION_FINISH;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            Connection connection = context.getConnection();
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (!(product.contains("mariadb") || product.contains("mysql"))) {
                return;
            }
            String schema = connection.getCatalog();
            List<String> tables = new ArrayList<>();
            try (Statement sql = connection.createStatement();
                    ResultSet rs = sql.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
                            + " AND table_type = 'BASE TABLE' ORDER BY table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            boolean mariaDb = product.contains("mariadb");
            try (Statement sql = connection.createStatement()) {
                for (String table : tables) {
                    String rights = rightsOn(table);
                    String on = quoted(schema) + "." + quoted(table);
                    if (rights == null) {
                        revokeAll(sql, on);
                        continue;
                    }
                    // grant first, then take away the rest: a node already running on this account (a rolling
                    // upgrade, a second instance starting) never sees its rights gone for a moment
                    sql.execute("GRANT " + rights + " ON " + on + " TO " + account);
                    sql.execute("REVOKE " + String.join(", ", rightsBeyond(rights, mariaDb)) + " ON " + on + " FROM " + account);
                }
            }
            logger.info("Granted the application's account {} its rights on {} tables of {}", account, tables.size(), schema);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not grant the application's database account " + account
                    + " its rights; the migration user needs the GRANT OPTION on the database", e);
        }
    }

    /** What the application may do with a table; null: nothing. */
    static String rightsOn(String table) {
        return switch (table.toLowerCase(Locale.ROOT)) {
            case "decision_log", "decision_log_checkpoint" -> APPEND_ONLY;
            case "decision_log_head" -> HEAD;
            case "flyway_schema_history" -> null;
            default -> READ_WRITE;
        };
    }

    /**
     * Every table privilege the account must not keep besides {@code rights}, so one granted by hand earlier (UPDATE on
     * the log, say) does not survive a migration run.
     */
    static List<String> rightsBeyond(String rights, boolean mariaDb) {
        List<String> wanted = List.of(rights.split(",\\s*"));
        List<String> beyond = new ArrayList<>();
        for (String privilege : TABLE_PRIVILEGES) {
            if (!wanted.contains(privilege) && (mariaDb || !privilege.equals("DELETE HISTORY"))) {
                beyond.add(privilege);
            }
        }
        return beyond;
    }

    /** Nothing at all on a table the application never touches. */
    private void revokeAll(Statement sql, String on) throws SQLException {
        try {
            sql.execute("REVOKE ALL PRIVILEGES ON " + on + " FROM " + account);
        } catch (SQLException noGrantYet) {
            // MariaDB refuses to revoke what was never granted (1147); there is nothing to take away then
        }
    }

    private static String quoted(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    @Override
    public String getCallbackName() {
        return "application account grants";
    }
}
