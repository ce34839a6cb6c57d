/**
 * Assessment definitions and decision trees as policy data, the jexl evaluator and policy reload. Knows nothing of cases; {@code internal} and {@code jexl} are its own.
 *
 * <p>Facts travel between modules as events, commands as direct calls to a module's top-level types; the
 * dependencies allowed here are checked by {@code ModularityTest}.
 */
@ApplicationModule(displayName = "Assessment", allowedDependencies = {"identity", "problems"})
package nl.transparant.assessment;

import org.springframework.modulith.ApplicationModule;
