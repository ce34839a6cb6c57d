/**
 * Start-up safety and running concerns: the bundled definitions, measured snapshots.
 *
 * <p>Facts travel between modules as events, commands as direct calls to a module's top-level types; the
 * dependencies allowed here are checked by {@code ModularityTest}.
 */
@ApplicationModule(displayName = "Operations", allowedDependencies = {})
package nl.transparant.operations;

import org.springframework.modulith.ApplicationModule;
