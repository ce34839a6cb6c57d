package nl.transparant.assessment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.transparant.assessment.AnswerSet;
import nl.transparant.assessment.AssessmentOutcome;
import nl.transparant.assessment.AssessmentOutcome.FiredCriterion;
import nl.transparant.assessment.AssessmentOutcome.Verdict;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Answer sets with the outcomes the README's semantics give for {@code mini-prescan.yaml}: dependencies,
 * calculations in order, levels in order with their criteria.
 */
class DefinitionEvaluatorTest {

    static CompiledDefinition definition;

    @BeforeAll
    static void load() throws IOException {
        definition = DefinitionReaderTest.miniPrescan();
    }

    private static AssessmentOutcome evaluate(AnswerSet answers) {
        return DefinitionEvaluator.evaluate(definition, answers);
    }

    private static AnswerSet answers(Object... taskIdsAndAnswers) {
        Map<String, Object> answers = new LinkedHashMap<>();
        for (int i = 0; i < taskIdsAndAnswers.length; i += 2) {
            answers.put((String) taskIdsAndAnswers[i], taskIdsAndAnswers[i + 1]);
        }
        return AnswerSet.of(answers);
    }

    private static Verdict verdict(AssessmentOutcome outcome, String assessment) {
        return outcome.verdict(assessment).orElseThrow();
    }

    @Test
    void nothingAnsweredGivesNoLevelsAndTheScoresOfEmptyAnswers() {
        AssessmentOutcome outcome = evaluate(AnswerSet.empty());

        assertThat(outcome.scores()).containsExactly(Map.entry("bijzonder", 0.0), Map.entry("betrokkenen", 0.0),
                Map.entry("bewaartermijn", 0.0), Map.entry("internationaal", 0.0));
        assertThat(outcome.verdicts()).extracting(Verdict::assessmentId).containsExactly("DPIA", "DTIA", "IAMA");
        assertThat(outcome.verdicts()).noneMatch(Verdict::levelReached);
        assertThat(outcome.problems()).isEmpty();
    }

    @Test
    void theOutcomeNamesTheDefinitionVersionItUsed() {
        AssessmentOutcome outcome = evaluate(AnswerSet.empty());
        assertThat(outcome.definition()).isEqualTo(definition.definition().id());
        assertThat(outcome.definition().version()).isEqualTo("1.2");
        assertThat(outcome.definition().sha256()).hasSize(64);
    }

    @Test
    void oneCriterionThatHoldsMakesTheLevelWithItsExplanation() {
        Verdict dpia = verdict(evaluate(answers("0.3", true)), "DPIA");

        assertThat(dpia.level()).isEqualTo("required");
        assertThat(dpia.result()).isEqualTo("DPIA verplicht");
        assertThat(dpia.explanation()).isEqualTo("Een DPIA is verplicht.");
        assertThat(dpia.criteria()).containsExactly(new FiredCriterion("wetgeving", "er is sprake van nieuwe wet- of regelgeving"));
    }

    @Test
    void everyCriterionThatHoldsIsListedInTheDefinitionsOrder() {
        AssessmentOutcome outcome = evaluate(answers("3.1", List.of("Profilering"), "0.3", "true", "3.2", List.of("Evaluatie", "Monitoring")));
        assertThat(verdict(outcome, "DPIA").criteria()).extracting(FiredCriterion::id).containsExactly("wetgeving", "aplijst", "edpb2");
    }

    @Test
    void theFirstLevelThatHoldsWinsAndLaterLevelsAreNotTried() {
        assertThat(verdict(evaluate(answers("3.2", List.of("Evaluatie"))), "DPIA"))
                .extracting(Verdict::level, Verdict::result).containsExactly("recommended", "DPIA aanbevolen");
        Verdict two = verdict(evaluate(answers("3.2", List.of("Evaluatie", "Grootschalig"))), "DPIA");
        assertThat(two.level()).isEqualTo("required");
        assertThat(two.criteria()).extracting(FiredCriterion::id).containsExactly("edpb2");
    }

    @Test
    void scoresAddBooleansAsNumbersAndTheThresholdDecides() {
        AssessmentOutcome over = evaluate(answers("1.1", true, "1.2", List.of("Gezondheid"), "1.4", List.of("Kinderen"), "1.5", "Jaren"));
        assertThat(over.scores()).containsEntry("bijzonder", 1.0).containsEntry("betrokkenen", 2.0).containsEntry("bewaartermijn", 1.0);
        assertThat(verdict(over, "DPIA").criteria()).extracting(FiredCriterion::id).containsExactly("risico");

        AssessmentOutcome atThreshold = evaluate(answers("1.1", true, "1.2", List.of("Gezondheid"), "1.4", List.of("Kinderen"), "1.5", "Dagen"));
        assertThat(verdict(atThreshold, "DPIA").levelReached()).isFalse();
    }

