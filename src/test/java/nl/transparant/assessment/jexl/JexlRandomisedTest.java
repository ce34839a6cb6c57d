package nl.transparant.assessment.jexl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Random arithmetic and boolean expressions, evaluated by the jexl evaluator and by a small, separately written
 * model of JavaScript's rules over numbers, strings, booleans, null and undefined. Each tree is written twice:
 * fully parenthesised (testing the operators) and with only the parentheses jexl's precedence needs (testing
 * the parser). The seed is fixed, so a failure can be replayed.
 */
class JexlRandomisedTest {

    private static final long SEED = 20250611L;
    private static final int TREES = 4000;
    private static final ExpressionLanguage LANGUAGE = ExpressionLanguage.builder().build();
    private static final List<String> OPERATORS = List.of("+", "-", "*", "/", "//", "%", "^", "==", "!=", "<", "<=", ">",
            ">=", "&&", "||", "in");
    private static final Map<String, Integer> PRECEDENCE = Map.ofEntries(Map.entry("||", 10), Map.entry("&&", 10),
            Map.entry("==", 20), Map.entry("!=", 20), Map.entry("<", 20), Map.entry("<=", 20), Map.entry(">", 20),
            Map.entry(">=", 20), Map.entry("in", 20), Map.entry("+", 30), Map.entry("-", 30), Map.entry("*", 40),
            Map.entry("/", 40), Map.entry("//", 40), Map.entry("%", 50), Map.entry("^", 50));
    private static final List<String> STRINGS = List.of("", "0", "3", " 7 ", "abc", "b", "10", "x");

    sealed interface Tree permits Leaf, Variable, ArrayOf, Not, Binary, Conditional {
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

    /** The oracle cannot tell how JavaScript writes this number as text; such trees are skipped. */
    static final class Declined extends RuntimeException {
    }

    private enum Undef {
        VALUE
    }

    @Test
    void agreesWithAnIndependentModelOfJavaScript() {
        Random random = new Random(SEED);
        EvaluationContext context = context();
        int compared = 0;
        for (int i = 0; i < TREES; i++) {
            Tree tree = tree(random, 4);
            Object expected;
            try {
                expected = toJexl(oracle(tree));
            } catch (Declined e) {
                continue;
            }
            for (String source : List.of(parenthesised(tree), minimal(tree))) {
                Object actual = LANGUAGE.compile(source).evaluate(context);
                assertThat(JexlSemanticsTableTest.sameValue(expected, actual))
                        .as("seed %d, tree %d: `%s` gave %s, the model says %s", SEED, i, source,
                                JsSemantics.describe(actual), JsSemantics.describe(expected))
                        .isTrue();
            }
            compared++;
        }
        assertThat(compared).as("trees the model could judge").isGreaterThan(TREES * 3 / 4);
    }

    private static EvaluationContext context() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("nil", null);
        return EvaluationContext.of(variables);
    }

    private static Tree tree(Random random, int depth) {
        int choice = random.nextInt(depth <= 0 ? 3 : 10);
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
            boolean atom = not.operand() instanceof Leaf || not.operand() instanceof Variable || not.operand() instanceof ArrayOf
                    || not.operand() instanceof Not;
            return "!" + (atom ? minimal(not.operand()) : "(" + minimal(not.operand()) + ")");
        }
        if (tree instanceof Conditional conditional) {
            String test = minimal(conditional.test());
            if (conditional.test() instanceof Conditional) {
                test = "(" + test + ")";
            }
            return test + " ? " + minimal(conditional.consequent()) + " : " + minimal(conditional.alternate());
        }
        return atom(tree);
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

    // ---- the model: JavaScript's rules for these few kinds of values, written without the production code ----

