package nl.transparant.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.util.Set;
import javax.sql.DataSource;
import nl.transparant.identity.PeopleNames;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.site.PageTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pool's connections do not commit by themselves (no autocommit round trips around every transaction, issue 14), so
 * a change outside a transaction would be lost when its connection goes back to the pool. The application's
 * JdbcTemplate refuses one at once; the changes made outside a request's transaction open one of their own.
 */
class TransactionBoundariesTest extends PageTestSupport {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    PeopleNames people;

    @Test
    void thePoolsConnectionsComeWithoutAutocommit() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getAutoCommit()).isFalse();
        }
    }

    @Test
    void aChangeOutsideATransactionIsRefusedAndLeavesNothing() {
        String account = unique("outside");
        assertThatThrownBy(() -> jdbc.update("INSERT INTO staff_name (account_id, display_name, seen_at) VALUES (?, 'Buiten', CURRENT_TIMESTAMP)",
                account))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside a transaction");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM staff_name WHERE account_id = ?", Integer.class, account)).isZero();
    }

    @Test
    void aChangeInATransactionIsCommittedForEveryoneToRead() throws Exception {
        String account = unique("inside");
        new TransactionTemplate(transactions).executeWithoutResult(status -> jdbc.update(
                "INSERT INTO staff_name (account_id, display_name, seen_at) VALUES (?, 'Binnen', CURRENT_TIMESTAMP)", account));
        try (Connection other = dataSource.getConnection();
                var query = other.prepareStatement("SELECT display_name FROM staff_name WHERE account_id = ?")) {
            query.setString(1, account);
            try (var rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("Binnen");
            }
            other.rollback();
        }
    }

    /** A name the identity provider tells at sign-in is kept, although a sign-in runs in no transaction of its own. */
    @Test
    void aNameSeenAtSignInIsKept() {
        String account = unique("signin");
        people.seen(new StaffUser(account, "Fenna Faber", Set.of(Role.PROJECT_OWNER), Set.of("zoetermeer")));
        assertThat(jdbc.queryForObject("SELECT display_name FROM staff_name WHERE account_id = ?", String.class, account))
                .isEqualTo("Fenna Faber");
    }
}
