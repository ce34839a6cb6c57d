package nl.transparant.assessment.jexl;

/**
 * One token of an expression.
 *
 * @param text     the token as written (an operator symbol, an identifier name, a literal's source)
 * @param value    for literals: the Double, String or Boolean value; otherwise null
 * @param position offset of the token's first character in the expression, for error messages
 */
record Token(TokenType type, String text, Object value, int position) {

    boolean is(TokenType other) {
        return type == other;
    }

    String display() {
        return type == TokenType.LITERAL && value instanceof String ? text : "'" + text + "'";
    }
}
