package nl.transparant.assessment.jexl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import nl.transparant.assessment.internal.AnswerLookup;
import nl.transparant.assessment.internal.AssessmentLanguage;
import org.junit.jupiter.api.Test;

/**
 * Random arithmetic, boolean and function expressions, evaluated by our jexl evaluator and by the npm jexl package
 * with the DPIA form tool's functions ({@link JexlReference}, one node process for the whole batch), on the same
 * context and answers. Each tree is written twice: fully parenthesised (testing the operators) and with only the
 * parentheses jexl's precedence needs (testing the parser). The seed is fixed, so a failure can be replayed.
 */
class JexlRandomisedTest {

    private static final long SEED = 20250611L;
    private static final int TREES = 4000;
    private static final ExpressionLanguage LANGUAGE = AssessmentLanguage.forDefinitions();
    private static final Map<String, Object> ANSWERS = Map.of("yes", true, "no", false, "text", "true", "picked",
            List.of("x", "3"), "zero", 0);
    private static final List<String> TASK_IDS = List.of("yes", "no", "text", "picked", "zero", "unanswered");
    private static final List<String> OPERATORS = List.of("+", "-", "*", "/", "//", "%", "^", "==", "!=", "<", "<=", ">",
            ">=", "&&", "||", "in");
    private static final Map<String, Integer> PRECEDENCE = Map.ofEntries(Map.entry("||", 10), Map.entry("&&", 10),
            Map.entry("==", 20), Map.entry("!=", 20), Map.entry("<", 20), Map.entry("<=", 20), Map.entry(">", 20),
            Map.entry(">=", 20), Map.entry("in", 20), Map.entry("+", 30), Map.entry("-", 30), Map.entry("*", 40),
            Map.entry("/", 40), Map.entry("//", 40), Map.entry("%", 50), Map.entry("^", 50));
    private static final List<String> STRINGS = List.of("", "0", "3", " 7 ", "abc", "b", "10", "x");

    sealed interface Tree permits Leaf, Variable, ArrayOf, Not, Binary, Conditional, Call, Count {
    }

    record Leaf(Object value) implements Tree {
    }

    /** {@code nil} (null) or {@code missing} (undefined) from the context. */
    record Variable(String name) implements Tree {
    }

    record ArrayOf(List<Object> elements) implements Tree {
    }

    record Not(Tree operand) implements Tree {
    }

    record Binary(String operator, Tree left, Tree right) implements Tree {
    }

    record Conditional(Tree test, Tree consequent, Tree alternate) implements Tree {
    }

    /** {@code bool(x)}, or {@code answers('id')} when the argument is a task id (then a leaf). */
    record Call(String function, Tree argument) implements Tree {
    }

    /** {@code x | count}. */
    record Count(Tree operand) implements Tree {
    }

