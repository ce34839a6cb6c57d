package nl.transparant.identity;

import java.util.Collection;
import java.util.Set;

/**
 * Turns the values of the token's {@code organization} claim into the codes of the organisations a person serves. A
 * value names an organisation by its code or by its national id ({@code gm0599}); implemented where the organisations
 * are known.
 */
public interface OrganisationClaims {

    Set<String> codesFor(Collection<String> claimValues);
}
