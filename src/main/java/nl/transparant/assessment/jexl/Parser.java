package nl.transparant.assessment.jexl;

import static nl.transparant.assessment.jexl.TokenType.BINARY_OP;
import static nl.transparant.assessment.jexl.TokenType.CLOSE_BRACKET;
import static nl.transparant.assessment.jexl.TokenType.CLOSE_CURL;
import static nl.transparant.assessment.jexl.TokenType.CLOSE_PAREN;
import static nl.transparant.assessment.jexl.TokenType.COLON;
import static nl.transparant.assessment.jexl.TokenType.COMMA;
import static nl.transparant.assessment.jexl.TokenType.DOT;
import static nl.transparant.assessment.jexl.TokenType.IDENTIFIER;
import static nl.transparant.assessment.jexl.TokenType.LITERAL;
import static nl.transparant.assessment.jexl.TokenType.OPEN_BRACKET;
import static nl.transparant.assessment.jexl.TokenType.OPEN_CURL;
import static nl.transparant.assessment.jexl.TokenType.OPEN_PAREN;
import static nl.transparant.assessment.jexl.TokenType.PIPE;
import static nl.transparant.assessment.jexl.TokenType.QUESTION;
import static nl.transparant.assessment.jexl.TokenType.UNARY_OP;

import java.util.EnumMap;
import java.util.Map;

/**
 * jexl 2.3's parser: a state machine that builds the tree while it reads tokens, with a cursor on the node
 * that receives the next operand. Sub-expressions (parentheses, arguments, array elements, object values,
 * filters, the branches of a conditional) are read by a nested parser that stops at the token that ends them.
 *
 * <p>Reproducing the state machine rather than writing a textbook grammar keeps jexl's own precedence and
 * its peculiarities, which the government's definitions rely on or must avoid:
 * <ul>
 * <li>binary operators climb left-associatively by precedence: {@code ||} and {@code &&} 10,
 * comparisons and {@code in} 20, {@code + -} 30, {@code * / //} 40, {@code % ^} 50; {@code !} binds
 * tightest; so {@code a || b && c} is {@code (a || b) && c}, and {@code 2 * 5 % 3} is {@code 2 * (5 % 3)};</li>
 * <li>{@code ?} makes the whole expression read so far the condition, so {@code a || b ? x : y} tests
 * {@code a || b}; the alternate runs to the end, so conditionals nest to the right;</li>
 * <li>a transform binds to the operand right before it: {@code 1 + x | count} is {@code 1 + (x | count)}
 * and {@code !x | count} is {@code !(x | count)};</li>
 * <li>{@code ?} may not follow a function call or transform directly (jexl issue #121): write
 * {@code f(x) == true ? a : b};</li>
 * <li>no brackets after a literal, an array or a parenthesised expression; object keys are bare identifiers.</li>
 * </ul>
 * Three things jexl would accept by accident are refused: unclosed leading parentheses ({@code (1 + 2}),
 * empty parts that would fail only at run time ({@code ()}, {@code a[]}, {@code {a: }}, {@code a ? b :}),
 * and calls on a path ({@code a.b()}), which jexl would run as {@code b()}.
 */
final class Parser {

    private enum State {
        EXPECT_OPERAND(false), EXPECT_BIN_OP(true), EXPECT_TRANSFORM(false), EXPECT_OBJ_KEY(false),
        EXPECT_KEY_VAL_SEP(false), POST_TRANSFORM(true), POST_ARGS(true), IDENTIFIER(true), TRAVERSE(false),
        FILTER(false), SUB_EXPRESSION(false), ARG_VAL(false), OBJ_VAL(false), ARRAY_VAL(false), TERNARY_MID(false),
        TERNARY_END(true);

        final boolean completable;

        State(boolean completable) {
            this.completable = completable;
        }
    }

    private enum Handler {
        DEFAULT, NONE, ARRAY_START, OBJ_START, OBJ_KEY, TERNARY_START, TRANSFORM, FUNCTION_CALL
    }

    private record Transition(State to, Handler handler) {
    }

    private static final Map<State, Map<TokenType, Transition>> TRANSITIONS = new EnumMap<>(State.class);
    /** States that read a sub-expression, with the tokens that end it and the state that follows. */
    private static final Map<State, Map<TokenType, State>> END_STATES = new EnumMap<>(State.class);

