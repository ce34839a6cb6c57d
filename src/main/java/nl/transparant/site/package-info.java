/**
 * Page plumbing: language, layout, error pages, form problems.
 *
 * <p>Facts travel between modules as events, commands as direct calls to a module's top-level types; the
 * dependencies allowed here are checked by {@code ModularityTest}.
 */
@ApplicationModule(displayName = "Site", allowedDependencies = {"identity", "problems", "standard"})
package nl.transparant.site;

import org.springframework.modulith.ApplicationModule;
