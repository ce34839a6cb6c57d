package nl.transparant.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * In production people sign in at Keycloak, which must slow down password guessing itself: the realm that
 * docker-compose and the tests import locks an account for a growing while after repeated failures, at most 15
 * minutes and never for good (that would let anyone lock out a colleague), and refuses plain http from outside the host.
 */
class RealmBruteForceProtectionTest {

    @Test
    void theRealmDetectsBruteForceAndLocksTemporarily() throws Exception {
        JsonNode realm = new ObjectMapper().readTree(Path.of("keycloak/realm.json").toFile());
        assertThat(realm.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(realm.path("permanentLockout").asBoolean()).isFalse();
        assertThat(realm.path("failureFactor").asInt()).isBetween(3, 10);
        assertThat(realm.path("waitIncrementSeconds").asInt()).isPositive();
        assertThat(realm.path("maxFailureWaitSeconds").asInt()).isGreaterThanOrEqualTo(realm.path("waitIncrementSeconds").asInt());
        // a guesser elsewhere delays an account, the realm refusing even the right password meanwhile: at most 15 minutes
        assertThat(realm.path("maxFailureWaitSeconds").asInt()).isLessThanOrEqualTo(900);
        assertThat(realm.path("maxDeltaTimeSeconds").asInt()).as("failures are forgotten after a quiet while").isPositive();
        assertThat(realm.path("sslRequired").asText()).isIn("external", "all");
    }
}
