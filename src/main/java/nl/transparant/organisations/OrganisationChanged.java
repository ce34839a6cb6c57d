package nl.transparant.organisations;

/**
 * An administrator (or the demo's organisation file) created or changed an organisation; published in the transaction
 * that stores it, so the decision log records it exactly when it happens. {@code before} is null for a new one.
 *
 * @param change created, updated, deactivated or reactivated
 */
public record OrganisationChanged(String actorId, String actorRoles, String code, String change, OrganisationData before,
        OrganisationData after) {
}
