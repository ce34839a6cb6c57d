package nl.transparant.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A fresh MariaDB database for one test run: created once per JVM, so every run starts from Flyway's and the
 * engine's own schema creation, as a new installation does. Its name carries the JVM's process id, so two
 * runs on one MariaDB never wipe each other's data, and it is dropped when the JVM ends.
 */
public final class MariaDbTestDatabase {

    /** TRANSPARANT_TEST_DB_NAME names a database to keep after the run, for looking into it. */
    private static final String KEPT = System.getenv("TRANSPARANT_TEST_DB_NAME");
    public static final String DATABASE = KEPT != null ? KEPT : "transparant_test_" + ProcessHandle.current().pid();
    private static final String SERVER = System.getenv().getOrDefault("TRANSPARANT_TEST_DB_SERVER", "jdbc:mariadb://127.0.0.1:3306/");
    private static final String USER = System.getenv().getOrDefault("TRANSPARANT_TEST_DB_USER", "root");
    private static final String PASSWORD = System.getenv().getOrDefault("TRANSPARANT_TEST_DB_PASSWORD", "");

    /**
     * The two accounts production has (README, "Audit log"), made for this run's database: the owner runs the
     * migrations and grants; the application connects with only what the owner grants it.
     */
    private static final String OWNER = "tr_owner_" + ProcessHandle.current().pid();
    private static final String APPLICATION = "tr_app_" + ProcessHandle.current().pid();
    private static final String ACCOUNT_PASSWORD = "pw-" + java.util.UUID.randomUUID();

    private static boolean created;

    private MariaDbTestDatabase() {
    }

    public static synchronized String jdbcUrl() {
        if (!created) {
            recreate();
            created = true;
            if (KEPT == null) {
                Runtime.getRuntime().addShutdownHook(new Thread(MariaDbTestDatabase::drop, "drop-test-database"));
            }
        }
        return SERVER + DATABASE + "?nullDatabaseMeansCurrent=true";
    }

    /** The administrator's account (root by default): for tests that tamper with the database behind the application. */
    public static String user() {
        return USER;
    }

    /** The account that owns the schema: Flyway's ({@code spring.flyway.user}). */
    public static String ownerUser() {
        jdbcUrl();
        return OWNER;
    }

    /** The application's own account, with the table rights the owner grants it after migrating. */
    public static String applicationUser() {
        jdbcUrl();
        return APPLICATION;
    }

    public static String accountPassword() {
        return ACCOUNT_PASSWORD;
    }

    /** A connection as the application's account, which holds only what the owner granted. */
    public static Connection connectAsApplication() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), applicationUser(), ACCOUNT_PASSWORD);
    }

    public static String password() {
        return PASSWORD;
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
    }

    private static void drop() {
        try (Connection connection = DriverManager.getConnection(SERVER, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
            statement.execute("DROP USER IF EXISTS '" + OWNER + "'@'%', '" + APPLICATION + "'@'%'");
        } catch (SQLException e) {
            System.err.println("Could not drop the test database " + DATABASE + ": " + e.getMessage());
        }
    }

    private static void recreate() {
        try (Connection connection = DriverManager.getConnection(SERVER, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
            statement.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
            statement.execute("DROP USER IF EXISTS '" + OWNER + "'@'%', '" + APPLICATION + "'@'%'");
            statement.execute("CREATE USER '" + OWNER + "'@'%' IDENTIFIED BY '" + ACCOUNT_PASSWORD + "'");
            statement.execute("CREATE USER '" + APPLICATION + "'@'%' IDENTIFIED BY '" + ACCOUNT_PASSWORD + "'");
            statement.execute("GRANT ALL PRIVILEGES ON " + DATABASE + ".* TO '" + OWNER + "'@'%' WITH GRANT OPTION");
        } catch (SQLException e) {
            throw new IllegalStateException("These tests need MariaDB at " + SERVER + " (user " + USER
                    + "). Start it (see .ci/run) or point TRANSPARANT_TEST_DB_SERVER at one. Cause: " + e.getMessage(), e);
        }
    }
}
