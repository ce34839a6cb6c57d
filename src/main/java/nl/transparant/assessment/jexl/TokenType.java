package nl.transparant.assessment.jexl;

/** The parts of speech of jexl 2.3, named as jexl's grammar names them. */
enum TokenType {
    LITERAL,
    IDENTIFIER,
    BINARY_OP,
    UNARY_OP,
    DOT,
    OPEN_BRACKET,
    CLOSE_BRACKET,
    PIPE,
    OPEN_CURL,
    CLOSE_CURL,
    COLON,
    COMMA,
    OPEN_PAREN,
    CLOSE_PAREN,
    QUESTION
}
