package nl.transparant.assessment;

import java.nio.file.Path;

/** Definitions read from a folder, as the product reads {@code policies/assessments}, for tests of other modules. */
public final class TestDefinitions {

    private TestDefinitions() {
    }

    public static AssessmentDefinition read(Path folder, String urn) {
        AssessmentDefinitions definitions = new AssessmentDefinitions(folder, event -> { });
        definitions.loadAtStart();
        return definitions.current(urn).orElseThrow(() -> new IllegalStateException(urn + " is not in " + folder));
    }
}
