package nl.transparant.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import nl.transparant.assessment.DecisionPath.Status;
import nl.transparant.problems.InvalidInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trees in the shape of the government's AI Act decision aid: loading, checking and walking every path. */
class DecisionTreesTest {

    final List<Object> events = new ArrayList<>();
    DecisionTrees trees;

    @TempDir
    Path folder;

    @BeforeEach
    void setUp() throws URISyntaxException {
        Path resources = Path.of(Objects.requireNonNull(getClass().getResource("/assessment/decision-trees")).toURI());
        trees = new DecisionTrees(resources, events::add);
        trees.loadAtStart();
    }

    private DecisionPath walk(Map<String, String> answers) {
        return trees.walk("mini-ai-act", answers);
    }

    @Test
    void loadsTheTreeByItsFileName() {
        assertThat(trees.lastReload().problems()).isEmpty();
        DecisionTree tree = trees.current("mini-ai-act").orElseThrow();
        assertThat(tree.name()).isEqualTo("Mini AI-verordening");
        assertThat(tree.id().version()).isEqualTo("1.0.0");
        assertThat(tree.questions()).hasSize(4);
        assertThat(tree.question("2").orElseThrow().sources()).hasSize(1);
        assertThat(tree.question("1").orElseThrow().translations()).containsEntry("question_en", "Does the application contain an algorithm?");
    }

    @Test
    void noAlgorithmEndsAtOnce() {
        DecisionPath path = walk(Map.of("1", "Nee"));
        assertThat(path.status()).isEqualTo(Status.CONCLUDED);
        assertThat(path.conclusion().conclusionId()).isEqualTo("geen-algoritme");
        assertThat(path.labels()).containsExactly("geen algoritme");
        assertThat(path.steps()).extracting(DecisionPath.Step::questionId).containsExactly("1");
    }

    @Test
    void aProhibitedPracticeStopsTheCase() {
        DecisionPath path = walk(Map.of("1", "Ja", "2", "We kopen het in", "3", "Ja"));
        assertThat(path.conclusion().conclusionId()).isEqualTo("verboden");
        assertThat(path.conclusion().obligation()).isEqualTo("Niet in gebruik nemen (artikel 5).");
        assertThat(path.labels()).containsExactly("gebruiksverantwoordelijke", "verboden");
    }

    @Test
    void theFirstRedirectWhoseConditionHoldsOnTheLabelsDecides() {
        assertThat(walk(Map.of("1", "Ja", "2", "We ontwikkelen het zelf", "3", "Nee")).conclusion().conclusionId())
                .isEqualTo("hoog-risico-aanbieder");
        DecisionPath deployer = walk(Map.of("1", "Ja", "2", "We kopen het in", "3", "Nee", "4", "Ja"));
        assertThat(deployer.conclusion().conclusionId()).isEqualTo("hoog-risico");
        assertThat(deployer.steps()).extracting(DecisionPath.Step::questionId).containsExactly("1", "2", "3", "4");
        assertThat(deployer.labels()).containsExactly("gebruiksverantwoordelijke", "profilering");
        assertThat(walk(Map.of("1", "Ja", "2", "We kopen het in", "3", "Nee", "4", "Nee")).conclusion().conclusionId())
                .isEqualTo("minimaal");
    }

    @Test
    void withoutARedirectThatHoldsTheAnswersOwnNextStepApplies() {
        assertThat(walk(Map.of("1", "Ja", "2", "We verkopen het door", "3", "Nee")).conclusion().conclusionId())
                .isEqualTo("buiten-scope");
    }

    @Test
    void anUnfinishedWalkNamesTheNextQuestionAndIgnoresAnswersOffThePath() {
        DecisionPath path = walk(Map.of("1", "Ja", "4", "Ja"));
        assertThat(path.status()).isEqualTo(Status.AWAITING_ANSWER);
        assertThat(path.nextQuestionId()).isEqualTo("2");
        assertThat(path.conclusion()).isNull();
    }

