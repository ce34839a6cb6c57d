package nl.transparant.assessment.jexl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Splits an expression into tokens exactly as jexl 2.3's lexer does. jexl splits the string with one
 * regular expression whose alternatives are tried in this order at each position: quoted strings,
 * whitespace, {@code true}, {@code false}, the grammar's symbols (longest first; {@code in} only as a whole
 * word), identifiers, unsigned numbers. A {@code -} directly before an operand, where the previous token is
 * an operator, {@code (}, {@code [}, {@code ?} or {@code :} (or at the very start), is glued to the next
 * element: that makes a negative number literal, and anything else (an identifier, a parenthesis) invalid.
 * jexl has no other unary minus.
 *
 * <p>One deliberate difference: text that starts with a quote but has no closing quote is refused here,
 * where jexl would read the lone quote as an empty string and carry on.
 */
final class Lexer {

    /** Symbols of jexl 2.3's default grammar, longest first, as the lexer tries them. */
    private static final List<String> SYMBOLS = List.of(
            "//", "==", "!=", ">=", "<=", "&&", "||", "in",
            ".", "[", "]", "|", "{", "}", ":", ",", "(", ")", "?", "+", "-", "*", "/", "%", "^", ">", "<", "!");

    private static final Map<String, TokenType> PUNCTUATION = Map.ofEntries(
            Map.entry(".", TokenType.DOT), Map.entry("[", TokenType.OPEN_BRACKET), Map.entry("]", TokenType.CLOSE_BRACKET),
            Map.entry("|", TokenType.PIPE), Map.entry("{", TokenType.OPEN_CURL), Map.entry("}", TokenType.CLOSE_CURL),
            Map.entry(":", TokenType.COLON), Map.entry(",", TokenType.COMMA), Map.entry("(", TokenType.OPEN_PAREN),
            Map.entry(")", TokenType.CLOSE_PAREN), Map.entry("?", TokenType.QUESTION), Map.entry("!", TokenType.UNARY_OP));

    private static final Pattern NUMERIC = Pattern.compile("-?(?:[0-9]*\\.[0-9]+|[0-9]+)");

    /** Token types after which a {@code -} starts a negative number rather than a subtraction. */
    private static final List<TokenType> MINUS_NEGATES_AFTER = List.of(
            TokenType.BINARY_OP, TokenType.UNARY_OP, TokenType.OPEN_PAREN, TokenType.OPEN_BRACKET, TokenType.QUESTION,
            TokenType.COLON);

    private final String source;

    private Lexer(String source) {
        this.source = source;
    }

    static List<Token> tokenize(String source) {
        return new Lexer(source).tokens();
    }

    private record Element(String text, int position, boolean matched) {
    }

    private List<Token> tokens() {
        List<Token> tokens = new ArrayList<>();
        boolean negate = false;
        int negatePosition = 0;
        for (Element element : elements()) {
            if (element.matched() && isWhitespace(element.text())) {
                continue;
            }
            if (element.text().equals("-") && negates(tokens)) {
                if (!negate) {
                    negatePosition = element.position();
                }
                negate = true;
                continue;
            }
            if (!element.matched()) {
                throw unmatched(element);
            }
            if (negate) {
                tokens.add(token("-" + element.text(), negatePosition));
                negate = false;
            } else {
                tokens.add(token(element.text(), element.position()));
            }
        }
        if (negate) {
            tokens.add(token("-", negatePosition));
        }
        return tokens;
    }

    private static boolean negates(List<Token> tokens) {
        return tokens.isEmpty() || MINUS_NEGATES_AFTER.contains(tokens.get(tokens.size() - 1).type());
    }

    private Token token(String text, int position) {
        char first = text.charAt(0);
        if (first == '\'' || first == '"') {
            return new Token(TokenType.LITERAL, text, unquote(text), position);
        }
        if (NUMERIC.matcher(text).matches()) {
            return new Token(TokenType.LITERAL, text, Double.parseDouble(text), position);
        }
        if (text.equals("true") || text.equals("false")) {
            return new Token(TokenType.LITERAL, text, Boolean.valueOf(text), position);
        }
        if (PUNCTUATION.containsKey(text)) {
            return new Token(PUNCTUATION.get(text), text, null, position);
        }
        if (SYMBOLS.contains(text)) {
            return new Token(TokenType.BINARY_OP, text, null, position);
        }
        if (isIdentifier(text)) {
            return new Token(TokenType.IDENTIFIER, text, null, position);
        }
        if (first == '-') {
            throw new ExpressionSyntaxException(source, position, "jexl negates only number literals, not '"
                    + text.substring(1) + "' (write 0 - " + text.substring(1) + ")");
        }
        throw new ExpressionSyntaxException(source, position, "invalid token '" + text + "'");
    }

    private ExpressionSyntaxException unmatched(Element element) {
        char first = element.text().charAt(0);
        if (first == '\'' || first == '"') {
            return new ExpressionSyntaxException(source, element.position(), "string without a closing " + first);
        }
        return new ExpressionSyntaxException(source, element.position(), "invalid token '" + element.text().strip() + "'");
    }

    /** Strips the quotes, unescapes escaped quotes of the same kind, then the first escaped backslash (as jexl does). */
    private static String unquote(String text) {
        char quote = text.charAt(0);
        String inner = text.substring(1, text.length() - 1).replace("\\" + quote, String.valueOf(quote));
        int escapedBackslash = inner.indexOf("\\\\");
        return escapedBackslash < 0 ? inner : inner.substring(0, escapedBackslash) + "\\" + inner.substring(escapedBackslash + 2);
    }

    /** The elements of {@code String.split} on jexl's regular expression: matches and the unmatched text between them. */
    private List<Element> elements() {
        List<Element> elements = new ArrayList<>();
        int position = 0;
        int length = source.length();
        while (position < length) {
            int start = position;
            int matchLength = 0;
            while (start < length && (matchLength = matchAt(start)) == 0) {
                start++;
            }
            if (start > position) {
                elements.add(new Element(source.substring(position, start), position, false));
            }
            if (start < length) {
                elements.add(new Element(source.substring(start, start + matchLength), start, true));
            }
            position = start + matchLength;
        }
        return elements;
    }

    /** Length of the element that jexl's regular expression matches at this position, or 0. */
    private int matchAt(int at) {
        char c = source.charAt(at);
        if (c == '\'' || c == '"') {
            int end = stringEnd(at, c);
            if (end > 0) {
                return end - at;
            }
        }
        if (JsSemantics.isJsWhitespace(c)) {
            int end = at;
            while (end < source.length() && JsSemantics.isJsWhitespace(source.charAt(end))) {
                end++;
            }
            return end - at;
        }
        for (String word : List.of("true", "false")) {
            if (isWholeWordAt(word, at)) {
                return word.length();
            }
        }
        for (String symbol : SYMBOLS) {
            if (symbol.equals("in") ? isWholeWordAt(symbol, at) : source.startsWith(symbol, at)) {
                return symbol.length();
            }
        }
        if (isIdentifierStart(c)) {
            int end = at + 1;
            while (end < source.length() && isIdentifierPart(source.charAt(end))) {
                end++;
            }
            return end - at;
        }
        return numberLength(at);
    }

    /**
     * End (exclusive) of the quoted string starting here, following the backtracking of jexl's pattern
     * {@code '(?:\\'|[^'])*'}: an escaped quote does not close the string, unless no unescaped quote
     * follows, in which case the last escaped quote closes it. 0 when there is no closing quote at all.
     */
    private int stringEnd(int at, char quote) {
        int lastEscapedQuote = -1;
        int i = at + 1;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '\\' && i + 1 < source.length() && source.charAt(i + 1) == quote) {
                lastEscapedQuote = i + 1;
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return lastEscapedQuote > 0 ? lastEscapedQuote + 1 : 0;
    }

    private int numberLength(int at) {
        int i = at;
        while (i < source.length() && isDigit(source.charAt(i))) {
            i++;
        }
        if (i + 1 < source.length() && source.charAt(i) == '.' && isDigit(source.charAt(i + 1))) {
            int end = i + 1;
            while (end < source.length() && isDigit(source.charAt(end))) {
                end++;
            }
            return end - at;
        }
        return i - at;
    }

    /** {@code \bword\b} with JavaScript's ASCII notion of word characters. */
    private boolean isWholeWordAt(String word, int at) {
        if (!source.startsWith(word, at)) {
            return false;
        }
        boolean boundaryBefore = at == 0 || !isJsWordCharacter(source.charAt(at - 1));
        int end = at + word.length();
        boolean boundaryAfter = end == source.length() || !isJsWordCharacter(source.charAt(end));
        return boundaryBefore && boundaryAfter;
    }

    private static boolean isJsWordCharacter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWhitespace(String text) {
        return text.chars().allMatch(c -> JsSemantics.isJsWhitespace((char) c));
    }

    /** Letters jexl 2.3 accepts in identifiers: ASCII, Latin-1 Supplement letters, Russian, plus _ and $. */
    static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$'
                || (c >= 0x0430 && c <= 0x044F) || (c >= 0x0410 && c <= 0x042F)
                || (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0xFF);
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c);
    }

    static boolean isIdentifier(String text) {
        if (text.isEmpty() || !isIdentifierStart(text.charAt(0))) {
            return false;
        }
        return text.chars().skip(1).allMatch(c -> isIdentifierPart((char) c));
    }
}
