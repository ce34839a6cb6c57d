package nl.transparant.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The product's own policies load without errors through the same loader the application uses. */
class ProductPoliciesTest {

    @Test
    void theAssessmentDefinitionsInPoliciesLoadWithoutErrors() {
        Path folder = Path.of("policies", "assessments");
        // the product ships these folders; a run from elsewhere fails here rather than passing without checking anything
        assertThat(folder).as("policies/assessments, read from the project's root").isDirectory();
        AssessmentDefinitions definitions = new AssessmentDefinitions(folder, event -> { });
        definitions.loadAtStart();

        assertThat(definitions.lastReload().errors()).as("errors in policies/assessments").isEmpty();
        assertThat(definitions.current()).isNotEmpty();
    }

    @Test
    void theDecisionTreesInPoliciesLoadWithoutErrors() {
        Path folder = Path.of("policies", "decision-trees");
        assertThat(folder).as("policies/decision-trees, read from the project's root").isDirectory();
        DecisionTrees trees = new DecisionTrees(folder, event -> { });
        trees.loadAtStart();

        assertThat(trees.lastReload().errors()).as("errors in policies/decision-trees").isEmpty();
        assertThat(trees.current()).isNotEmpty();
    }
}
