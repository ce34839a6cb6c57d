package nl.transparant.assessment.jexl;

import static nl.transparant.assessment.jexl.Undefined.UNDEFINED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import nl.transparant.assessment.internal.AnswerLookup;
import nl.transparant.assessment.internal.AssessmentLanguage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table in {@code assessment/jexl-semantics.txt}: expressions with the values jexl 2.3 gives them, derived
 * from its grammar (precedence, the conditional, transforms) and from JavaScript's conversion rules.
 */
class JexlSemanticsTableTest {

    private static final String TABLE = "/assessment/jexl-semantics.txt";
    private static final ExpressionLanguage LANGUAGE = AssessmentLanguage.forDefinitions();
    private static final ObjectMapper JSON = new ObjectMapper();

    record Row(int line, String expression, String expected) {

        @Override
        public String toString() {
            return "line " + line + ": " + expression + " => " + expected;
        }
    }

    static Stream<Arguments> rows() throws IOException {
        return table().stream().map(Arguments::of);
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
                rows.add(new Row(i + 1, line.substring(0, arrow), line.substring(arrow + 4).strip()));
            }
            return rows;
        }
    }

    @Test
    void theTableIsLargeEnoughToMeanSomething() throws IOException {
        assertThat(table()).hasSizeGreaterThanOrEqualTo(150);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void evaluatesAsJexlDoes(Row row) throws IOException {
        switch (row.expected()) {
            case "syntax-error" -> assertThatThrownBy(() -> LANGUAGE.compile(row.expression()))
                    .isInstanceOf(ExpressionSyntaxException.class);
            case "runtime-error" -> {
                CompiledExpression compiled = LANGUAGE.compile(row.expression());
                assertThatThrownBy(() -> compiled.evaluate(context())).isInstanceOf(ExpressionEvaluationException.class);
            }
            default -> {
                Object actual = LANGUAGE.compile(row.expression()).evaluate(context());
                Object expected = expected(row.expected());
                assertThat(sameValue(expected, actual))
                        .as("%s gave %s (%s), expected %s", row.expression(), JsSemantics.describe(actual), actual, row.expected())
                        .isTrue();
            }
        }
    }

    static EvaluationContext context() {
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
        Map<String, Object> answers = Map.of("1.1", true, "1.2", JsSemantics.fromJava(List.of("x", "y")), "1.3", "true",
                "1.4", "Buiten EER");
        AnswerLookup lookup = answers::get;
        return EvaluationContext.of(variables).with(AnswerLookup.class, lookup);
    }

    private static Object expected(String text) throws IOException {
        return switch (text) {
            case "undefined" -> UNDEFINED;
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> JsSemantics.fromJava(JSON.readValue(text, Object.class));
        };
    }

    /** Deep equality of jexl values; NaN equals NaN here, because the table says NaN where jexl gives NaN. */
    static boolean sameValue(Object expected, Object actual) {
        if (expected instanceof Double a && actual instanceof Double b) {
            return a.equals(b) || (a == 0 && b == 0);
        }
        if (expected instanceof List<?> a && actual instanceof List<?> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!sameValue(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (expected instanceof Map<?, ?> a && actual instanceof Map<?, ?> b) {
            return a.keySet().equals(b.keySet()) && a.keySet().stream().allMatch(key -> sameValue(a.get(key), b.get(key)));
        }
        return Objects.equals(expected, actual);
    }
}
