package nl.transparant.support;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application as it runs in production: MariaDB and a real Keycloak issuing the tokens. All
 * subclasses share one application context (and so one database); each test makes its own cases.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"mariadb", "keycloak"})
@AutoConfigureObservability(tracing = false) // the Prometheus endpoint, as in production
public abstract class FullStackTest {

    @LocalServerPort
    protected int port;

    @org.springframework.beans.factory.annotation.Autowired
    protected org.springframework.transaction.PlatformTransactionManager transactionManager;

    /**
     * Runs a test's own change to the database as the application makes one, in a transaction: the pool's connections
     * do not commit by themselves, and the application's JdbcTemplate refuses a change outside one.
     */
    protected void inTransaction(Runnable change) {
        new org.springframework.transaction.support.TransactionTemplate(transactionManager).executeWithoutResult(status -> change.run());
    }

    @DynamicPropertySource
    static void realComponents(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", MariaDbTestDatabase::jdbcUrl);
        // Production's two accounts: the application connects with only what the owner grants it after migrating
        registry.add("spring.datasource.username", MariaDbTestDatabase::applicationUser);
        registry.add("spring.datasource.password", MariaDbTestDatabase::accountPassword);
        registry.add("spring.flyway.user", MariaDbTestDatabase::ownerUser);
        registry.add("spring.flyway.password", MariaDbTestDatabase::accountPassword);
        registry.add("transparant.database.application-user", () -> MariaDbTestDatabase.applicationUser() + "@%");
        registry.add("transparant.identity.keycloak.issuer", () -> KeycloakTestServer.get().issuerUri());
        registry.add("transparant.demo-data", () -> "false");
        // the tests of one run share the accounts and refuse many requests within a minute: each refusal a test looks
        // for must be stored, not counted (the rate limit itself is RefusalFloodTest's)
        registry.add("transparant.audit.refusals-per-window", () -> "1000000");
        // production marks the session cookie Secure; the JDK's cookie manager, which these tests browse with over
        // plain http, would then never send it back (FaultsIT runs with the production setting and checks it)
        registry.add("server.servlet.session.cookie.secure", () -> "false");
    }

    /** The API as this demo user, with a real token from Keycloak. */
    protected Api as(String username) {
        return new Api(port, KeycloakTestServer.get().accessToken(username));
    }

    /** The API without any credentials, as the public uses it. */
    protected Api anonymous() {
        return new Api(port, null);
    }
}
