/**
 * The public register: pages, API, search, downloads, feed, imports and problem reports (the sub-package
 * {@code problemreports}, the named interface {@code register :: problemreports}); it publishes on the review's events.
 *
 * <p>Facts travel between modules as events, commands as direct calls to a module's top-level types; the
 * dependencies allowed here are checked by {@code ModularityTest}.
 */
@ApplicationModule(displayName = "Register", allowedDependencies = {"cases", "cases :: livingentry", "identity", "operations", "organisations", "problems", "site", "standard", "workflow", "workflow :: problemreports"})
package nl.transparant.register;

import org.springframework.modulith.ApplicationModule;
