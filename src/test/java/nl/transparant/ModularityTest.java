package nl.transparant;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The feature packages only use each other's top-level types, and never in a cycle. */
class ModularityTest {

    /** Tests share the main packages; they may reach across modules, production code may not. */
    static final DescribedPredicate<JavaClass> TEST_CLASSES = DescribedPredicate.describe("test classes",
            type -> type.getSource().map(source -> source.getUri().toString().contains("test-classes")).orElse(false));

    @Test
    void modulesRespectTheirBoundaries() {
        ApplicationModules.of(TransparantApplication.class, TEST_CLASSES).verify();
    }
}
