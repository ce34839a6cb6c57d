/**
 * The pre-scan, DPIA and IAMA of a case: evaluates answers through {@code assessment}, hands the route its inputs and keeps the records; announces results as events ({@code PreScanAssessed}, {@code DpiaAssessed}, {@code IamaAssessed}).
 *
 * <p>Facts travel between modules as events, commands as direct calls to a module's top-level types; the
 * dependencies allowed here are checked by {@code ModularityTest}.
 */
@ApplicationModule(displayName = "Screening", allowedDependencies = {"assessment", "identity", "problems", "workflow", "workflow :: review"})
package nl.transparant.screening;

import org.springframework.modulith.ApplicationModule;