    @Test
    void anAnswerThatIsNotOneOfTheQuestionsIsRefused() {
        assertThatThrownBy(() -> walk(Map.of("1", "Misschien"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'Misschien' is geen antwoord op vraag 1 (antwoorden: Ja | Nee)")
                .satisfies(e -> assertThat(((InvalidInputException) e).detail(java.util.Locale.ENGLISH))
                        .isEqualTo("'Misschien' is not an answer to question 1 (answers: Ja | Nee)."));
    }

    @Test
    void aPathWithoutAWayOnIsADeadEndNotAGuess() throws IOException {
        Files.writeString(folder.resolve("stuck.json"), """
                {"version": "1", "questions": [
                  {"questionId": "1", "question": "Rol?", "answers": [
                    {"answer": "Ja", "labels": ["aanbieder"], "redirects": [
                      {"nextConclusionId": "c", "if": "'importeur' in labels"}]}]}],
                 "conclusions": [{"conclusionId": "c", "conclusion": "Klaar"}]}
                """);
        DecisionTrees stuck = new DecisionTrees(folder, events::add);
        stuck.loadAtStart();

        DecisionPath path = stuck.walk("stuck", Map.of("1", "Ja"));
        assertThat(path.status()).isEqualTo(Status.DEAD_END);
        assertThat(path.problem()).isEqualTo("no redirect of answer 'Ja' to question 1 holds for the labels [aanbieder]");
    }

    @Test
    void brokenReferencesAndConditionsAreRefusedWithTheQuestionAndPath() throws IOException {
        Files.writeString(folder.resolve("broken.yaml"), """
                version: "1"
                questions:
                  - questionId: "1"
                    question: Eerste?
                    answers:
                      - answer: Ja
                        nextQuestionId: "7"
                      - answer: Nee
                        redirects:
                          - nextConclusionId: "x"
                            if: "'a' in labels ? 1"
                          - nextConclusionId: "ontbreekt"
                            if: "true"
                      - answer: Soms
                conclusions:
                  - conclusionId: "x"
                    conclusion: Iets
                """);
        DecisionTrees broken = new DecisionTrees(folder, events::add);
        broken.loadAtStart();

        assertThat(broken.current()).isEmpty();
        assertThat(broken.lastReload().errors()).extracting(PolicyProblem::toString).containsExactlyInAnyOrder(
                "ERROR broken.yaml, question 1, answer 'Ja' (questions[0].answers[0].nextQuestionId): there is no question '7'",
                "ERROR broken.yaml, question 1, answer 'Nee' (questions[0].answers[1].redirects[0].if): missing ':' of the conditional at position 17 in `'a' in labels ? 1`",
                "ERROR broken.yaml, question 1, answer 'Nee' (questions[0].answers[1].redirects[1].nextConclusionId): there is no conclusion 'ontbreekt'",
                "ERROR broken.yaml, question 1, answer 'Soms' (questions[0].answers[2]): the answer leads nowhere: give nextQuestionId, nextConclusionId or redirects");
    }

    @Test
    void unreachableQuestionsAndUnknownVariablesAreWarnings() throws IOException {
        Files.writeString(folder.resolve("loose.yaml"), """
                version: "1"
                questions:
                  - questionId: "1"
                    question: Eerste?
                    answers:
                      - answer: Ja
                        redirects:
                          - {nextConclusionId: "c", if: "role == 'aanbieder'"}
                        nextConclusionId: "c"
                  - questionId: "2"
                    question: Vergeten?
                    answers:
                      - {answer: Ja, nextConclusionId: "c"}
                conclusions:
                  - {conclusionId: "c", conclusion: Klaar}
                  - {conclusionId: "d", conclusion: Nooit}
                """);
        DecisionTrees loose = new DecisionTrees(folder, events::add);
        loose.loadAtStart();

        assertThat(loose.current()).hasSize(1);
        assertThat(loose.lastReload().problems()).extracting(PolicyProblem::message).containsExactlyInAnyOrder(
                "'role' is not available in a redirect (available: labels); jexl reads it as undefined",
                "no path leads to this question", "no path leads to this conclusion");
    }
}
