package nl.transparant.assessment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import nl.transparant.assessment.AssessmentDefinition;
import nl.transparant.assessment.AssessmentDefinition.TaskType;
import nl.transparant.assessment.PolicyProblem;
import org.junit.jupiter.api.Test;

/** Structure checks, expression compilation and cross-references when a definition file is read. */
class DefinitionReaderTest {

    static final String MINI_PRESCAN = "/assessment/definitions/mini-prescan.yaml";

    static PolicyFile resource(String path) throws IOException {
        try (InputStream in = DefinitionReaderTest.class.getResourceAsStream(path)) {
            String content = new String(Objects.requireNonNull(in, path).readAllBytes(), StandardCharsets.UTF_8);
            return PolicyFile.of(path.substring(path.lastIndexOf('/') + 1), content);
        }
    }

    static CompiledDefinition miniPrescan() throws IOException {
        PolicyFolder.Loaded<CompiledDefinition> loaded = DefinitionReader.read(resource(MINI_PRESCAN));
        assertThat(loaded.problems()).isEmpty();
        return loaded.policy();
    }

    private static final String HEADER = """
            name: Test
            description: Een test.
            urn: urn:nl:test
            version: "1"
            """;

    private static final String ONE_TASK = HEADER + """
            tasks:
              - task: Vraag
                id: "1"
                type: [radio_option]
                repeatable: false
                options: [{value: true}, {value: false}]
            """;

    private static PolicyFolder.Loaded<CompiledDefinition> read(String yaml) {
        return DefinitionReader.read(PolicyFile.of("test.yaml", yaml));
    }

    private static List<PolicyProblem> errors(String yaml) {
        PolicyFolder.Loaded<CompiledDefinition> loaded = read(yaml);
        List<PolicyProblem> errors = loaded.problems().stream().filter(PolicyProblem::isError).toList();
        assertThat(errors).as("errors of a definition that must be refused").isNotEmpty();
        assertThat(loaded.policy()).isNull();
        return errors;
    }

    private static List<PolicyProblem> warnings(String yaml) {
        PolicyFolder.Loaded<CompiledDefinition> loaded = read(yaml);
        assertThat(loaded.problems()).noneMatch(PolicyProblem::isError);
        assertThat(loaded.policy()).as("a definition with warnings still loads").isNotNull();
        return loaded.problems();
    }

    @Test
    void readsEveryPartOfAValidDefinition() throws IOException {
        AssessmentDefinition definition = miniPrescan().definition();

        assertThat(definition.urn()).isEqualTo("urn:nl:miniprescan");
        assertThat(definition.version()).isEqualTo("1.2");
        assertThat(definition.id().sha256()).hasSize(64).isEqualTo(resource(MINI_PRESCAN).sha256());
        assertThat(definition.allTasks()).flatExtracting(AssessmentDefinition.Task::types)
                .contains(TaskType.values());
        AssessmentDefinition.Task group = definition.task("2").orElseThrow();
        assertThat(group.isRepeatableGroup()).isTrue();
        assertThat(group.instanceLabelTemplate()).isEqualTo("Verwerking {2.1}");
        assertThat(definition.task("1.2").orElseThrow().calculation().riskScore()).hasSize(3);
        assertThat(definition.task("1.3").orElseThrow().dependencies().get(0).condition().value()).isEqualTo("'Overige'");
        assertThat(definition.task("0.2").orElseThrow().sources()).extracting(AssessmentDefinition.Source::source)
                .containsExactly("overzicht.png");
        assertThat(definition.assessments()).extracting(AssessmentDefinition.Assessment::id).containsExactly("DPIA", "DTIA", "IAMA");
        assertThat(definition.assessments().get(0).levels().get(0).criteria()).hasSize(4);
    }

    @Test
    void theSameBytesGiveTheSameHashAndAnyChangeAnother() throws IOException {
        PolicyFile original = resource(MINI_PRESCAN);
        String changed = new String(original.bytes(), StandardCharsets.UTF_8).replace("> 3\"", "> 2\"");
        assertThat(PolicyFile.of("x.yaml", new String(original.bytes(), StandardCharsets.UTF_8)).sha256()).isEqualTo(original.sha256());
        assertThat(PolicyFile.of("x.yaml", changed).sha256()).isNotEqualTo(original.sha256());
    }

