package nl.transparant.assessment.jexl;

/**
 * An expression that compiled but failed while being evaluated, where jexl itself would throw: reading a
 * property of null or undefined with brackets, member access on an empty array, a function given a value
 * it cannot use. Callers record it as a problem of the evaluation; it is never turned into a silent false.
 */
public class ExpressionEvaluationException extends RuntimeException {

    private final String expression;
    private final int position;

    public ExpressionEvaluationException(String expression, int position, String reason) {
        super(reason + " at position " + position + " in `" + expression + "`");
        this.expression = expression;
        this.position = position;
    }

    public String expression() {
        return expression;
    }

    public int position() {
        return position;
    }
}