    @Test
    void agreesWithTheNpmJexlPackage() {
        Random random = new Random(SEED);
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < TREES; i++) {
            Tree tree = tree(random, 4);
            sources.add(parenthesised(tree));
            sources.add(minimal(tree));
        }
        List<JexlReference.Outcome> reference = JexlReference.evaluate(sources.stream()
                .map(source -> new JexlReference.Case(source, variablesForNode(), ANSWERS)).toList());
        EvaluationContext context = context();
        List<String> disagreements = new ArrayList<>();
        int values = 0;
        for (int i = 0; i < sources.size(); i++) {
            Object ours = JexlReference.ours(LANGUAGE, sources.get(i), context);
            if (JexlReference.disagreement(ours, reference.get(i)) != null) {
                disagreements.add("seed " + SEED + ", tree " + i / 2 + ": `" + sources.get(i) + "` gave "
                        + JexlReference.render(ours) + ", jexl " + reference.get(i));
            }
            if (reference.get(i).failure() == null) {
                values++;
            }
        }
        assertThat(disagreements).as("expressions where our evaluator and npm jexl disagree").isEmpty();
        assertThat(values).as("expressions jexl gave a value for").isGreaterThan(sources.size() * 3 / 4);
    }

    /** nil is null, missing is absent (undefined). */
    private static Map<String, Object> variablesForNode() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("nil", null);
        return variables;
    }

    private static EvaluationContext context() {
        Map<String, Object> answers = new LinkedHashMap<>();
        ANSWERS.forEach((id, value) -> answers.put(id, JsSemantics.fromJava(value)));
        AnswerLookup lookup = answers::get;
        return EvaluationContext.of(variablesForNode()).with(AnswerLookup.class, lookup);
    }

    private static Tree tree(Random random, int depth) {
        int choice = random.nextInt(depth <= 0 ? 3 : 12);
        switch (choice) {
            case 0:
                return random.nextInt(4) == 0 ? new Leaf(random.nextBoolean()) : new Leaf((double) (random.nextInt(26) - 5));
            case 1:
                return random.nextInt(5) == 0 ? new Leaf(random.nextInt(3) + 0.5) : new Leaf(STRINGS.get(random.nextInt(STRINGS.size())));
            case 2:
                return random.nextInt(3) == 0 ? new Variable(random.nextBoolean() ? "nil" : "missing")
                        : new Leaf((double) random.nextInt(6));
            case 3:
                return new Not(tree(random, depth - 1));
            case 4:
                return new Conditional(tree(random, depth - 1), tree(random, depth - 1), tree(random, depth - 1));
            case 5:
                return random.nextBoolean() ? new Call("bool", tree(random, depth - 1))
                        : new Call("answers", new Leaf(TASK_IDS.get(random.nextInt(TASK_IDS.size()))));
            case 6:
                return new Count(random.nextBoolean() ? array(random) : tree(random, depth - 1));
            default:
                String operator = OPERATORS.get(random.nextInt(OPERATORS.size()));
                Tree right = operator.equals("in") && random.nextBoolean() ? array(random) : tree(random, depth - 1);
                return new Binary(operator, tree(random, depth - 1), right);
        }
    }

    private static Tree array(Random random) {
        List<Object> elements = new ArrayList<>();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
            elements.add(random.nextBoolean() ? (Object) (double) random.nextInt(6) : STRINGS.get(random.nextInt(STRINGS.size())));
        }
        return new ArrayOf(elements);
    }

    // ---- writing a tree as jexl ----

    static String parenthesised(Tree tree) {
        if (tree instanceof Binary binary) {
            return "(" + parenthesised(binary.left()) + " " + binary.operator() + " " + parenthesised(binary.right()) + ")";
        }
        if (tree instanceof Not not) {
            return "!(" + parenthesised(not.operand()) + ")";
        }
        if (tree instanceof Conditional conditional) {
            return "(" + parenthesised(conditional.test()) + " ? " + parenthesised(conditional.consequent()) + " : "
                    + parenthesised(conditional.alternate()) + ")";
        }
        if (tree instanceof Call call) {
            return call.function() + "(" + parenthesised(call.argument()) + ")";
        }
        if (tree instanceof Count count) {
            return "(" + parenthesised(count.operand()) + ") | count";
        }
        return atom(tree);
    }

    /** Only the parentheses that jexl's precedence (left-associative, ? lowest, ! highest) requires. */
    static String minimal(Tree tree) {
        if (tree instanceof Binary binary) {
            int precedence = PRECEDENCE.get(binary.operator());
            String left = minimal(binary.left());
            if (binary.left() instanceof Conditional || binary.left() instanceof Binary inner && PRECEDENCE.get(inner.operator()) < precedence) {
                left = "(" + left + ")";
            }
            String right = minimal(binary.right());
            if (binary.right() instanceof Conditional || binary.right() instanceof Binary inner && PRECEDENCE.get(inner.operator()) <= precedence) {
                right = "(" + right + ")";
            }
            return left + " " + binary.operator() + " " + right;
        }
        if (tree instanceof Not not) {
            boolean atom = isAtom(not.operand()) || not.operand() instanceof Not;
            return "!" + (atom ? minimal(not.operand()) : "(" + minimal(not.operand()) + ")");
        }
        if (tree instanceof Conditional conditional) {
            String test = minimal(conditional.test());
            if (conditional.test() instanceof Conditional) {
                test = "(" + test + ")";
            }
            return test + " ? " + minimal(conditional.consequent()) + " : " + minimal(conditional.alternate());
        }
        if (tree instanceof Call call) {
            return call.function() + "(" + minimal(call.argument()) + ")";
        }
        if (tree instanceof Count count) {
            return (isAtom(count.operand()) ? minimal(count.operand()) : "(" + minimal(count.operand()) + ")") + " | count";
        }
        return atom(tree);
    }

    /** Written without parentheses where an operand binds tighter than any operator; a transform binds tighter still. */
    private static boolean isAtom(Tree tree) {
        return tree instanceof Leaf || tree instanceof Variable || tree instanceof ArrayOf || tree instanceof Call;
    }

    private static String atom(Tree tree) {
        if (tree instanceof Variable variable) {
            return variable.name();
        }
        if (tree instanceof ArrayOf array) {
            List<String> elements = array.elements().stream().map(JexlRandomisedTest::literal).toList();
            return "[" + String.join(", ", elements) + "]";
        }
        return literal(((Leaf) tree).value());
    }

    private static String literal(Object value) {
        if (value instanceof String text) {
            return "'" + text + "'";
        }
        if (value instanceof Double number) {
            return number == Math.rint(number) ? String.valueOf(number.longValue()) : number.toString();
        }
        return value.toString();
    }
}