    @Test
    void anUnknownFunctionIsRefusedWithFileTaskPathAndPosition() {
        List<PolicyProblem> errors = errors(ONE_TASK + """
                    calculation:
                      scoreKey: s
                      expression: "answer('1') | count"
                      riskScore: [{when: "s > 0", value: 1}]
                """);

        PolicyProblem error = errors.get(0);
        assertThat(error.file()).isEqualTo("test.yaml");
        assertThat(error.subject()).isEqualTo("task 1");
        assertThat(error.path()).isEqualTo("tasks[0].calculation.expression");
        assertThat(error.message()).contains("unknown function 'answer'", "position 0", "`answer('1') | count`");
        assertThat(error.toString()).startsWith("ERROR test.yaml, task 1 (tasks[0].calculation.expression): unknown function 'answer'");
    }

    @Test
    void anUnknownTransformIsRefused() {
        assertThat(errors(ONE_TASK + """
                    calculation:
                      scoreKey: s
                      expression: "answers('1') | cnt"
                      riskScore: [{when: "s > 0", value: 1}]
                """)).extracting(PolicyProblem::message).anyMatch(m -> m.contains("unknown transform 'cnt'"));
    }

    @Test
    void aSyntaxErrorInACriterionNamesTheAssessmentLevelAndCriterion() {
        PolicyProblem error = errors(ONE_TASK + """
                assessments:
                  - id: DPIA
                    levels:
                      - level: required
                        expression: "criteria.wet"
                        result: verplicht
                        criteria:
                          - id: wet
                            expression: "bool(answers('1')) ? 1 : 0"
                            explanation: uitleg
                """).get(0);

        assertThat(error.subject()).isEqualTo("assessment DPIA, level required, criterion wet");
        assertThat(error.path()).isEqualTo("assessments[0].levels[0].criteria[0].expression");
        assertThat(error.message()).contains("unexpected '?'", "position 19", "== true ? a : b");
    }

    @Test
    void missingRequiredFieldsAreAllReportedAtOnce() {
        List<PolicyProblem> errors = errors(HEADER + """
                tasks:
                  - id: "1"
                    type: [open_text]
                  - task: Tweede
                    id: "2"
                    repeatable: false
                """);
        assertThat(errors).extracting(PolicyProblem::message).contains("'task' is required",
                "'repeatable' is required (true or false)", "'type' is required");
        assertThat(errors).extracting(PolicyProblem::subject).contains("task 1", "task 2");
    }

    @Test
    void refusesUnknownTaskTypesAndASelectWithoutOptions() {
        assertThat(errors(HEADER + """
                tasks:
                  - task: Schuif
                    id: "1"
                    type: [slider]
                    repeatable: false
                  - task: Kies
                    id: "2"
                    type: [select_option]
                    repeatable: false
                """)).extracting(PolicyProblem::message)
                .anyMatch(m -> m.startsWith("unknown task type 'slider'"))
                .contains("a select_option task needs 'options'");
    }

    @Test
    void theVersionMustBeAQuotedVersionText() {
        assertThat(errors(ONE_TASK.replace("version: \"1\"", "version: 2.10"))).extracting(PolicyProblem::message)
                .anyMatch(m -> m.contains("put it in quotes"));
        assertThat(errors(ONE_TASK.replace("version: \"1\"", "version: \"v2\""))).extracting(PolicyProblem::message)
                .anyMatch(m -> m.contains("'v2' is not a version"));
        assertThat(errors(ONE_TASK.replace("version: \"1\"\n", ""))).extracting(PolicyProblem::path).contains("version");
    }

    @Test
    void aUrnOutsideTheSchemasPatternIsAWarningAndNoUrnAtAllAnError() {
        assertThat(warnings(ONE_TASK.replace("urn:nl:test", "urn:nl:prescan:2.0"))).extracting(PolicyProblem::path).contains("urn");
        assertThat(errors(ONE_TASK.replace("urn:nl:test", "prescan"))).extracting(PolicyProblem::message)
                .anyMatch(m -> m.contains("is not a URN"));
    }

    @Test
    void aDependencyOnATaskThatDoesNotExistIsRefused() {
        PolicyProblem error = errors(HEADER + """
                tasks:
                  - task: Vraag
                    id: "1"
                    type: [open_text]
                    repeatable: false
                    dependencies:
                      - type: conditional
                        condition: {id: "9.9", operator: equals, value: true}
                        action: show
                """).get(0);
        assertThat(error.subject()).isEqualTo("task 1");
        assertThat(error.path()).isEqualTo("tasks[0].dependencies[0].condition.id");
        assertThat(error.message()).isEqualTo("there is no task '9.9'");
    }

