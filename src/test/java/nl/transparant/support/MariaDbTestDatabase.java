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

    public static String user() {
        return USER;
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
        } catch (SQLException e) {
            System.err.println("Could not drop the test database " + DATABASE + ": " + e.getMessage());
        }
    }

    private static void recreate() {
        try (Connection connection = DriverManager.getConnection(SERVER, USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
            statement.execute("CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("These tests need MariaDB at " + SERVER + " (user " + USER
                    + "). Start it (see .ci/run) or point TRANSPARANT_TEST_DB_SERVER at one. Cause: " + e.getMessage(), e);
        }
    }
}