    static {
        TRANSITIONS.put(State.EXPECT_OPERAND, Map.of(
                LITERAL, new Transition(State.EXPECT_BIN_OP, Handler.DEFAULT),
                IDENTIFIER, new Transition(State.IDENTIFIER, Handler.DEFAULT),
                UNARY_OP, new Transition(null, Handler.DEFAULT),
                OPEN_PAREN, new Transition(State.SUB_EXPRESSION, Handler.NONE),
                OPEN_CURL, new Transition(State.EXPECT_OBJ_KEY, Handler.OBJ_START),
                DOT, new Transition(State.TRAVERSE, Handler.DEFAULT),
                OPEN_BRACKET, new Transition(State.ARRAY_VAL, Handler.ARRAY_START)));
        TRANSITIONS.put(State.EXPECT_BIN_OP, Map.of(
                BINARY_OP, new Transition(State.EXPECT_OPERAND, Handler.DEFAULT),
                PIPE, new Transition(State.EXPECT_TRANSFORM, Handler.NONE),
                DOT, new Transition(State.TRAVERSE, Handler.DEFAULT),
                QUESTION, new Transition(State.TERNARY_MID, Handler.TERNARY_START)));
        TRANSITIONS.put(State.EXPECT_TRANSFORM, Map.of(
                IDENTIFIER, new Transition(State.POST_TRANSFORM, Handler.TRANSFORM)));
        TRANSITIONS.put(State.EXPECT_OBJ_KEY, Map.of(
                IDENTIFIER, new Transition(State.EXPECT_KEY_VAL_SEP, Handler.OBJ_KEY),
                CLOSE_CURL, new Transition(State.EXPECT_BIN_OP, Handler.NONE)));
        TRANSITIONS.put(State.EXPECT_KEY_VAL_SEP, Map.of(
                COLON, new Transition(State.OBJ_VAL, Handler.NONE)));
        TRANSITIONS.put(State.POST_TRANSFORM, Map.of(
                OPEN_PAREN, new Transition(State.ARG_VAL, Handler.NONE),
                BINARY_OP, new Transition(State.EXPECT_OPERAND, Handler.DEFAULT),
                DOT, new Transition(State.TRAVERSE, Handler.DEFAULT),
                OPEN_BRACKET, new Transition(State.FILTER, Handler.NONE),
                PIPE, new Transition(State.EXPECT_TRANSFORM, Handler.NONE)));
        TRANSITIONS.put(State.POST_ARGS, Map.of(
                BINARY_OP, new Transition(State.EXPECT_OPERAND, Handler.DEFAULT),
                DOT, new Transition(State.TRAVERSE, Handler.DEFAULT),
                OPEN_BRACKET, new Transition(State.FILTER, Handler.NONE),
                PIPE, new Transition(State.EXPECT_TRANSFORM, Handler.NONE)));
        TRANSITIONS.put(State.IDENTIFIER, Map.of(
                BINARY_OP, new Transition(State.EXPECT_OPERAND, Handler.DEFAULT),
                DOT, new Transition(State.TRAVERSE, Handler.DEFAULT),
                OPEN_BRACKET, new Transition(State.FILTER, Handler.NONE),
                OPEN_PAREN, new Transition(State.ARG_VAL, Handler.FUNCTION_CALL),
                PIPE, new Transition(State.EXPECT_TRANSFORM, Handler.NONE),
                QUESTION, new Transition(State.TERNARY_MID, Handler.TERNARY_START)));
        TRANSITIONS.put(State.TRAVERSE, Map.of(
                IDENTIFIER, new Transition(State.IDENTIFIER, Handler.DEFAULT)));

        END_STATES.put(State.FILTER, Map.of(CLOSE_BRACKET, State.IDENTIFIER));
        END_STATES.put(State.SUB_EXPRESSION, Map.of(CLOSE_PAREN, State.EXPECT_BIN_OP));
        END_STATES.put(State.ARG_VAL, Map.of(COMMA, State.ARG_VAL, CLOSE_PAREN, State.POST_ARGS));
        END_STATES.put(State.OBJ_VAL, Map.of(COMMA, State.EXPECT_OBJ_KEY, CLOSE_CURL, State.EXPECT_BIN_OP));
        END_STATES.put(State.ARRAY_VAL, Map.of(COMMA, State.ARRAY_VAL, CLOSE_BRACKET, State.EXPECT_BIN_OP));
        END_STATES.put(State.TERNARY_MID, Map.of(COLON, State.TERNARY_END));
        END_STATES.put(State.TERNARY_END, null);
    }

    private static final Map<String, Integer> PRECEDENCE = Map.ofEntries(
            Map.entry("||", 10), Map.entry("&&", 10),
            Map.entry("==", 20), Map.entry("!=", 20), Map.entry("<", 20), Map.entry("<=", 20), Map.entry(">", 20),
            Map.entry(">=", 20), Map.entry("in", 20),
            Map.entry("+", 30), Map.entry("-", 30),
            Map.entry("*", 40), Map.entry("/", 40), Map.entry("//", 40),
            Map.entry("%", 50), Map.entry("^", 50),
            Map.entry("!", Integer.MAX_VALUE));

