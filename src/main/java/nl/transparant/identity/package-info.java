/**
 * Accounts, roles and login (Keycloak or the demo accounts); everybody may depend on it, it depends only on the texts of
 * problems (its refusals are told in the caller's language).
 *
 * <p>Facts travel between modules as events, commands as direct calls to a module's top-level types; the
 * dependencies allowed here are checked by {@code ModularityTest}.
 */
@ApplicationModule(displayName = "Identity", allowedDependencies = {"problems"})
package nl.transparant.identity;

import org.springframework.modulith.ApplicationModule;
