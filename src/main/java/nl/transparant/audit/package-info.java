/**
 * The decision log: it listens to every module's events and nobody calls it to record; its hash chain, checkpoints, and the auditor's pages and API.
 *
 * <p>Facts travel between modules as events, commands as direct calls to a module's top-level types; the
 * dependencies allowed here are checked by {@code ModularityTest}.
 */
@ApplicationModule(displayName = "Audit", allowedDependencies = {"assessment", "cases", "cases :: livingentry", "ethics", "identity", "obligations", "organisations", "problems", "register", "register :: problemreports", "screening", "site", "standard", "workflow", "workflow :: history", "workflow :: livingentry", "workflow :: problemreports", "workflow :: review"})
package nl.transparant.audit;

import org.springframework.modulith.ApplicationModule;
