package nl.transparant.assessment.jexl;

import static nl.transparant.assessment.jexl.Undefined.UNDEFINED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import nl.transparant.assessment.internal.AnswerLookup;
import nl.transparant.assessment.internal.AssessmentLanguage;
import org.junit.jupiter.api.Test;

/**
 * The expressions in {@code assessment/jexl-semantics.txt}, evaluated by our evaluator and by the npm jexl package
 * with the DPIA form tool's functions ({@link JexlReference}), on the same context and answers: they must agree.
 * A value must be the same value; where jexl cannot parse, we refuse when compiling; where jexl throws while
 * evaluating, so do we. Only the rows of the table's last section are written out by hand: the deliberate
 * differences that docs/policy-author/expressions.md lists, each checked to still be one (jexl does otherwise).
 */
class JexlSemanticsTableTest {

    private static final String TABLE = "/assessment/jexl-semantics.txt";
    private static final ExpressionLanguage LANGUAGE = AssessmentLanguage.forDefinitions();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A row; {@code ours} is null unless the row is a listed difference, then it is what we give instead. */
    record Row(int line, String expression, String ours) {

        @Override
        public String toString() {
            return "line " + line + ": " + expression + (ours == null ? "" : " => " + ours);
        }
    }

    static List<Row> table() throws IOException {
        try (InputStream in = JexlSemanticsTableTest.class.getResourceAsStream(TABLE)) {
            String[] lines = new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8).split("\n");
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int arrow = line.indexOf(" => ");
                rows.add(arrow < 0 ? new Row(i + 1, line, null)
                        : new Row(i + 1, line.substring(0, arrow), line.substring(arrow + 4).strip()));
            }
            return rows;
        }
    }

    @Test
    void theTableIsLargeEnoughToMeanSomething() throws IOException {
        assertThat(table()).hasSizeGreaterThanOrEqualTo(150);
        assertThat(table().stream().filter(row -> row.ours() != null)).as("hand-written rows: the listed differences only")
                .hasSizeLessThan(20);
    }

    @Test
    void evaluatesAsTheNpmJexlPackageDoes() throws IOException {
        List<Row> rows = table().stream().filter(row -> row.ours() == null).toList();
        List<JexlReference.Outcome> reference = JexlReference.evaluate(rows.stream()
                .map(row -> new JexlReference.Case(row.expression(), CONTEXT, ANSWERS)).toList());
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Object ours = JexlReference.ours(LANGUAGE, rows.get(i).expression(), context());
            String disagreement = JexlReference.disagreement(ours, reference.get(i));
            if (disagreement != null) {
                disagreements.add(rows.get(i) + ": " + disagreement + "; we give " + JexlReference.render(ours) + ", jexl "
                        + (reference.get(i).failure() == null ? JexlReference.render(reference.get(i).value()) : reference.get(i)));
            }
        }
        assertThat(disagreements).as("rows where our evaluator and npm jexl disagree").isEmpty();
    }

    /** The listed differences: we give the written value, and jexl still gives something else. */
    @Test
    void theListedDifferencesAreStillDifferences() throws IOException {
        List<Row> rows = table().stream().filter(row -> row.ours() != null).toList();
        assertThat(rows).as("the table's listed differences").isNotEmpty();
        List<JexlReference.Outcome> reference = JexlReference.evaluate(rows.stream()
                .map(row -> new JexlReference.Case(row.expression(), CONTEXT, ANSWERS)).toList());
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Object ours = JexlReference.ours(LANGUAGE, row.expression(), context());
            boolean asListed = switch (row.ours()) {
                case "syntax-error" -> ours == JexlReference.SYNTAX_ERROR;
                case "runtime-error" -> ours == JexlReference.RUNTIME_ERROR;
                default -> JexlReference.isValue(ours) && JexlReference.sameValue(expected(row.ours()), ours);
            };
            if (!asListed) {
                problems.add(row + ": we give " + JexlReference.render(ours));
            } else if (JexlReference.disagreement(ours, reference.get(i)) == null) {
                problems.add(row + ": no longer a difference, jexl gives " + reference.get(i) + "; move it up and unlist it");
            }
        }
        assertThat(problems).isEmpty();
    }

    private static final Map<String, Object> CONTEXT = variables();
    private static final Map<String, Object> ANSWERS = Map.of("1.1", true, "1.2", List.of("x", "y"), "1.3", "true",
            "1.4", "Buiten EER", "1.5", false, "1.6", "", "1.7", 0, "1.8", List.of());

    private static Map<String, Object> variables() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("num", 5);
        variables.put("zero", 0);
        variables.put("neg", -2);
        variables.put("str", "abc");
        variables.put("empty", "");
        variables.put("numstr", "10");
        variables.put("t", true);
        variables.put("f", false);
        variables.put("nil", null);
        variables.put("arr", List.of(1, 2, 3));
        variables.put("strs", List.of("a", "b"));
        variables.put("nested", List.of(List.of(1, 2), List.of(3)));
        variables.put("emptyArr", List.of());
        Map<String, Object> obj = new LinkedHashMap<>();
        obj.put("a", 1);
        obj.put("b", Map.of("c", "deep"));
        obj.put("x y", 2);
        variables.put("obj", obj);
        variables.put("people", List.of(Map.of("name", "An", "age", 30), Map.of("name", "Bo", "age", 17),
                Map.of("name", "Cy", "age", 45)));
        variables.put("labels", List.of("aanbieder", "AI-systeem"));
        variables.put("scores", Map.of("risk", 3, "zeroScore", 0));
        variables.put("criteria", Map.of("wet", true));
        return variables;
    }

    /** The same variables and answers as the reference gets; answers read as {@link AssessmentLanguage} reads them. */
    static EvaluationContext context() {
        Map<String, Object> answers = new LinkedHashMap<>();
        ANSWERS.forEach((id, value) -> answers.put(id, JsSemantics.fromJava(value)));
        AnswerLookup lookup = answers::get;
        return EvaluationContext.of(CONTEXT).with(AnswerLookup.class, lookup);
    }

    private static Object expected(String text) {
        try {
            return switch (text) {
                case "undefined" -> UNDEFINED;
                case "NaN" -> Double.NaN;
                default -> JsSemantics.fromJava(JSON.readValue(text, Object.class));
            };
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a value in the table: " + text, e);
        }
    }
}