    @Test
    void dependenciesThatGoRoundInACircleAreRefused() {
        assertThat(errors(HEADER + """
                tasks:
                  - task: Een
                    id: "1"
                    type: [open_text]
                    repeatable: false
                    dependencies:
                      - {type: conditional, condition: {id: "2", operator: any}, action: show}
                  - task: Twee
                    id: "2"
                    type: [open_text]
                    repeatable: false
                    dependencies:
                      - {type: conditional, condition: {id: "1", operator: any}, action: show}
                """)).extracting(PolicyProblem::message).anyMatch(m -> m.startsWith("dependencies go round in a circle: 1 → 2 → 1"));
    }

    @Test
    void refusesDuplicateIdsBadOperatorsAndActions() {
        assertThat(errors(HEADER + """
                tasks:
                  - task: Een
                    id: "1"
                    type: [open_text]
                    repeatable: false
                    dependencies:
                      - {type: conditional, condition: {id: "1.1", operator: matches, value: x}, action: reveal}
                    tasks:
                      - {task: Twee, id: "1.1", type: [open_text], repeatable: false}
                      - {task: Nog eens, id: "1.1", type: [open_text], repeatable: false}
                """)).extracting(PolicyProblem::message).contains("task id '1.1' is used twice")
                .anyMatch(m -> m.startsWith("unknown operator 'matches'"))
                .anyMatch(m -> m.startsWith("unknown action 'reveal'"));
    }

    @Test
    void riskScoreStepsNeedAScoreKeyAndLevelsAKnownName() {
        assertThat(errors(ONE_TASK + """
                    calculation:
                      expression: "answers('1')"
                      riskScore: [{when: "true", value: 1}]
                assessments:
                  - id: A
                    levels:
                      - {level: mandatory, expression: "true", result: moet}
                """)).extracting(PolicyProblem::message)
                .contains("'scoreKey' is required: the riskScore steps read the value by that name")
                .anyMatch(m -> m.startsWith("unknown level 'mandatory'"));
    }

    @Test
    void unreadableFilesAreRefusedWithLineAndColumn() {
        assertThat(errors("name: [unclosed\n")).extracting(PolicyProblem::message).anyMatch(m -> m.startsWith("not valid YAML")
                && m.contains("line"));
        assertThat(errors(HEADER + "name: twice\ntasks: []\n")).extracting(PolicyProblem::message)
                .anyMatch(m -> m.contains("duplicate key"));
        assertThat(errors("- a\n- b\n")).extracting(PolicyProblem::message)
                .anyMatch(m -> m.startsWith("the file must hold a mapping"));
        assertThat(DefinitionReader.read(PolicyFile.of("x.json", "{\"name\": ")).problems()).extracting(PolicyProblem::message)
                .anyMatch(m -> m.startsWith("not valid JSON"));
    }

    @Test
    void slipsThatJexlToleratesLoadWithWarnings() {
        List<PolicyProblem> warnings = warnings(ONE_TASK + """
                    calculaton: {}
                    calculation:
                      scoreKey: s
                      expression: "answers('7.7') | count"
                      riskScore: [{when: "s > limit", value: 1}]
                assessments:
                  - id: A
                    levels:
                      - level: required
                        expression: "criteria.wet || criteria.typo"
                        result: moet
                        criteria:
                          - {id: wet, expression: "scores.nope > 1 || foo", explanation: x}
                """);

        assertThat(warnings).extracting(PolicyProblem::message).contains(
                "unknown key 'calculaton' in a task (ignored; did you mean 'calculation'?)",
                "answers('7.7'): there is no task '7.7', so this reads null",
                "'limit' is not available in a riskScore step (available: s); jexl reads it as undefined",
                "scores.nope is never set: no calculation with riskScore steps has scoreKey 'nope'",
                "'foo' is not available in a criterion (available: scores); jexl reads it as undefined",
                "criteria.typo is not a criterion of this level; it is always undefined");
    }

    @Test
    void translationsNextToATextAreKeptNotWarnedAbout() {
        PolicyFolder.Loaded<CompiledDefinition> loaded = read(HEADER + """
                name_en: Test
                tasks:
                  - task: Vraag
                    task_en: Question
                    id: "1"
                    type: [radio_option]
                    repeatable: false
                    options: [{value: true, label: Ja, label_en: "Yes"}]
                """);

        assertThat(loaded.problems()).isEmpty();
        AssessmentDefinition definition = loaded.policy().definition();
        assertThat(definition.translations()).containsEntry("name_en", "Test");
        AssessmentDefinition.Task task = definition.task("1").orElseThrow();
        assertThat(task.translations()).containsExactly(java.util.Map.entry("task_en", "Question"));
        assertThat(task.options().get(0).translations()).containsEntry("label_en", "Yes");
    }

