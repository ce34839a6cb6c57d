package nl.transparant.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The product's own policies load without errors through the same loader the application uses. */
class ProductPoliciesTest {

    @Test
    void theAssessmentDefinitionsInPoliciesLoadWithoutErrors() {
        Path folder = Path.of("policies", "assessments");
        assumeTrue(Files.isDirectory(folder), "no policies/assessments yet");
        AssessmentDefinitions definitions = new AssessmentDefinitions(folder, event -> { });
        definitions.loadAtStart();

        assertThat(definitions.lastReload().errors()).as("errors in policies/assessments").isEmpty();
        assertThat(definitions.current()).isNotEmpty();
    }

    @Test
    void theDecisionTreesInPoliciesLoadWithoutErrors() {
        Path folder = Path.of("policies", "decision-trees");
        assumeTrue(Files.isDirectory(folder), "no policies/decision-trees yet");
        DecisionTrees trees = new DecisionTrees(folder, event -> { });
        trees.loadAtStart();

        assertThat(trees.lastReload().errors()).as("errors in policies/decision-trees").isEmpty();
        assertThat(trees.current()).isNotEmpty();
    }
}