    @Test
    void hiddenAnswersDoNotCount() {
        List<String> special = List.of("Gezondheid", "Biometrie");
        assertThat(evaluate(answers("1.1", true, "1.2", special)).scores()).containsEntry("bijzonder", 2.0);
        assertThat(evaluate(answers("1.1", false, "1.2", special)).scores()).containsEntry("bijzonder", 0.0);
        assertThat(evaluate(answers("1.2", special)).scores()).as("the showing condition is unanswered").containsEntry("bijzonder", 0.0);
    }

    @Test
    void weightedCountMapSumsTheWeightsOfTheSelectedOptions() {
        assertThat(evaluate(answers("1.4", List.of("Medewerkers", "Burgers"))).scores()).containsEntry("betrokkenen", 0.0);
        assertThat(evaluate(answers("1.4", List.of("Medewerkers", "Kinderen"))).scores()).containsEntry("betrokkenen", 2.0);
    }

    @Test
    void aLevelWithoutCriteriaSeesItsExpressionOnly() {
        AssessmentOutcome outcome = evaluate(answers("1.1", true, "3.1", List.of("Cameratoezicht", "Profilering")));
        assertThat(verdict(outcome, "IAMA")).extracting(Verdict::level, Verdict::result, Verdict::criteria)
                .containsExactly("recommended", "IAMA aanbevolen", List.of());
        assertThat(verdict(evaluate(answers("1.1", false, "3.1", List.of("Profilering"))), "IAMA").levelReached()).isFalse();
    }

    @Test
    void repeatableGroupsAreReadFromTheirFirstInstanceAndDependenciesPerInstance() {
        AnswerSet firstAbroad = AnswerSet.empty().withInstances("2", List.of(
                answers("2.1", "Salaris", "2.2", true, "2.3", "VS"),
                answers("2.1", "Declaraties", "2.2", false)));
        AssessmentOutcome outcome = evaluate(firstAbroad);
        assertThat(outcome.scores()).containsEntry("internationaal", 2.0);
        assertThat(verdict(outcome, "DTIA").level()).isEqualTo("required");

        AnswerSet firstAtHome = AnswerSet.empty().withInstances("2", List.of(
                answers("2.1", "Declaraties", "2.2", false, "2.3", "VS"),
                answers("2.1", "Salaris", "2.2", true, "2.3", "VS")));
        AssessmentOutcome atHome = evaluate(firstAtHome);
        assertThat(atHome.scores()).containsEntry("internationaal", 0.0);
        assertThat(verdict(atHome, "DTIA").levelReached()).as("2.3 is hidden in the first instance").isFalse();

        AnswerSet canada = AnswerSet.empty().withInstances("2", List.of(answers("2.2", true, "2.3", "Canada")));
        assertThat(evaluate(canada).scores()).containsEntry("internationaal", 1.0);
    }

    @Test
    void conditionsShowAndHideAsDeclared() {
        assertThat(answer(answers("1.1", true, "1.2", List.of("Overige"), "1.3", "Strafblad"), "1.3"))
                .as("contains with the value's own quotes removed").isEqualTo("Strafblad");
        assertThat(answer(answers("1.1", true, "1.2", List.of("Gezondheid"), "1.3", "Strafblad"), "1.3")).isNull();
        assertThat(answer(answers("1.1", false, "1.2", List.of("Overige"), "1.3", "Strafblad"), "1.3"))
                .as("hiding cascades: 1.2 is hidden, so its answer does not make 1.3 visible").isNull();

        assertThat(answer(answers("1.1", true, "1.7", "reden"), "1.7")).as("hide when the condition holds").isNull();
        assertThat(answer(answers("1.1", false, "1.7", "reden"), "1.7")).isEqualTo("reden");
        assertThat(answer(answers("1.7", "reden"), "1.7")).isEqualTo("reden");

        assertThat(answer(answers("3.2", List.of(), "3.3", "x"), "3.3")).as("any: nothing selected").isNull();
        assertThat(answer(answers("3.2", List.of("Monitoring"), "3.3", "x"), "3.3")).isEqualTo("x");

        assertThat(answer(answers("3.2", List.of("Evaluatie", "Monitoring"), "3.4", "y"), "3.4")).as("all: one option missing").isNull();
        assertThat(answer(answers("3.2", List.of("Grootschalig", "Evaluatie", "Monitoring"), "3.4", "y"), "3.4")).isEqualTo("y");
    }

