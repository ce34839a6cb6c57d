package nl.transparant.identity;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A local account of the embedded quick start. The same usernames, roles and organisations exist in
 * {@code keycloak/realm.json}, so a newcomer meets the same people in both set-ups. Every password is
 * {@value #PASSWORD}: these accounts exist only for trying the product on one machine.
 */
public record DemoAccount(String username, String displayName, Set<Role> roles, Set<String> organisations)
        implements UserDetails, StaffPrincipal {

    public static final String PASSWORD = "demo";

    private static final Set<String> ALL = Set.of("zoetermeer", "nissewaard", "capelle", "bar", "mrdh");

    public static final List<DemoAccount> ALL_ACCOUNTS = List.of(
            account("owner-zoetermeer", "Sanne de Vries", Set.of(Role.PROJECT_OWNER), Set.of("zoetermeer")),
            account("owner-nissewaard", "Youssef El Amrani", Set.of(Role.PROJECT_OWNER), Set.of("nissewaard")),
            account("owner-capelle", "Eva Jansen", Set.of(Role.PROJECT_OWNER), Set.of("capelle")),
            account("owner-bar", "Daan Bakker", Set.of(Role.PROJECT_OWNER), Set.of("bar")),
            account("owner-privacy-zoetermeer", "Noor Visser", Set.of(Role.PROJECT_OWNER, Role.PRIVACY_OFFICER), Set.of("zoetermeer")),
            account("privacy-zoetermeer", "Pieter Smit", Set.of(Role.PRIVACY_OFFICER), Set.of("zoetermeer")),
            account("privacy-nissewaard", "Fatima Ouali", Set.of(Role.PRIVACY_OFFICER), Set.of("nissewaard")),
            account("privacy-capelle", "Lotte Mulder", Set.of(Role.PRIVACY_OFFICER), Set.of("capelle")),
            account("privacy-bar", "Ruben de Graaf", Set.of(Role.PRIVACY_OFFICER), Set.of("bar")),
            account("ethics-regional", "Marieke van Dijk", Set.of(Role.ETHICS_COMMITTEE), ALL),
            account("ethics-second", "Ahmed Yilmaz", Set.of(Role.ETHICS_COMMITTEE), ALL),
            account("publisher-zoetermeer", "Joost Hendriks", Set.of(Role.REGISTER_PUBLISHER), Set.of("zoetermeer")),
            account("publisher-nissewaard", "Iris Vermeulen", Set.of(Role.REGISTER_PUBLISHER), Set.of("nissewaard")),
            account("publisher-capelle", "Bram Dekker", Set.of(Role.REGISTER_PUBLISHER), Set.of("capelle")),
            account("auditor-regional", "Anouk Willems", Set.of(Role.AUDITOR), ALL),
            account("admin", "Beheerder / Administrator", Set.of(Role.ADMIN), ALL));

    private static DemoAccount account(String username, String displayName, Set<Role> roles, Set<String> organisations) {
        return new DemoAccount(username, displayName, roles, organisations);
    }

    @Override
    public StaffUser staffUser() {
        return new StaffUser(username, displayName, roles, organisations);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return roles.stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList();
    }

    @Override
    public String getPassword() {
        return "{noop}" + PASSWORD;
    }

    @Override
    public String getUsername() {
        return username;
    }
}
