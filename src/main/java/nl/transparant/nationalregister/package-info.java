/**
 * Delivery of publications to the national Algoritmeregister, driven by the register's events.
 *
 * <p>Facts travel between modules as events, commands as direct calls to a module's top-level types; the
 * dependencies allowed here are checked by {@code ModularityTest}.
 */
@ApplicationModule(displayName = "National register", allowedDependencies = {"identity", "organisations", "problems", "register", "site", "standard"})
package nl.transparant.nationalregister;

import org.springframework.modulith.ApplicationModule;
