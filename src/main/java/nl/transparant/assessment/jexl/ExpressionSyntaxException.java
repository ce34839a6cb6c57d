package nl.transparant.assessment.jexl;

/**
 * An expression that jexl would refuse, or that names a function or transform the language does not know.
 * Raised when the expression is compiled, so a policy with a broken expression is refused as it is loaded.
 */
public class ExpressionSyntaxException extends RuntimeException {

    private final String expression;
    private final int position;
    private final String reason;

    public ExpressionSyntaxException(String expression, int position, String reason) {
        super(reason + " at position " + position + " in `" + expression + "`");
        this.expression = expression;
        this.position = position;
        this.reason = reason;
    }

    public String expression() {
        return expression;
    }

    /** Zero-based offset in the expression where the problem was found. */
    public int position() {
        return position;
    }

    public String reason() {
        return reason;
    }
}
