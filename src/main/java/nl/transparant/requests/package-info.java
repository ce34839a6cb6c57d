/**
 * Guards on every request: body sizes, concurrency, cross-site requests, unpaired surrogates.
 *
 * <p>Facts travel between modules as events, commands as direct calls to a module's top-level types; the
 * dependencies allowed here are checked by {@code ModularityTest}.
 */
@ApplicationModule(displayName = "Requests", allowedDependencies = {"problems"})
package nl.transparant.requests;

import org.springframework.modulith.ApplicationModule;