    @Test
    void aRepeatableTaskThatIsNoGroupAnswersWithItsFirstInstance() {
        AnswerSet answers = AnswerSet.empty().withInstances("2", List.of(answers("2.4", List.of("Bank", "Zorgverzekeraar"))));
        assertThat(new AnswerResolver(definition, answers).answer("2.4")).isEqualTo("Bank");
    }

    @Test
    void answersTheDefinitionCannotPlaceAreIgnoredAndSaidSo() {
        AnswerSet answers = answers("9.9", "x", "2.1", "op de verkeerde plek").withInstances("1.1", List.of(AnswerSet.empty()));
        assertThat(evaluate(answers).problems()).extracting(AssessmentOutcome.EvaluationProblem::message).containsExactlyInAnyOrder(
                "there is no task '9.9'; its answer is ignored",
                "task 2.1 belongs to repeatable group 2; its answer here is ignored",
                "'1.1' is not a repeatable group here; its instances are ignored");
    }

    @Test
    void expressionsThatFailAtRunTimeAreReportedNotReadAsFalse() {
        CompiledDefinition failing = DefinitionReader.read(PolicyFile.of("failing.yaml", """
                name: Faalt
                description: Expressies die falen zoals jexl faalt.
                urn: urn:nl:faalt
                version: "1"
                tasks:
                  - task: Vraag
                    id: "1"
                    type: [open_text]
                    repeatable: false
                    calculation:
                      scoreKey: s
                      expression: "answers('1')['x']"
                      riskScore: [{when: "true", value: 1}]
                assessments:
                  - id: A
                    levels:
                      - level: required
                        expression: "criteria.goed"
                        result: verplicht
                        criteria:
                          - {id: fout, expression: "scores['s'].x['y']", explanation: faalt}
                          - {id: goed, expression: "true", explanation: lukt}
                  - id: B
                    levels:
                      - {level: required, expression: "criteriaCheck(scores.s)", result: verplicht}
                      - {level: recommended, expression: "true", result: aanbevolen}
                """)).policy();

        AssessmentOutcome outcome = DefinitionEvaluator.evaluate(failing, AnswerSet.empty());

        assertThat(outcome.scores()).as("the failed calculation sets no score").isEmpty();
        assertThat(verdict(outcome, "A").criteria()).extracting(FiredCriterion::id).containsExactly("goed");
        assertThat(verdict(outcome, "B").levelReached()).as("a failed level expression leaves the assessment without a level").isFalse();
        assertThat(outcome.problems()).extracting(AssessmentOutcome.EvaluationProblem::location).containsExactly(
                "task 1, calculation", "assessment A, level required, criterion fout", "assessment B, level required");
        assertThat(outcome.problems().get(0).message()).contains("cannot read property 'x' of null");
    }

    @Test
    void theAnswersThatCountLeaveOutHiddenTasksInstanceByInstanceAndWhatCannotBePlaced() {
        CompiledDefinition register = DefinitionReader.read(PolicyFile.of("register.yaml", """
                name: Register
                description: Een herhaalbare groep met een vraag die alleen bij ja verschijnt.
                urn: urn:nl:register
                version: "1"
                tasks:
                  - task: Risico
                    id: "1"
                    type: [task_group]
                    repeatable: true
                    tasks:
                      - task: Speelt het?
                        id: "1.1"
                        type: [radio_option]
                        repeatable: false
                        options: [{value: ja, label: Ja}, {value: nee, label: Nee}]
                      - task: Toelichting
                        id: "1.2"
                        type: [open_text]
                        repeatable: false
                        dependencies:
                          - {type: conditional, condition: {id: "1.1", operator: equals, value: ja}, action: show}
                  - task: Doorgifte?
                    id: "2"
                    type: [radio_option]
                    repeatable: false
                    options: [{value: true, label: Ja}, {value: false, label: Nee}]
                  - task: Waarheen?
                    id: "3"
                    type: [open_text]
                    repeatable: false
                    dependencies:
                      - {type: conditional, condition: {id: "2", operator: equals, value: true}, action: show}
                assessments: []
                """)).policy();
        AnswerSet given = answers("2", false, "3", "verborgen", "9", "onbekend").withInstances("1", List.of(
                answers("1.1", "ja", "1.2", "getoond"), answers("1.1", "nee", "1.2", "verborgen in dit exemplaar")));

        AnswerSet counting = DefinitionEvaluator.answersThatCount(register, given);

        assertThat(counting.answers()).containsExactly(Map.entry("2", false));
        assertThat(counting.groups().get("1")).extracting(AnswerSet::answers).containsExactly(
                Map.of("1.1", "ja", "1.2", "getoond"), Map.of("1.1", "nee"));
    }

    private static Object answer(AnswerSet answers, String taskId) {
        return new AnswerResolver(definition, answers).answer(taskId);
    }
}