    @Test
    void keysTheFormatDoesNotDefineTravelAsExtensionsUnlessTheyLookLikeAMistake() {
        PolicyFolder.Loaded<CompiledDefinition> loaded = read(HEADER + """
                review_route: {ai: "bool(answers('1'))"}
                tasks:
                  - task: Vraag
                    id: "1"
                    type: [open_text]
                    repeatable: false
                    fria: true
                    dependancies: []
                    dependencies:
                      - type: conditional
                        condition: {id: "2", operator: equals, value: true}
                        action: show
                        calculation: {scoreKey: s, expression: "1"}
                  - {task: Twee, id: "2", type: [open_text], repeatable: false}
                """);

        assertThat(loaded.problems()).extracting(PolicyProblem::message).containsExactlyInAnyOrder(
                "unknown key 'dependancies' in a task (ignored; did you mean 'dependencies'?)",
                "'calculation' does not belong in a dependency (ignored)");
        AssessmentDefinition definition = loaded.policy().definition();
        assertThat(definition.extensions()).containsOnlyKeys("review_route");
        assertThat(definition.task("1").orElseThrow().extensions()).containsExactly(java.util.Map.entry("fria", true));
    }

    @Test
    void aCalculationWithoutRiskScoreStepsIsAWarningBecauseItSetsNothing() {
        assertThat(warnings(ONE_TASK + """
                    calculation:
                      scoreKey: s
                      expression: "answers('1')"
                """)).extracting(PolicyProblem::message).contains("no riskScore steps: the expression is evaluated but sets no score");
    }

    /** The structure is the JSON Schema's to check; its findings read like the loader's own, with the place in the file. */
    @Test
    void theSchemasFindingsNameThePartAndThePathInTheLoadersWords() {
        List<PolicyProblem> errors = errors(HEADER + """
                tasks:
                  - task: Vraag
                    id: "1"
                    type: [open_text]
                    repeatable: "nee"
                    is_official_id: 3
                    dependencies:
                      - {type: hide_when, condition: {id: "1", operator: any, value: [a]}, mapping_type: many}
                    calculation:
                      expression: "1"
                      riskScore: [{when: "true", value: hoog}]
                    options: [{label: geen waarde}, 7]
                assessments:
                  - id: A
                    levels:
                      - {level: required, expression: "true", result: moet, criteria: [{id: c, expression: "true"}]}
                """);
        assertThat(errors).extracting(PolicyProblem::subject, PolicyProblem::path, PolicyProblem::message).contains(
                org.assertj.core.groups.Tuple.tuple("task 1", "tasks[0].repeatable", "'repeatable' must be true or false, not the text 'nee'"),
                org.assertj.core.groups.Tuple.tuple("task 1", "tasks[0].is_official_id", "'is_official_id' must be true or false, not 3"),
                org.assertj.core.groups.Tuple.tuple("task 1", "tasks[0].dependencies[0].type",
                        "unknown dependency type 'hide_when' (known: conditional, source_options, instance_mapping)"),
                org.assertj.core.groups.Tuple.tuple("task 1", "tasks[0].dependencies[0].mapping_type",
                        "unknown mapping_type 'many' (known: one_to_one, one_to_many, many_to_one)"),
                org.assertj.core.groups.Tuple.tuple("task 1", "tasks[0].calculation.riskScore[0].value",
                        "'value' must be a number, not the text 'hoog'"),
                org.assertj.core.groups.Tuple.tuple("task 1", "tasks[0].options[0].value", "each option needs a 'value'"),
                org.assertj.core.groups.Tuple.tuple("assessment A, level required, criterion c",
                        "assessments[0].levels[0].criteria[0].explanation", "'explanation' is required"));
        assertThat(errors).extracting(PolicyProblem::path, PolicyProblem::message).contains(
                org.assertj.core.groups.Tuple.tuple("tasks[0].dependencies[0].condition.value",
                        "'value' must be a text, true or false, a number or nothing, not a list"),
                org.assertj.core.groups.Tuple.tuple("tasks[0].options[1]",
                        "each element of 'options' must be a mapping of keys to values, not 7"));
    }

    @Test
    void aTaskTypeWrittenAsOneTextLoadsWithAWarning() {
        assertThat(warnings(ONE_TASK.replace("type: [radio_option]", "type: radio_option"))).extracting(PolicyProblem::path,
                PolicyProblem::message).containsExactly(org.assertj.core.groups.Tuple.tuple("tasks[0].type",
                        "'type' should be a list, such as [radio_option]"));
    }
}
