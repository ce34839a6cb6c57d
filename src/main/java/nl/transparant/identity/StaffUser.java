package nl.transparant.identity;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * A signed-in member of staff: who they are, which roles they hold and which organisations they serve.
 * Roles and organisations always come from the identity provider, never from a request body.
 */
public record StaffUser(String id, String displayName, Set<Role> roles, Set<String> organisations) {

    public StaffUser {
        roles = Set.copyOf(roles);
        organisations = Set.copyOf(organisations);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean serves(String organisationCode) {
        return organisations.contains(organisationCode);
    }

    public Set<String> roleNames() {
        return roles.stream().map(Role::roleName).collect(Collectors.toSet());
    }
}
