package nl.transparant.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import nl.transparant.problems.NotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The folder of definitions as a policy owner edits it: a changed threshold decides the next case without a
 * rebuild, a broken file keeps its last good version in service, and every version stays traceable.
 */
class AssessmentDefinitionsTest {

    @TempDir
    Path folder;

    final List<Object> events = new ArrayList<>();
    AssessmentDefinitions definitions;
    AssessmentEngine engine;
    String original;

    @BeforeEach
    void setUp() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/assessment/definitions/mini-prescan.yaml")) {
            original = new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8);
        }
        write("mini-prescan.yaml", original);
        definitions = new AssessmentDefinitions(folder, events::add);
        definitions.loadAtStart();
        engine = new AssessmentEngine(definitions);
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static final AnswerSet SCORE_OF_THREE = AnswerSet.of(Map.of("1.1", true, "1.2", List.of("Gezondheid"),
            "1.4", List.of("Kinderen"), "1.5", "Dagen"));

    @Test
    void servesTheDefinitionsOfTheFolderByUrn() {
        assertThat(definitions.current()).extracting(AssessmentDefinition::urn).containsExactly("urn:nl:miniprescan");
        assertThat(definitions.current("urn:nl:miniprescan")).isPresent();
        assertThat(definitions.lastReload().served()).singleElement().asString().startsWith("urn:nl:miniprescan 1.2 (sha256 ");
        assertThat(definitions.lastReload().hasErrors()).isFalse();
    }

    @Test
    void aChangedThresholdDecidesTheNextEvaluationAfterAReload() throws IOException {
        assertThat(engine.evaluate("urn:nl:miniprescan", SCORE_OF_THREE).verdict("DPIA").orElseThrow().levelReached()).isFalse();

        write("mini-prescan.yaml", original.replace(") > 3\"", ") > 2\"").replace("version: \"1.2\"", "version: \"1.3\""));
        ReloadReport report = definitions.reload();

        assertThat(report.hasErrors()).isFalse();
        AssessmentOutcome outcome = engine.evaluate("urn:nl:miniprescan", SCORE_OF_THREE);
        assertThat(outcome.verdict("DPIA").orElseThrow().level()).isEqualTo("required");
        assertThat(outcome.definition().version()).isEqualTo("1.3");
        assertThat(events).singleElement().isInstanceOf(PoliciesReloaded.class);
    }

    @Test
    void aBrokenFileKeepsItsLastGoodVersionInServiceAndSaysWhy() throws IOException {
        DefinitionId good = definitions.current("urn:nl:miniprescan").orElseThrow().id();

        write("mini-prescan.yaml", original.replace("answers('1.2') | count", "answer('1.2') | count"));
        ReloadReport report = definitions.reload();

        assertThat(report.errors()).singleElement().satisfies(error -> {
            assertThat(error.file()).isEqualTo("mini-prescan.yaml");
            assertThat(error.subject()).isEqualTo("task 1.2");
            assertThat(error.message()).contains("unknown function 'answer'");
        });
        assertThat(report.keptPrevious()).singleElement().asString().contains(good.sha256().substring(0, 12), "mini-prescan.yaml");
        assertThat(definitions.current("urn:nl:miniprescan").orElseThrow().id()).isEqualTo(good);
        assertThat(((PoliciesReloaded) events.get(0)).errors()).isEqualTo(1);
    }

    @Test
    void everyVersionServedStaysAvailableByItsId() throws IOException {
        DefinitionId first = definitions.current("urn:nl:miniprescan").orElseThrow().id();
        write("mini-prescan.yaml", original.replace(") > 3\"", ") > 2\""));
        definitions.reload();
        DefinitionId second = definitions.current("urn:nl:miniprescan").orElseThrow().id();

        assertThat(second.version()).as("the author forgot to raise the version").isEqualTo(first.version());
        assertThat(second.sha256()).isNotEqualTo(first.sha256());
        assertThat(engine.evaluate(first, SCORE_OF_THREE).verdict("DPIA").orElseThrow().levelReached()).isFalse();
        assertThat(engine.evaluate(second, SCORE_OF_THREE).verdict("DPIA").orElseThrow().levelReached()).isTrue();
        assertThat(definitions.find(first)).isPresent();
    }

    @Test
    void aRemovedFileIsNoLongerServedAndANewBrokenOneNeverIs() throws IOException {
        Files.delete(folder.resolve("mini-prescan.yaml"));
        write("broken.yaml", "name: kapot\n");
        ReloadReport report = definitions.reload();

        assertThat(definitions.current()).isEmpty();
        assertThat(report.keptPrevious()).isEmpty();
        assertThat(report.errors()).extracting(PolicyProblem::file).containsOnly("broken.yaml");
        assertThatThrownBy(() -> engine.evaluate("urn:nl:miniprescan", AnswerSet.empty())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void twoFilesWithTheSameUrnAndVersionAreRefusedWithFilePositionAndReason() throws IOException {
        String served = definitions.current("urn:nl:miniprescan").orElseThrow().id().sha256();
        // "mini-prescan-copy.yaml" sorts before "mini-prescan.yaml": the name order must not pick a winner.
        for (String copy : java.util.List.of("mini-prescan-copy.yaml", "z-copy.yaml")) {
            write(copy, original.replace("DPIA", "DPIA2"));
            ReloadReport report = definitions.reload();

            assertThat(definitions.current("urn:nl:miniprescan").orElseThrow().id().sha256())
                    .as("the last good version keeps serving").isEqualTo(served);
            assertThat(definitions.current("urn:nl:miniprescan").orElseThrow().sourceFile()).isEqualTo("mini-prescan.yaml");
            for (String file : java.util.List.of(copy, "mini-prescan.yaml")) {
                PolicyProblem refused = report.errors().stream().filter(p -> p.file().equals(file)).findFirst().orElseThrow();
                assertThat(refused.path()).isEqualTo("urn, version");
                assertThat(refused.message()).contains("'urn:nl:miniprescan version 1.2'").contains(copy).contains("mini-prescan.yaml");
            }
            Files.delete(folder.resolve(copy));
            assertThat(definitions.reload().hasErrors()).isFalse();
        }
    }

    @Test
    void twoFilesWithTheSameUrnAndVersionAndNoneServedBeforeAreNeitherServed() throws IOException {
        String other = original.replace("urn:nl:miniprescan", "urn:nl:other");
        write("a-other.yaml", other);
        write("b-other.yaml", other.replace("DPIA", "DPIA2"));
        ReloadReport report = definitions.reload();

        assertThat(definitions.current("urn:nl:other")).isEmpty();
        assertThat(report.errors()).extracting(PolicyProblem::file).contains("a-other.yaml", "b-other.yaml");
    }

    @Test
    void twoVersionsOfOneUrnAreServedSideBySideAndNewCasesGetTheHighest() throws IOException {
        DefinitionId older = definitions.current("urn:nl:miniprescan").orElseThrow().id();
        write("z-newer.yaml", original.replace("version: \"1.2\"", "version: \"1.10\""));
        ReloadReport report = definitions.reload();

        assertThat(report.hasErrors()).isFalse();
        assertThat(definitions.current("urn:nl:miniprescan").orElseThrow().version()).isEqualTo("1.10");
        assertThat(definitions.find(older)).as("the older version stays for the cases that use it").isPresent();
    }

    @Test
    void aMissingFolderMeansNoDefinitionsRatherThanAFailure() {
        AssessmentDefinitions none = new AssessmentDefinitions(folder.resolve("absent"), events::add);
        none.loadAtStart();
        assertThat(none.current()).isEmpty();
        assertThat(none.lastReload().hasErrors()).isFalse();
        assertThat(none.lastReload().problems()).singleElement().extracting(PolicyProblem::severity).isEqualTo(PolicyProblem.Severity.WARNING);
    }
}
