package nl.transparant.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * In production people sign in at Keycloak, which must slow down password guessing itself: the realm that
 * docker-compose and the tests import locks an account for a growing while after repeated failures, never for good
 * (that would let anyone lock out a colleague), and refuses plain http from outside the host.
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
        assertThat(realm.path("sslRequired").asText()).isIn("external", "all");
    }
}
