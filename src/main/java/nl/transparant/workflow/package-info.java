/**
 * All engine-facing code: deployment, delegates, listeners, the review's task views and completion, four eyes and the sealed engine REST API. Kept in one module so the move to Operaton stays a rename. Facts about the flow go out as events ({@code ReviewEvents}, {@code EngineEvents}, {@code LivingEntryEvents}).
 *
 * <p>Facts travel between modules as events, commands as direct calls to a module's top-level types; the
 * dependencies allowed here are checked by {@code ModularityTest}.
 */
@ApplicationModule(displayName = "Workflow", allowedDependencies = {"assessment", "identity", "operations", "problems"})
package nl.transparant.workflow;

import org.springframework.modulith.ApplicationModule;
