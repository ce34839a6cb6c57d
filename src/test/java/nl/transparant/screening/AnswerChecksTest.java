package nl.transparant.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.transparant.assessment.AssessmentDefinition;
import nl.transparant.assessment.TestDefinitions;
import nl.transparant.problems.FieldProblem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Answers in the shape the government's form tool saves them: an option's value written as text ("true", "2") is that
 * option, as it is for the tool's own {@code bool('true')}; a text that is no option's value is still refused.
 */
class AnswerChecksTest {

    static AssessmentDefinition preScan;

    @BeforeAll
    static void load() {
        preScan = TestDefinitions.read(Path.of("src/test/resources/assessment/definitions"), "urn:nl:miniprescan");
    }

    @Test
    void anOptionsValueWrittenAsTextIsThatOption() {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, Object> answers = AnswerChecks.flat(preScan, Map.of("1.1", "true"), "prescan", problems);
        assertThat(problems).isEmpty();
        assertThat(answers).containsEntry("1.1", true);
    }

    @Test
    void aTextThatIsNoOptionIsStillRefused() {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, Object> answers = AnswerChecks.flat(preScan, Map.of("1.1", "misschien"), "prescan", problems);
        assertThat(problems).extracting(FieldProblem::field).containsExactly("prescan.1.1");
        assertThat(answers).isEmpty();
    }
}
