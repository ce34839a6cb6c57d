/**
 * The demo data of the quick start, driven through the real process at first start.
 *
 * <p>Facts travel between modules as events, commands as direct calls to a module's top-level types; the
 * dependencies allowed here are checked by {@code ModularityTest}.
 */
@ApplicationModule(displayName = "Demo", allowedDependencies = {"cases", "ethics", "identity", "organisations", "screening", "workflow", "workflow :: review"})
package nl.transparant.demo;

import org.springframework.modulith.ApplicationModule;
