package nl.transparant.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

/** The organisation claim as Keycloak sends it (a list of group names, or the organizations feature's map) goes through the match. */
class CurrentStaffTest {

    /** Stands in for the organisations module's match: gm0599 is Rotterdam's national id. */
    static final OrganisationClaims MATCH = values -> values.stream().map(v -> v.equals("gm0599") ? "rotterdam" : v)
            .collect(Collectors.toSet());

    @Test
    void everyClaimValueGoesThroughTheMatch() {
        StaffUser fromList = CurrentStaff.fromClaims(token(List.of("gm0599", "zoetermeer")), MATCH);
        assertThat(fromList.organisations()).containsExactlyInAnyOrder("rotterdam", "zoetermeer");
        assertThat(fromList.roles()).containsExactly(Role.PROJECT_OWNER);

        StaffUser fromMap = CurrentStaff.fromClaims(token(Map.of("gm0599", Map.of("id", "x"))), MATCH);
        assertThat(fromMap.organisations()).containsExactly("rotterdam");
        assertThat(CurrentStaff.fromClaims(token("gm0599"), MATCH).serves("rotterdam")).isTrue();
    }

    private static Jwt token(Object organisations) {
        return Jwt.withTokenValue("t").header("alg", "none").subject("s").issuedAt(Instant.now())
                .claim("preferred_username", "owner-rotterdam")
                .claim("realm_access", Map.of("roles", List.of("project-owner")))
                .claim(CurrentStaff.ORGANISATION_CLAIM, organisations)
                .build();
    }
}
