/**
 * The national register's field standard and its validation; pure rules, no state.
 *
 * <p>Facts travel between modules as events, commands as direct calls to a module's top-level types; the
 * dependencies allowed here are checked by {@code ModularityTest}.
 */
@ApplicationModule(displayName = "Standard", allowedDependencies = {"problems"})
package nl.transparant.standard;

import org.springframework.modulith.ApplicationModule;
