/**
 * Organisations as data and their administration; announces changes as {@code OrganisationChanged}.
 *
 * <p>Facts travel between modules as events, commands as direct calls to a module's top-level types; the
 * dependencies allowed here are checked by {@code ModularityTest}.
 */
@ApplicationModule(displayName = "Organisations", allowedDependencies = {"identity", "problems", "site"})
package nl.transparant.organisations;

import org.springframework.modulith.ApplicationModule;
