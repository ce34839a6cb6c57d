package nl.transparant.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import nl.transparant.screening.ScreeningBinding;
import nl.transparant.screening.ScreeningBindings;
import org.junit.jupiter.api.Test;

/**
 * The product's binding (policies/bindings/transparant.yaml) maps every result of the product's policies: every
 * conclusion of the AI Act tree in use, reached along every path, has a class, and every level of every assessment the
 * binding reads has a value. A new conclusion or level without a mapping fails here before it reaches a case.
 */
class ProductBindingTest {

    final AssessmentDefinitions definitions = new AssessmentDefinitions(Path.of("policies", "assessments"), event -> { });
    final DecisionTrees trees = new DecisionTrees(Path.of("policies", "decision-trees"), event -> { });

    ScreeningBindings bindings() {
        definitions.loadAtStart();
        trees.loadAtStart();
        ScreeningBindings bindings = new ScreeningBindings(Path.of("policies", "bindings"), definitions, trees, event -> { });
        assertThat(bindings.reload().errors()).as("errors in policies/bindings").isEmpty();
        return bindings;
    }

    @Test
    void theProductBindingIsTheActiveOneAndHasNoGaps() {
        ScreeningBindings bindings = bindings();
        assertThat(bindings.current().id()).isEqualTo("transparant");
        assertThat(bindings.gaps(bindings.current())).isEmpty();
        assertThat(bindings.byId("official")).as("shipped, waiting for the official files").isPresent()
                .hasValueSatisfying(official -> assertThat(official.active()).isFalse());
    }

    @Test
    void everyConclusionOfTheTreeInUseHasAClassOnEveryPath() {
        ScreeningBindings bindings = bindings();
        ScreeningBinding binding = bindings.current();
        ScreeningBindings.PathWalk walk = bindings.walkAll(binding.aiActTree().key());

        assertThat(walk.truncated()).isFalse();
        assertThat(walk.paths()).allMatch(path -> path.status() == DecisionPath.Status.CONCLUDED);
        List<String> conclusions = trees.current(binding.aiActTree().key()).orElseThrow().conclusions().stream()
                .map(DecisionTree.Conclusion::conclusionId).toList();
        assertThat(walk.paths().stream().map(path -> path.conclusion().conclusionId()).distinct())
                .containsExactlyInAnyOrderElementsOf(conclusions);
        for (DecisionPath path : walk.paths()) {
            ScreeningBinding.Classification classification = binding.classify(path.conclusion().conclusionId(), path.labels());
            assertThat(classification.aiActClass()).as("%s via %s", path.conclusion().conclusionId(), path.labels()).isNotNull();
            assertThat(classification.aiActClass()).as("the binding agrees with the class the tree's own extension names")
                    .isEqualTo(path.conclusion().extensions().get("aiActClass"));
        }
    }

    @Test
    void everyLevelOfEveryAssessmentTheBindingReadsHasAValue() {
        ScreeningBindings bindings = bindings();
        ScreeningBinding binding = bindings.current();
        AssessmentDefinition preScan = definitions.current(binding.preScan().key()).orElseThrow();
        binding.route().forEach((input, source) -> {
            if (source instanceof ScreeningBinding.FromAssessment reader) {
                AssessmentDefinition.Assessment assessment = preScan.assessments().stream()
                        .filter(a -> a.id().equals(reader.assessment())).findFirst().orElseThrow();
                assessment.levels().forEach(level -> assertThat(reader.levels()).as("%s: level %s", input, level.level())
                        .containsKey(level.level()));
                assertThat(reader.none()).as("%s without a level", input).isNotNull();
            }
        });
        assertThat(preScan.assessments()).allSatisfy(assessment -> assertThat(binding.route().values())
                .as("assessment %s feeds the route", assessment.id())
                .anyMatch(r -> r instanceof ScreeningBinding.FromAssessment a && a.assessment().equals(assessment.id())));
    }
}
