package nl.transparant.assessment.jexl;

import java.util.List;
import java.util.Objects;

/**
 * A function ({@code name(a, b)}) or transform ({@code value | name(a)}) known to an {@link ExpressionLanguage}.
 * The arity is checked when an expression is compiled, counting the arguments as written (for a transform:
 * those in its parentheses); the implementation receives the evaluated arguments, a transform's subject first,
 * and returns a value of the {@link JsSemantics} value model.
 */
public record ExpressionFunction(String name, int minArguments, int maxArguments, Implementation implementation) {

    public ExpressionFunction {
        Objects.requireNonNull(name);
        Objects.requireNonNull(implementation);
        if (!Lexer.isIdentifier(name)) {
            throw new IllegalArgumentException("Not a jexl identifier: " + name);
        }
        if (minArguments < 0 || maxArguments < minArguments) {
            throw new IllegalArgumentException("Bad arity for " + name);
        }
    }

    @FunctionalInterface
    public interface Implementation {

        /**
         * @throws JsSemantics.JsTypeError where the JavaScript original would throw; reported with the expression
         */
        Object apply(List<Object> arguments, EvaluationContext context);
    }

    String arity() {
        if (minArguments == maxArguments) {
            return minArguments == 1 ? "1 argument" : minArguments + " arguments";
        }
        return minArguments + " to " + maxArguments + " arguments";
    }
}
