package nl.transparant;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The feature packages only use each other's top-level types, and never in a cycle. */
class ModularityTest {

    @Test
    void modulesRespectTheirBoundaries() {
        ApplicationModules.of(TransparantApplication.class).verify();
    }
}