    private final String source;
    private final Map<TokenType, State> stopMap;
    private State state = State.EXPECT_OPERAND;
    private Node tree;
    private Node cursor;
    private boolean relative;
    private Parser subParser;
    private boolean parentStop;
    private boolean nextIdentEncapsulate;
    private boolean nextIdentRelative;
    private String currentObjectKey;
    private int subExpressionStart;

    private Parser(String source, Map<TokenType, State> stopMap) {
        this.source = source;
        this.stopMap = stopMap == null ? Map.of() : stopMap;
    }

    /** The tree of an expression; an empty expression is refused. */
    static Node parse(String source) {
        Parser parser = new Parser(source, null);
        for (Token token : Lexer.tokenize(source)) {
            parser.addToken(token);
        }
        Node tree = parser.complete(source.length());
        if (tree == null) {
            throw new ExpressionSyntaxException(source, 0, "empty expression");
        }
        return tree;
    }

    /** Returns the state to go to when this (sub-)parser met a token that ends it, or null to go on. */
    private State addToken(Token token) {
        if (END_STATES.containsKey(state)) {
            if (subParser == null) {
                startSubExpression(token.position());
            }
            State stop = subParser.addToken(token);
            if (stop != null) {
                endSubExpression(token);
                if (parentStop) {
                    return stop;
                }
                state = stop;
            }
        } else if (TRANSITIONS.get(state).containsKey(token.type())) {
            Transition transition = TRANSITIONS.get(state).get(token.type());
            handle(transition.handler(), token);
            if (transition.to() != null) {
                state = transition.to();
            }
        } else if (stopMap.containsKey(token.type())) {
            return stopMap.get(token.type());
        } else {
            throw unexpected(token);
        }
        return null;
    }

    private ExpressionSyntaxException unexpected(Token token) {
        String reason = "unexpected " + token.display();
        if (token.is(QUESTION) && (state == State.POST_ARGS || state == State.POST_TRANSFORM)) {
            reason += ": jexl does not accept '?' right after a function call or transform; compare it, e.g. `f(x) == true ? a : b`";
        } else if (token.is(BINARY_OP) && token.text().equals("-") && state == State.EXPECT_OPERAND) {
            reason += ": jexl reads a '-' right after ',' as subtraction, not as a negative number; write `0 - n` there";
        } else if (token.is(OPEN_BRACKET) && state == State.EXPECT_BIN_OP) {
            reason += ": jexl allows [...] only after a name, a function call or a transform";
        } else if (token.is(LITERAL) && state == State.EXPECT_OBJ_KEY) {
            reason += ": object keys must be plain names in jexl";
        }
        return new ExpressionSyntaxException(source, token.position(), reason);
    }

    private Node complete(int endPosition) {
        if (!state.completable && (cursor != null || subParser != null || state != State.EXPECT_OPERAND)) {
            String reason = switch (state) {
                case SUB_EXPRESSION, ARG_VAL -> "missing ')'";
                case ARRAY_VAL, FILTER -> "missing ']'";
                case OBJ_VAL, EXPECT_OBJ_KEY, EXPECT_KEY_VAL_SEP -> "missing '}'";
                case TERNARY_MID -> "missing ':' of the conditional";
                default -> "unexpected end of expression";
            };
            throw new ExpressionSyntaxException(source, endPosition, reason);
        }
        if (subParser != null) {
            endSubExpression(null);
        }
        if (cursor instanceof Node.Conditional conditional && conditional.alternate == null) {
            throw new ExpressionSyntaxException(source, endPosition, "missing the expression after ':'");
        }
        return cursor == null ? null : tree;
    }

    private void startSubExpression(int position) {
        Map<TokenType, State> endStates = END_STATES.get(state);
        if (endStates == null) {
            parentStop = true;
            endStates = stopMap;
        }
        subExpressionStart = position;
        subParser = new Parser(source, endStates);
    }

