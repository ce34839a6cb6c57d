package nl.transparant.organisations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import nl.transparant.support.MariaDbTestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * V75 on a real MariaDB that already holds cases, entries, listings and log records under the old 40-character codes:
 * MariaDB refuses to widen a column used in a foreign key (whatever foreign_key_checks says), so the migration drops
 * and re-adds the keys. Afterwards every row is still there, the keys still hold, and a 64-character code works.
 */
class OrganisationMigrationIT {

    static final String SERVER = System.getenv().getOrDefault("TRANSPARANT_TEST_DB_SERVER", "jdbc:mariadb://127.0.0.1:3306/");
    static final String DATABASE = "transparant_orgs_migration_" + ProcessHandle.current().pid();
    static SingleConnectionDataSource dataSource;
    static JdbcTemplate jdbc;

    @BeforeAll
    static void aDatabaseAtTheVersionBefore() throws SQLException {
        execute("DROP DATABASE IF EXISTS " + DATABASE, "CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        dataSource = new SingleConnectionDataSource(SERVER + DATABASE, MariaDbTestDatabase.user(), MariaDbTestDatabase.password(), true);
        jdbc = new JdbcTemplate(dataSource);
        flyway(dataSource, "66").migrate();
        jdbc.update("INSERT INTO algorithm_case (id, organisation_code, stage, register_fields, created_by, created_at, updated_at, version) "
                + "VALUES ('case-1', 'zoetermeer', 'PUBLISHED', '{}', 'owner-zoetermeer', NOW(6), NOW(6), 0)");
        jdbc.update("INSERT INTO published_entry (case_id, lars, version_number, organisation_code, name, fields, published_at, published_by) "
                + "VALUES ('case-1', '12345678', 1, 'zoetermeer', 'Parkeren', '{}', NOW(6), 'publisher-zoetermeer')");
        Long entry = jdbc.queryForObject("SELECT id FROM published_entry", Long.class);
        jdbc.update("INSERT INTO register_listing (lars, entry_id, version_number, organisation_code, organisation_name, organisation_type, "
                + "name, sort_name, status, publication_category, themes, impact_assessments, search_text, first_published_at, published_at) "
                + "VALUES ('12345678', ?, 1, 'zoetermeer', 'Gemeente Zoetermeer', 'Gemeente', 'Parkeren', 'parkeren', 'In gebruik', "
                + "'other', '||', '||', 'parkeren', NOW(6), NOW(6))", entry);
        jdbc.update("INSERT INTO decision_log (seq, recorded_at, organisation_code, event_type, payload, previous_hash, record_hash) "
                + "VALUES (1, NOW(6), 'zoetermeer', 'case-created', '{}', REPEAT('0', 64), REPEAT('a', 64))");
        flyway(dataSource, "latest").migrate();
    }

    @AfterAll
    static void drop() throws SQLException {
        dataSource.destroy();
        execute("DROP DATABASE IF EXISTS " + DATABASE);
    }

    @Test
    void everyRowIsKeptAndTheCodesAreWiderEverywhere() {
        assertThat(jdbc.queryForObject("SELECT organisation_code FROM algorithm_case WHERE id = 'case-1'", String.class)).isEqualTo("zoetermeer");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM register_listing", Integer.class)).isOne();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM decision_log", Integer.class)).isOne();
        List<String> widths = jdbc.queryForList("SELECT CONCAT(TABLE_NAME, '.', COLUMN_NAME, '=', CHARACTER_MAXIMUM_LENGTH) "
                + "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND COLUMN_NAME IN ('code', 'organisation_code') "
                + "AND TABLE_NAME <> 'organisation_serves' ORDER BY TABLE_NAME", String.class, DATABASE);
        assertThat(widths).containsExactly("algorithm_case.organisation_code=64", "decision_log.organisation_code=64",
                "entry_upkeep_plan.organisation_code=64",
                "national_register_delivery.organisation_code=64", "organisation.code=64", "problem_report.organisation_code=64",
                "published_entry.organisation_code=64", "register_listing.organisation_code=64");
        assertThat(jdbc.queryForList("SELECT national_id FROM organisation WHERE code IN ('zoetermeer', 'nissewaard', 'capelle', 'bar', 'mrdh') "
                + "AND national_id IS NOT NULL ORDER BY national_id", String.class))
                .containsExactly("gm0502", "gm0637", "gm1930");
        assertThat(jdbc.queryForObject("SELECT active FROM organisation WHERE code = 'bar'", Boolean.class)).isTrue();
    }

    @Test
    void theForeignKeysHoldAgainAndALongCodeFits() {
        List<String> keys = jdbc.queryForList("SELECT CONSTRAINT_NAME FROM information_schema.REFERENTIAL_CONSTRAINTS "
                + "WHERE CONSTRAINT_SCHEMA = ? AND REFERENCED_TABLE_NAME = 'organisation' ORDER BY CONSTRAINT_NAME", String.class, DATABASE);
        assertThat(keys).containsExactly("fk_case_organisation", "fk_delivery_organisation", "fk_entry_organisation",
                "fk_listing_organisation", "fk_organisation_part_of", "fk_report_organisation", "fk_serves_organisation", "fk_serves_served");
        assertThatThrownBy(() -> jdbc.update("INSERT INTO algorithm_case (id, organisation_code, stage, register_fields, created_by, "
                + "created_at, updated_at, version) VALUES ('case-2', 'nergens', 'DRAFT', '{}', 'x', NOW(6), NOW(6), 0)"))
                .hasMessageContaining("foreign key");

        String code = "gr-samenwerkingsverband-uitvoering-werk-en-inkomen-regio-zuid-oo";
        assertThat(code).hasSize(64);
        jdbc.update("INSERT INTO organisation (code, name, organisation_type, national_id) VALUES (?, 'GR SWI', 'Overig', 'oorg10472')", code);
        jdbc.update("INSERT INTO algorithm_case (id, organisation_code, stage, register_fields, created_by, created_at, updated_at, version) "
                + "VALUES ('case-3', ?, 'DRAFT', '{}', 'x', NOW(6), NOW(6), 0)", code);
        assertThatThrownBy(() -> jdbc.update("INSERT INTO organisation (code, name, organisation_type, national_id) "
                + "VALUES ('ander', 'Ander', 'Overig', 'oorg10472')")).as("the national id is unique").hasMessageContaining("Duplicate");
    }

    private static Flyway flyway(DataSource dataSource, String target) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/vendor/mariadb")
                .target(target).load();
    }

    private static void execute(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER, MariaDbTestDatabase.user(), MariaDbTestDatabase.password());
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
