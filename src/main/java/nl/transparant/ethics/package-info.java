/**
 * The ethics committee's votes and conditions; open conditions block the release through an {@code ApprovalCondition} of {@code workflow}.
 *
 * <p>Facts travel between modules as events, commands as direct calls to a module's top-level types; the
 * dependencies allowed here are checked by {@code ModularityTest}.
 */
@ApplicationModule(displayName = "Ethics", allowedDependencies = {"cases", "identity", "problems", "review", "site", "workflow", "workflow :: review"})
package nl.transparant.ethics;

import org.springframework.modulith.ApplicationModule;
