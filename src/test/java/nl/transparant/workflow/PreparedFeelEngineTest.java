package nl.transparant.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@link PreparedFeelEngine} answers every expression exactly as Camunda's own FEEL engine does (value, or the
 * refusal), except where the FEEL library notes a failure and goes on with null or false: there it refuses (fail
 * closed); the second time as the first, and one evaluation's failures never reach another.
 */
class PreparedFeelEngineTest {

    private final ScalaFeelEngine camunda = new ScalaFeelEngine(List.of());
    private final PreparedFeelEngine prepared = new PreparedFeelEngine(List.of());

    private static VariableContext variables() {
        return Variables.createVariables()
                .putValue("aiActClass", "high_risk")
                .putValue("dpiaLevel", "required")
                .putValue("directImpactOnCitizens", false)
                .putValue("personalData", true)
                .putValue("sensitiveData", false)
                .putValue("profiling", true)
                .putValue("automatedDecision", false)
                .putValue("residualRisk", "hoog")
                .putValue("name", "Parkeervergunning")
                .putValue("count", 4)
                .putValue("nothing", null)
                .asVariableContext();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "aiActClass",
            "directImpactOnCitizens or (personalData and (sensitiveData or profiling or automatedDecision))",
            "\"Verboden AI-praktijk (AI-verordening art. 5) / Prohibited AI practice (AI Act Art. 5)\"",
            "true", "false", "count * 2 + 1", "string length(name) > 3", "upper case(residualRisk)",
            "count([1, 2, 3])", "date(\"2026-12-01\") < date(\"2027-01-01\")", "sum([count, 1.5])",
            "if count > 3 then \"veel\" else \"weinig\"", "{a: count}.a", "nothing", "unknownVariable",
            "nothing + 1", "1 / 0", "\"a\" + 1", "x +", "assert(count, count > 10)", "not a function(count)", ""})
    void anExpressionIsAnsweredAsCamundaAnswersIt(String expression) {
        List<String> noted = notes(library.evaluateExpression(expression, javaVariables()));
        for (int time = 1; time <= 2; time++) {
            assertThat(outcome(() -> prepared.evaluateSimpleExpression(expression, variables())))
                    .as("%s, evaluation %d", expression, time)
                    .isEqualTo(expected(expression, noted, outcome(() -> camunda.evaluateSimpleExpression(expression, variables()))));
        }
    }

    /**
     * Where Camunda's engine goes on with null or false after a failure the library only notes, this engine refuses,
     * naming the expression and the failures (fail closed: a policy table would route a case on the guess).
     */
    @Test
    void whatTheLibraryOnlyNotesIsARefusalHere() {
        assertThat(outcome(() -> prepared.evaluateSimpleExpression("dpiaLvl", variables()))).isEqualTo("refused: FEEL/SCALA-01008 Error"
                + " while evaluating expression: failed to evaluate expression 'dpiaLvl': No variable found with name 'dpiaLvl'");
        assertThat(outcome(() -> camunda.evaluateSimpleExpression("dpiaLvl", variables()))).isEqualTo("value null");
        assertThat(outcome(() -> prepared.evaluateSimpleUnaryTests(">= 2", "dpiaLevel", variables())))
                .isEqualTo("refused: FEEL/SCALA-01008 Error while evaluating expression: failed to evaluate expression '>= 2':"
                        + " Can't compare '\"required\"' with '2'");
        assertThat(outcome(() -> camunda.evaluateSimpleUnaryTests(">= 2", "dpiaLevel", variables()))).isEqualTo("value false (Boolean)");
        // a rule that does not match is no failure: most entries of a table do not match
        assertThat(outcome(() -> prepared.evaluateSimpleUnaryTests("\"recommended\"", "dpiaLevel", variables())))
                .isEqualTo("value false (Boolean)");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "\"high_risk\"", "\"limited\"", "\"high_risk\",\"prohibited\"", "not(\"high_risk\")", "-", "true", "false",
            ">= 3", "[1..5]", "(4..9)", "? > 2", "? = aiActClass", "string length(?) > 3", "null", "unknownVariable",
            "<<", "[1..", "assert(?, ? > 10)"})
    void aUnaryTestIsAnsweredAsCamundaAnswersIt(String test) {
        for (String input : List.of("aiActClass", "count", "profiling", "nothing", "name")) {
            List<String> noted = notes(library.evaluateUnaryTests(test, javaVariables().get(input), javaVariables()));
            for (int time = 1; time <= 2; time++) {
                assertThat(outcome(() -> prepared.evaluateSimpleUnaryTests(test, input, variables())))
                        .as("%s on %s, evaluation %d", test, input, time)
                        .isEqualTo(expected(test, noted, outcome(() -> camunda.evaluateSimpleUnaryTests(test, input, variables()))));
            }
        }
    }

    @Test
    void aFailedAssertionStaysWithItsOwnEvaluation() {
        // FEEL's evaluation context collects the evaluation's failures: one context for every evaluation would make
        // an assertion that failed once fail every later expression too
        assertThatThrownBy(() -> prepared.evaluateSimpleExpression("assert(count, count > 10)", variables()))
                .isInstanceOf(FeelException.class);
        Object after = prepared.evaluateSimpleExpression("count + 1", variables());
        assertThat(after).isEqualTo(5L);
    }

    @Test
    void evaluationsAtTheSameTimeDoNotMix() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Object>>> answers = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int own = thread;
                answers.add(threads.submit(() -> {
                    List<Object> seen = new ArrayList<>();
                    for (int i = 0; i < 500; i++) {
                        VariableContext mine = Variables.createVariables().putValue("n", own * 1000 + i).asVariableContext();
                        seen.add(prepared.evaluateSimpleExpression("n * 2", mine));
                        seen.add(prepared.evaluateSimpleUnaryTests("< 2000", "n", mine));
                    }
                    return seen;
                }));
            }
            for (int thread = 0; thread < 4; thread++) {
                List<Object> seen = answers.get(thread).get();
                for (int i = 0; i < 500; i++) {
                    long n = thread * 1000L + i;
                    assertThat(seen.get(2 * i)).isEqualTo(2 * n);
                    assertThat(seen.get(2 * i + 1)).isEqualTo(n < 2000);
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** The FEEL library itself, asked directly: which failures it notes while still answering (the oracle for refusals). */
    private final org.camunda.feel.api.FeelEngineApi library = org.camunda.feel.api.FeelEngineBuilder.forJava().build();

    private static java.util.Map<String, Object> javaVariables() {
        java.util.Map<String, Object> values = new java.util.HashMap<>();
        variables().keySet().forEach(name -> values.put(name, variables().resolve(name).getValue()));
        values.put("count", 4L);
        return values;
    }

    /** The failures the library noted in an answer it gave; empty when it refused outright or noted none. */
    private static List<String> notes(org.camunda.feel.api.EvaluationResult result) {
        return result.isSuccess() ? camundajar.impl.scala.jdk.javaapi.CollectionConverters.asJava(result.suppressedFailures()).stream()
                .map(org.camunda.feel.api.EvaluationFailure::failureMessage).toList() : List.of();
    }

    /** Camunda's answer, unless the library noted failures on the way: then this engine's refusal naming them. */
    private static String expected(String text, List<String> noted, String camundasAnswer) {
        return noted.isEmpty() ? camundasAnswer : "refused: FEEL/SCALA-01008 Error while evaluating expression: failed to evaluate"
                + " expression '" + text + "': " + String.join("; ", noted);
    }

    private static String outcome(java.util.function.Supplier<Object> evaluation) {
        try {
            Object value = evaluation.get();
            return "value " + value + (value == null ? "" : " (" + value.getClass().getSimpleName() + ")");
        } catch (FeelException refused) {
            return "refused: " + refused.getMessage();
        }
    }
}
