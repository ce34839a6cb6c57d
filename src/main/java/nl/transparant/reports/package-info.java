/**
 * Assessment reports as HTML and PDF, read from the recorded assessments.
 *
 * <p>Facts travel between modules as events, commands as direct calls to a module's top-level types; the
 * dependencies allowed here are checked by {@code ModularityTest}.
 */
@ApplicationModule(displayName = "Reports", allowedDependencies = {"assessment", "cases", "identity", "organisations", "problems", "screening", "site"})
package nl.transparant.reports;

import org.springframework.modulith.ApplicationModule;
