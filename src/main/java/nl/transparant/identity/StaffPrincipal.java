package nl.transparant.identity;

/** A principal that already knows its staff user (local demo accounts, browser login through Keycloak). */
public interface StaffPrincipal {
    StaffUser staffUser();
}
