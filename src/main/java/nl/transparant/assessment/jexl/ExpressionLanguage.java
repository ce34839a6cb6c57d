package nl.transparant.assessment.jexl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The expression syntax of the JavaScript library jexl 2.3 (npm {@code jexl}), as the government's assessment
 * definitions use it, with a registry of the functions and transforms an expression may call. Expressions are
 * compiled up front: syntax errors, unknown functions or transforms and wrong numbers of arguments are
 * reported then ({@link ExpressionSyntaxException}), never as a silent false during evaluation.
 *
 * <p>Supported: number literals (with a leading {@code -} where jexl allows it), single- and double-quoted
 * strings, {@code true}/{@code false}, array {@code [..]} and object {@code {key: ..}} literals, context
 * variables, {@code a.b} paths, {@code a[expr]} and relative filters {@code a[.x == 1]}, function calls,
 * transforms {@code x | t} and {@code x | t(arg)}, {@code !}, {@code + - * / // % ^}, {@code == != < <= > >=},
 * {@code in}, {@code && ||}, {@code a ? b : c} and {@code a ?: b}, parentheses. {@code null} and
 * {@code undefined} are not literals in jexl: they are variable names that are normally absent, hence undefined.
 * Not supported, because jexl 2.3 has no such syntax: assignment, lambdas, {@code ===}, unary minus on
 * anything but a number literal, quoted object keys, comments.
 */
public final class ExpressionLanguage {

    private final Map<String, ExpressionFunction> functions;
    private final Map<String, ExpressionFunction> transforms;

    private ExpressionLanguage(Map<String, ExpressionFunction> functions, Map<String, ExpressionFunction> transforms) {
        this.functions = Map.copyOf(functions);
        this.transforms = Map.copyOf(transforms);
    }

    public static Builder builder() {
        return new Builder();
    }

    public CompiledExpression compile(String source) {
        Objects.requireNonNull(source, "expression");
        Node root = Parser.parse(source);
        CompiledExpression.visit(root, node -> {
            if (node instanceof Node.Call call) {
                resolve(source, call);
            }
        });
        return new CompiledExpression(source, root);
    }

    private void resolve(String source, Node.Call call) {
        Map<String, ExpressionFunction> pool = call.pool == Node.Pool.FUNCTION ? functions : transforms;
        ExpressionFunction function = pool.get(call.name);
        if (function == null) {
            throw new ExpressionSyntaxException(source, call.position, "unknown " + call.pool.label + " '" + call.name
                    + "' (known: " + String.join(", ", new TreeSet<>(pool.keySet())) + ")");
        }
        int written = call.pool == Node.Pool.TRANSFORM ? call.arguments.size() - 1 : call.arguments.size();
        if (written < function.minArguments() || written > function.maxArguments()) {
            throw new ExpressionSyntaxException(source, call.position, "the " + call.pool.label + " '" + call.name
                    + "' takes " + function.arity() + ", not " + written);
        }
        call.function = function;
    }

    /** Whether a name can be read as a context variable: an identifier that is not {@code true}, {@code false} or {@code in}. */
    public static boolean isVariableName(String name) {
        return name != null && Lexer.isIdentifier(name) && !name.equals("true") && !name.equals("false") && !name.equals("in");
    }

    public static final class Builder {

        private final Map<String, ExpressionFunction> functions = new LinkedHashMap<>();
        private final Map<String, ExpressionFunction> transforms = new LinkedHashMap<>();

        private Builder() {
        }

        /** A function called as {@code name(a, b)}. */
        public Builder function(ExpressionFunction function) {
            functions.put(function.name(), function);
            return this;
        }

        /** A transform applied as {@code value | name} or {@code value | name(a)}. */
        public Builder transform(ExpressionFunction transform) {
            transforms.put(transform.name(), transform);
            return this;
        }

        public ExpressionLanguage build() {
            return new ExpressionLanguage(functions, transforms);
        }
    }
}
