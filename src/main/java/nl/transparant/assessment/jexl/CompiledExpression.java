package nl.transparant.assessment.jexl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** An expression parsed and checked once, evaluated as often as needed; immutable and safe to share. */
public final class CompiledExpression {

    private final String source;
    private final Node root;

    CompiledExpression(String source, Node root) {
        this.source = source;
        this.root = root;
    }

    public String source() {
        return source;
    }

    /**
     * @return a value of the {@link JsSemantics} value model
     * @throws ExpressionEvaluationException where jexl would throw while evaluating
     */
    public Object evaluate(EvaluationContext context) {
        return new Evaluator(source, context).evaluate(root);
    }

    /** Whether the value is truthy, as a condition ({@code when}, criteria, levels, redirects) is read. */
    public boolean holds(EvaluationContext context) {
        return JsSemantics.isTruthy(evaluate(context));
    }

    /** Names read from the context (not properties, not relative names inside filters), in order of appearance. */
    public Set<String> contextVariables() {
        Set<String> names = new LinkedHashSet<>();
        visit(root, node -> {
            if (node instanceof Node.Identifier identifier && identifier.from == null && !identifier.relative) {
                names.add(identifier.name);
            }
        });
        return names;
    }

    /** The property names read directly from a context variable, such as {@code x} in {@code scores.x}. */
    public Set<String> propertiesOf(String variable) {
        Set<String> names = new LinkedHashSet<>();
        visit(root, node -> {
            if (node instanceof Node.Identifier identifier && identifier.from instanceof Node.Identifier owner
                    && owner.from == null && !owner.relative && owner.name.equals(variable)) {
                names.add(identifier.name);
            }
        });
        return names;
    }

    /** The first arguments of calls to this function that are written as string literals, such as task ids. */
    public List<String> literalFirstArguments(String functionName) {
        List<String> arguments = new ArrayList<>();
        visit(root, node -> {
            if (node instanceof Node.Call call && call.pool == Node.Pool.FUNCTION && call.name.equals(functionName)
                    && !call.arguments.isEmpty() && call.arguments.get(0) instanceof Node.Literal literal
                    && literal.value instanceof String text) {
                arguments.add(text);
            }
        });
        return arguments;
    }

    static void visit(Node node, Consumer<Node> visitor) {
        if (node == null) {
            return;
        }
        visitor.accept(node);
        if (node instanceof Node.Identifier identifier) {
            visit(identifier.from, visitor);
        } else if (node instanceof Node.Binary binary) {
            visit(binary.left, visitor);
            visit(binary.right, visitor);
        } else if (node instanceof Node.Unary unary) {
            visit(unary.right, visitor);
        } else if (node instanceof Node.Conditional conditional) {
            visit(conditional.test, visitor);
            visit(conditional.consequent, visitor);
            visit(conditional.alternate, visitor);
        } else if (node instanceof Node.ArrayLiteral array) {
            array.elements.forEach(element -> visit(element, visitor));
        } else if (node instanceof Node.ObjectLiteral object) {
            object.entries.values().forEach(value -> visit(value, visitor));
        } else if (node instanceof Node.Filter filter) {
            visit(filter.subject, visitor);
            visit(filter.expression, visitor);
        } else if (node instanceof Node.Call call) {
            call.arguments.forEach(argument -> visit(argument, visitor));
        }
    }

    @Override
    public String toString() {
        return source;
    }
}
