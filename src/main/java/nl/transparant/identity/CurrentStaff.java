package nl.transparant.identity;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Turns whatever authenticated the request (bearer token, browser login, demo account) into a {@link StaffUser}. */
public final class CurrentStaff {

    static final String ORGANISATION_CLAIM = "organization";

    private CurrentStaff() {
    }

    public static Optional<StaffUser> current() {
        return from(SecurityContextHolder.getContext().getAuthentication());
    }

    public static Optional<StaffUser> from(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()) {
            return Optional.empty();
        }
        if (authentication instanceof StaffPrincipal staffToken) {
            return Optional.of(staffToken.staffUser());
        }
        if (authentication.getPrincipal() instanceof StaffPrincipal principal) {
            return Optional.of(principal.staffUser());
        }
        if (authentication instanceof JwtAuthenticationToken token) {
            return Optional.of(fromClaims(token.getToken()));
        }
        return Optional.empty();
    }

    static StaffUser fromClaims(Jwt jwt) {
        return fromClaims(jwt, values -> Set.copyOf(values));
    }

    /** The organisation claim's values become organisation codes through {@code organisations} (a code or a national id each). */
    static StaffUser fromClaims(Jwt jwt, OrganisationClaims organisations) {
        String username = Optional.ofNullable(jwt.getClaimAsString("preferred_username")).orElse(jwt.getSubject());
        // the profile scope gives name, given_name and family_name; without it the account id is all there is
        String given = Optional.ofNullable(jwt.getClaimAsString("given_name")).orElse("").strip();
        String family = Optional.ofNullable(jwt.getClaimAsString("family_name")).orElse("").strip();
        String parts = (given + " " + family).strip();
        String name = Optional.ofNullable(jwt.getClaimAsString("name")).map(String::strip).filter(n -> !n.isEmpty())
                .orElse(parts.isEmpty() ? username : parts);
        return new StaffUser(username, name, rolesOf(jwt.getClaims()), organisations.codesFor(organisationsOf(jwt.getClaims())));
    }

    static Set<Role> rolesOf(Map<String, Object> claims) {
        Set<Role> roles = new LinkedHashSet<>();
        if (claims.get("realm_access") instanceof Map<?, ?> realmAccess
                && realmAccess.get("roles") instanceof Collection<?> names) {
            names.forEach(n -> Role.fromRoleName(String.valueOf(n)).ifPresent(roles::add));
        }
        return roles;
    }

    static Set<String> organisationsOf(Map<String, Object> claims) {
        Object claim = claims.get(ORGANISATION_CLAIM);
        // Keycloak's organizations feature can send {"alias": {attributes}}; the group mapper sends a list of names
        Collection<?> values = claim instanceof Collection<?> c ? c : claim instanceof Map<?, ?> m ? m.keySet()
                : claim == null ? List.of() : List.of(claim);
        Set<String> organisations = new LinkedHashSet<>();
        values.forEach(v -> organisations.add(String.valueOf(v)));
        return organisations;
    }
}
