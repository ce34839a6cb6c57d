/**
 * Problem+json answers for the API and the exceptions that carry them; depends on nobody.
 *
 * <p>Facts travel between modules as events, commands as direct calls to a module's top-level types; the
 * dependencies allowed here are checked by {@code ModularityTest}.
 */
@ApplicationModule(displayName = "Problems", allowedDependencies = {})
package nl.transparant.problems;

import org.springframework.modulith.ApplicationModule;
