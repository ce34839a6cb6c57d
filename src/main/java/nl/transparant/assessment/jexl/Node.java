package nl.transparant.assessment.jexl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The expression tree, shaped as jexl 2.3's parser shapes it. While parsing, nodes are linked to their
 * parent so the parser can climb for operator precedence; once compiled the tree is only read.
 */
abstract sealed class Node {

    final int position;
    Node parent;

    Node(int position) {
        this.position = position;
    }

    /** Nodes with an operand slot on the right: where the parser places the next operand. */
    abstract static sealed class Operator extends Node permits Unary, Binary {

        final String operator;
        Node right;

        Operator(int position, String operator) {
            super(position);
            this.operator = operator;
        }
    }

    static final class Literal extends Node {

        final Object value;

        Literal(int position, Object value) {
            super(position);
            this.value = value;
        }
    }

    /** A context variable, or a property of {@code from} when it is set; relative inside a filter {@code [.x]}. */
    static final class Identifier extends Node {

        final String name;
        Node from;
        boolean relative;

        Identifier(int position, String name) {
            super(position);
            this.name = name;
        }
    }

    static final class Unary extends Operator {

        Unary(int position, String operator) {
            super(position, operator);
        }
    }

    static final class Binary extends Operator {

        Node left;

        Binary(int position, String operator, Node left) {
            super(position, operator);
            this.left = left;
        }
    }

    /** {@code test ? consequent : alternate}; without a consequent ({@code a ?: b}) the test's value is the result. */
    static final class Conditional extends Node {

        final Node test;
        Node consequent;
        Node alternate;

        Conditional(int position, Node test) {
            super(position);
            this.test = test;
        }
    }

    static final class ArrayLiteral extends Node {

        final List<Node> elements = new ArrayList<>();

        ArrayLiteral(int position) {
            super(position);
        }
    }

    static final class ObjectLiteral extends Node {

        final Map<String, Node> entries = new LinkedHashMap<>();

        ObjectLiteral(int position) {
            super(position);
        }
    }

    /**
     * {@code subject[expr]}: a relative filter ({@code [.x > 1]}) keeps the elements for which the expression
     * holds; a static one reads the property or index the expression yields (or, for a boolean, all or nothing).
     */
    static final class Filter extends Node {

        final Node subject;
        final Node expression;
        final boolean relative;

        Filter(int position, Node subject, Node expression, boolean relative) {
            super(position);
            this.subject = subject;
            this.expression = expression;
            this.relative = relative;
        }
    }

    enum Pool {
        FUNCTION("function"), TRANSFORM("transform");

        final String label;

        Pool(String label) {
            this.label = label;
        }
    }

    /** A function call {@code f(a, b)} or a transform {@code subject | t(a)}, whose subject is its first argument. */
    static final class Call extends Node {

        final Pool pool;
        final String name;
        final List<Node> arguments = new ArrayList<>();
        ExpressionFunction function;

        Call(int position, Pool pool, String name) {
            super(position);
            this.pool = pool;
            this.name = name;
        }
    }
}
