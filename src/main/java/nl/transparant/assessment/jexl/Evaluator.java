package nl.transparant.assessment.jexl;

import static nl.transparant.assessment.jexl.Undefined.UNDEFINED;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a tree as jexl 2.3's evaluator does: {@code &&} and {@code ||} evaluate their right side only when
 * needed and yield an operand (not a boolean); every other operator evaluates both sides and applies the
 * JavaScript operator ({@link JsSemantics}). A path {@code a.b} on null or undefined is undefined, on an array
 * it reads the first element's property; brackets {@code a[k]} on null or undefined fail, as in JavaScript.
 */
final class Evaluator {

    private final String source;
    private final EvaluationContext context;
    /** What relative identifiers ({@code .x}) read: the element being filtered, else the context itself. */
    private final Object relativeContext;

    Evaluator(String source, EvaluationContext context) {
        this(source, context, context.variables());
    }

    private Evaluator(String source, EvaluationContext context, Object relativeContext) {
        this.source = source;
        this.context = context;
        this.relativeContext = relativeContext;
    }

    Object evaluate(Node node) {
        try {
            return dispatch(node);
        } catch (JsSemantics.JsTypeError e) {
            throw new ExpressionEvaluationException(source, node.position, e.getMessage());
        }
    }

    private Object dispatch(Node node) {
        if (node instanceof Node.Literal literal) {
            return literal.value;
        }
        if (node instanceof Node.Identifier identifier) {
            return identifier(identifier);
        }
        if (node instanceof Node.Unary unary) {
            return !JsSemantics.isTruthy(evaluate(unary.right));
        }
        if (node instanceof Node.Binary binary) {
            return binary(binary);
        }
        if (node instanceof Node.Conditional conditional) {
            return conditional(conditional);
        }
        if (node instanceof Node.ArrayLiteral array) {
            return array(array);
        }
        if (node instanceof Node.ObjectLiteral object) {
            return object(object);
        }
        if (node instanceof Node.Filter filter) {
            return filter(filter);
        }
        return call((Node.Call) node);
    }

    private Object identifier(Node.Identifier identifier) {
        if (identifier.from == null) {
            return identifier.relative
                    ? JsSemantics.property(relativeContext, identifier.name)
                    : context.variable(identifier.name);
        }
        Object base = evaluate(identifier.from);
        if (base == null || base == UNDEFINED) {
            return UNDEFINED;
        }
        if (base instanceof List<?> array) {
            base = array.isEmpty() ? UNDEFINED : array.get(0);
        }
        return JsSemantics.property(base, identifier.name);
    }

    private Object binary(Node.Binary binary) {
        String operator = binary.operator;
        if (operator.equals("&&")) {
            Object left = evaluate(binary.left);
            return JsSemantics.isTruthy(left) ? evaluate(binary.right) : left;
        }
        if (operator.equals("||")) {
            Object left = evaluate(binary.left);
            return JsSemantics.isTruthy(left) ? left : evaluate(binary.right);
        }
        Object left = evaluate(binary.left);
        Object right = evaluate(binary.right);
        return switch (operator) {
            case "+" -> JsSemantics.add(left, right);
            case "-" -> JsSemantics.toNumber(left) - JsSemantics.toNumber(right);
            case "*" -> JsSemantics.toNumber(left) * JsSemantics.toNumber(right);
            case "/" -> JsSemantics.toNumber(left) / JsSemantics.toNumber(right);
            case "//" -> Math.floor(JsSemantics.toNumber(left) / JsSemantics.toNumber(right));
            case "%" -> JsSemantics.toNumber(left) % JsSemantics.toNumber(right);
            case "^" -> Math.pow(JsSemantics.toNumber(left), JsSemantics.toNumber(right));
            case "==" -> JsSemantics.looseEquals(left, right);
            case "!=" -> !JsSemantics.looseEquals(left, right);
            case "<" -> JsSemantics.lessThan(left, right);
            case "<=" -> JsSemantics.lessOrEqual(left, right);
            case ">" -> JsSemantics.greaterThan(left, right);
            case ">=" -> JsSemantics.greaterOrEqual(left, right);
            case "in" -> JsSemantics.in(left, right);
            default -> throw new IllegalStateException("Unknown operator " + operator);
        };
    }

    private Object conditional(Node.Conditional conditional) {
        Object test = evaluate(conditional.test);
        if (JsSemantics.isTruthy(test)) {
            return conditional.consequent == null ? test : evaluate(conditional.consequent);
        }
        return evaluate(conditional.alternate);
    }

    private Object array(Node.ArrayLiteral array) {
        List<Object> values = new ArrayList<>(array.elements.size());
        array.elements.forEach(element -> values.add(evaluate(element)));
        return values;
    }

    private Object object(Node.ObjectLiteral object) {
        Map<String, Object> values = new LinkedHashMap<>();
        object.entries.forEach((key, value) -> values.put(key, evaluate(value)));
        return values;
    }

    private Object filter(Node.Filter filter) {
        Object subject = evaluate(filter.subject);
        if (filter.relative) {
            List<?> candidates = subject instanceof List<?> array ? array
                    : subject == UNDEFINED ? List.of() : Collections.singletonList(subject);
            List<Object> kept = new ArrayList<>();
            for (Object candidate : candidates) {
                if (JsSemantics.isTruthy(new Evaluator(source, context, candidate).evaluate(filter.expression))) {
                    kept.add(candidate);
                }
            }
            return kept;
        }
        Object key = evaluate(filter.expression);
        if (key instanceof Boolean keep) {
            return keep ? subject : UNDEFINED;
        }
        return JsSemantics.property(subject, key);
    }

    private Object call(Node.Call call) {
        List<Object> arguments = new ArrayList<>(call.arguments.size());
        call.arguments.forEach(argument -> arguments.add(evaluate(argument)));
        return call.function.implementation().apply(arguments, context);
    }
}