    private void endSubExpression(Token stopToken) {
        int end = stopToken == null ? source.length() : stopToken.position();
        Node subTree = subParser.complete(end);
        boolean subRelative = subParser.relative;
        subParser = null;
        switch (state) {
            case FILTER -> {
                if (subTree == null) {
                    throw new ExpressionSyntaxException(source, end, "empty [] after " + describe(cursor));
                }
                placeBeforeCursor(new Node.Filter(subExpressionStart, cursor, subTree, subRelative));
            }
            case SUB_EXPRESSION -> {
                if (subTree == null) {
                    throw new ExpressionSyntaxException(source, end, "empty parentheses");
                }
                placeAtCursor(subTree);
            }
            case ARG_VAL -> {
                if (subTree != null) {
                    ((Node.Call) cursor).arguments.add(subTree);
                }
            }
            case OBJ_VAL -> {
                if (subTree == null) {
                    throw new ExpressionSyntaxException(source, end, "missing the value of '" + currentObjectKey + "'");
                }
                ((Node.ObjectLiteral) cursor).entries.put(currentObjectKey, subTree);
            }
            case ARRAY_VAL -> {
                if (subTree != null) {
                    ((Node.ArrayLiteral) cursor).elements.add(subTree);
                }
            }
            case TERNARY_MID -> ((Node.Conditional) cursor).consequent = subTree;
            case TERNARY_END -> ((Node.Conditional) cursor).alternate = subTree;
            default -> throw new IllegalStateException("No sub-expression in state " + state);
        }
    }

    private void handle(Handler handler, Token token) {
        switch (handler) {
            case NONE -> {
            }
            case DEFAULT -> {
                switch (token.type()) {
                    case LITERAL -> placeAtCursor(new Node.Literal(token.position(), token.value()));
                    case IDENTIFIER -> identifier(token);
                    case UNARY_OP -> placeAtCursor(new Node.Unary(token.position(), token.text()));
                    case BINARY_OP -> binaryOperator(token);
                    case DOT -> dot();
                    default -> throw new IllegalStateException("No handler for " + token.type());
                }
            }
            case ARRAY_START -> placeAtCursor(new Node.ArrayLiteral(token.position()));
            case OBJ_START -> placeAtCursor(new Node.ObjectLiteral(token.position()));
            case OBJ_KEY -> currentObjectKey = token.text();
            case TERNARY_START -> {
                tree = new Node.Conditional(token.position(), tree);
                cursor = tree;
            }
            case TRANSFORM -> {
                Node.Call transform = new Node.Call(token.position(), Node.Pool.TRANSFORM, token.text());
                transform.arguments.add(cursor);
                placeBeforeCursor(transform);
            }
            case FUNCTION_CALL -> functionCall(token);
        }
    }

    private void functionCall(Token token) {
        if (!(cursor instanceof Node.Identifier name) || name.from != null || name.relative) {
            throw new ExpressionSyntaxException(source, token.position(), "only a plain function name may be called, not "
                    + describe(cursor) + " (jexl would ignore everything before the last name)");
        }
        placeBeforeCursor(new Node.Call(name.position, Node.Pool.FUNCTION, name.name));
    }

    private void binaryOperator(Token token) {
        int precedence = PRECEDENCE.get(token.text());
        Node parent = cursor.parent;
        while (parent instanceof Node.Operator operator && PRECEDENCE.get(operator.operator) >= precedence) {
            cursor = parent;
            parent = parent.parent;
        }
        Node.Binary node = new Node.Binary(token.position(), token.text(), cursor);
        cursor.parent = node;
        cursor = parent;
        placeAtCursor(node);
    }

    private void dot() {
        nextIdentEncapsulate = cursor != null && !(cursor instanceof Node.Unary)
                && (!(cursor instanceof Node.Binary binary) || binary.right != null);
        nextIdentRelative = cursor == null || !nextIdentEncapsulate;
        if (nextIdentRelative) {
            relative = true;
        }
    }

    private void identifier(Token token) {
        Node.Identifier node = new Node.Identifier(token.position(), token.text());
        if (nextIdentEncapsulate) {
            node.from = cursor;
            placeBeforeCursor(node);
            nextIdentEncapsulate = false;
        } else {
            if (nextIdentRelative) {
                node.relative = true;
                nextIdentRelative = false;
            }
            placeAtCursor(node);
        }
    }

    /** Puts the node in the operand slot of the cursor (or makes it the tree) and moves the cursor onto it. */
    private void placeAtCursor(Node node) {
        if (cursor == null) {
            tree = node;
        } else if (cursor instanceof Node.Operator operator) {
            operator.right = node;
            node.parent = cursor;
        } else {
            throw new IllegalStateException("Cannot place an operand after " + describe(cursor) + " in " + source);
        }
        cursor = node;
    }

    /** Replaces the node at the cursor by one that wraps it (a property access, filter, call or transform). */
    private void placeBeforeCursor(Node node) {
        cursor = cursor.parent;
        placeAtCursor(node);
    }

    private static String describe(Node node) {
        if (node instanceof Node.Identifier identifier) {
            return identifier.from == null ? "'" + identifier.name + "'" : "the path ending in '" + identifier.name + "'";
        }
        if (node instanceof Node.Call call) {
            return "the " + call.pool.label + " '" + call.name + "'";
        }
        return node == null ? "nothing" : "that " + node.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
}
