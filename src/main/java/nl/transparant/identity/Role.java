package nl.transparant.identity;

import java.util.Arrays;
import java.util.Optional;

/** The realm roles of Keycloak; the same names are the candidate groups of the BPMN user tasks. */
public enum Role {
    PROJECT_OWNER("project-owner"),
    PRIVACY_OFFICER("privacy-officer"),
    ETHICS_COMMITTEE("ethics-committee"),
    REGISTER_PUBLISHER("register-publisher"),
    AUDITOR("auditor"),
    ADMIN("admin");

    private final String roleName;

    Role(String roleName) {
        this.roleName = roleName;
    }

    public String roleName() {
        return roleName;
    }

    public String authority() {
        return "ROLE_" + roleName;
    }

    public static Optional<Role> fromRoleName(String name) {
        return Arrays.stream(values()).filter(r -> r.roleName.equals(name)).findFirst();
    }
}