    private static final Pattern SIMPLE_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    static Object oracle(Tree tree) {
        if (tree instanceof Leaf leaf) {
            return leaf.value();
        }
        if (tree instanceof Variable variable) {
            return variable.name().equals("nil") ? null : Undef.VALUE;
        }
        if (tree instanceof ArrayOf array) {
            return array.elements();
        }
        if (tree instanceof Not not) {
            return !truthy(oracle(not.operand()));
        }
        if (tree instanceof Conditional conditional) {
            return truthy(oracle(conditional.test())) ? oracle(conditional.consequent()) : oracle(conditional.alternate());
        }
        Binary binary = (Binary) tree;
        Object left = oracle(binary.left());
        switch (binary.operator()) {
            case "&&":
                return truthy(left) ? oracle(binary.right()) : left;
            case "||":
                return truthy(left) ? left : oracle(binary.right());
            default:
                break;
        }
        Object right = oracle(binary.right());
        switch (binary.operator()) {
            case "+":
                if (left instanceof String || right instanceof String) {
                    return text(left) + text(right);
                }
                return number(left) + number(right);
            case "-":
                return number(left) - number(right);
            case "*":
                return number(left) * number(right);
            case "/":
                return number(left) / number(right);
            case "//":
                return Math.floor(number(left) / number(right));
            case "%":
                return number(left) % number(right);
            case "^":
                return Math.pow(number(left), number(right));
            case "==":
                return looselyEqual(left, right);
            case "!=":
                return !looselyEqual(left, right);
            case "<":
                return compare(left, right, c -> c < 0);
            case "<=":
                return compare(left, right, c -> c <= 0);
            case ">":
                return compare(left, right, c -> c > 0);
            case ">=":
                return compare(left, right, c -> c >= 0);
            case "in":
                if (right instanceof String haystack) {
                    return haystack.contains(text(left));
                }
                if (right instanceof List<?> list) {
                    return list.stream().anyMatch(element -> strictlyEqual(element, left));
                }
                return false;
            default:
                throw new IllegalStateException(binary.operator());
        }
    }

    private static boolean truthy(Object value) {
        if (value == null || value == Undef.VALUE) {
            return false;
        }
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (value instanceof Double number) {
            return !(number == 0 || number.isNaN());
        }
        if (value instanceof String text) {
            return !text.isEmpty();
        }
        return true;
    }

    private static double number(Object value) {
        if (value == null) {
            return 0;
        }
        if (value == Undef.VALUE) {
            return Double.NaN;
        }
        if (value instanceof Boolean bool) {
            return bool ? 1 : 0;
        }
        if (value instanceof Double number) {
            return number;
        }
        String trimmed = ((String) value).trim();
        if (trimmed.isEmpty()) {
            return 0;
        }
        return SIMPLE_NUMBER.matcher(trimmed).matches() ? Double.parseDouble(trimmed) : Double.NaN;
    }

    private static String text(Object value) {
        if (value == null) {
            return "null";
        }
        if (value == Undef.VALUE) {
            return "undefined";
        }
        if (value instanceof Double number) {
            if (number.isNaN()) {
                return "NaN";
            }
            if (number.isInfinite()) {
                return number > 0 ? "Infinity" : "-Infinity";
            }
            if (number == Math.rint(number) && Math.abs(number) < 1e15) {
                return String.valueOf(number.longValue());
            }
            throw new Declined();
        }
        return value.toString();
    }

    private static boolean strictlyEqual(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            return x.doubleValue() == y.doubleValue();
        }
        return a == null ? b == null : a.equals(b);
    }

    private static boolean looselyEqual(Object a, Object b) {
        boolean aNullish = a == null || a == Undef.VALUE;
        boolean bNullish = b == null || b == Undef.VALUE;
        if (aNullish || bNullish) {
            return aNullish && bNullish;
        }
        if (a.getClass() == b.getClass()) {
            return strictlyEqual(a, b);
        }
        if (a instanceof Boolean) {
            return looselyEqual(number(a), b);
        }
        if (b instanceof Boolean) {
            return looselyEqual(a, number(b));
        }
        return number(a) == number(b);
    }

    private static boolean compare(Object a, Object b, java.util.function.IntPredicate test) {
        if (a instanceof String x && b instanceof String y) {
            return test.test(x.compareTo(y));
        }
        double x = number(a);
        double y = number(b);
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return false;
        }
        return test.test(Double.compare(x == 0 ? 0.0 : x, y == 0 ? 0.0 : y));
    }

    private static Object toJexl(Object value) {
        return value == Undef.VALUE ? Undefined.UNDEFINED : value;
    }
}
