package nl.transparant.assessment.jexl;

import static nl.transparant.assessment.jexl.Undefined.UNDEFINED;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The JavaScript (ECMAScript 2020) value rules that jexl inherits by evaluating its operators with
 * JavaScript's own operators. Values are modelled as: {@link Undefined#UNDEFINED}, {@code null},
 * {@link Boolean}, {@link Double} (every number), {@link String}, {@link List} (an array) and
 * {@link Map} with string keys (a plain object). Arrays and objects compare by identity, as in JavaScript.
 *
 * <p>What is modelled, by the specification's names:
 * <ul>
 * <li>ToBoolean (truthiness): false, 0, -0, NaN, "", null and undefined are falsy; everything else,
 * including {@code []} and {@code {}}, is truthy.</li>
 * <li>ToNumber: undefined → NaN, null → 0, true → 1, false → 0, strings by StringToNumber (trimmed;
 * "" → 0; decimal with optional exponent; Infinity; 0x/0o/0b integers; anything else NaN); arrays and
 * objects through ToPrimitive.</li>
 * <li>ToPrimitive: an array becomes its elements joined with "," (null and undefined as ""), an object
 * becomes "[object Object]".</li>
 * <li>ToString, including Number::toString (shortest round-trip digits, exponent form below 1e-6 and
 * from 1e21).</li>
 * <li>Abstract Equality ({@code ==}): same type → strict; null == undefined; number vs string compares
 * numbers; a boolean is compared as its number; an array or object against a string or number is compared
 * as its primitive; null and undefined equal nothing else.</li>
 * <li>Abstract Relational Comparison ({@code < <= > >=}): two strings compare by UTF-16 code units,
 * otherwise both sides as numbers, where NaN makes every comparison false.</li>
 * <li>The addition operator: string concatenation as soon as one primitive side is a string, numeric
 * addition otherwise (so {@code true + true} is 2).</li>
 * </ul>
 * Not modelled: inherited properties of JavaScript's built-in prototypes (methods such as
 * {@code toString} or {@code constructor}); their lookup yields undefined here.
 */
public final class JsSemantics {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(?:(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?|Infinity)");
    private static final Pattern HEX = Pattern.compile("0[xX][0-9a-fA-F]+");
    private static final Pattern OCTAL = Pattern.compile("0[oO][0-7]+");
    private static final Pattern BINARY = Pattern.compile("0[bB][01]+");
    private static final Pattern ARRAY_INDEX = Pattern.compile("0|[1-9][0-9]{0,9}");

    private JsSemantics() {
    }

    /** Converts values from YAML, JSON or Java callers into the value model above (numbers become doubles). */
    public static Object fromJava(Object value) {
        if (value == null || value == UNDEFINED || value instanceof Boolean || value instanceof String || value instanceof Double) {
            return value;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof CharSequence || value instanceof Character) {
            return value.toString();
        }
        if (value instanceof TemporalAccessor) {
            return value.toString();
        }
        if (value instanceof Date date) {
            return date.toInstant().toString();
        }
        if (value instanceof Collection<?> collection) {
            List<Object> array = new ArrayList<>(collection.size());
            collection.forEach(element -> array.add(fromJava(element)));
            return array;
        }
        if (value instanceof Object[] elements) {
            return fromJava(List.of(elements));
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> object = new LinkedHashMap<>();
            map.forEach((key, element) -> object.put(String.valueOf(key), fromJava(element)));
            return object;
        }
        throw new IllegalArgumentException("No JavaScript equivalent for a " + value.getClass().getName());
    }

    public static boolean isTruthy(Object value) {
        if (value == null || value == UNDEFINED) {
            return false;
        }
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (value instanceof Double number) {
            return number != 0 && !number.isNaN();
        }
        if (value instanceof String string) {
            return !string.isEmpty();
        }
        return true;
    }

    static boolean isObject(Object value) {
        return value instanceof List || value instanceof Map;
    }

    public static Object toPrimitive(Object value) {
        if (value instanceof List<?> array) {
            StringJoiner joined = new StringJoiner(",");
            for (Object element : array) {
                joined.add(element == null || element == UNDEFINED ? "" : toJsString(element));
            }
            return joined.toString();
        }
        if (value instanceof Map) {
            return "[object Object]";
        }
        return value;
    }

    public static double toNumber(Object value) {
        Object primitive = toPrimitive(value);
        if (primitive == UNDEFINED) {
            return Double.NaN;
        }
        if (primitive == null) {
            return 0;
        }
        if (primitive instanceof Boolean bool) {
            return bool ? 1 : 0;
        }
        if (primitive instanceof Double number) {
            return number;
        }
        return stringToNumber((String) primitive);
    }

    /** StringToNumber of ECMAScript, which differs from {@link Double#parseDouble} (no "1d", "NaN" or "0x1p3"). */
    public static double stringToNumber(String text) {
        String trimmed = trimJsWhitespace(text);
        if (trimmed.isEmpty()) {
            return 0;
        }
        if (DECIMAL.matcher(trimmed).matches()) {
            if (trimmed.endsWith("Infinity")) {
                return trimmed.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            return Double.parseDouble(trimmed);
        }
        if (HEX.matcher(trimmed).matches()) {
            return new BigInteger(trimmed.substring(2), 16).doubleValue();
        }
        if (OCTAL.matcher(trimmed).matches()) {
            return new BigInteger(trimmed.substring(2), 8).doubleValue();
        }
        if (BINARY.matcher(trimmed).matches()) {
            return new BigInteger(trimmed.substring(2), 2).doubleValue();
        }
        return Double.NaN;
    }

    private static String trimJsWhitespace(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isJsWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && isJsWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /** JavaScript's WhiteSpace and LineTerminator characters (what {@code \s} and {@code trim} mean there). */
    static boolean isJsWhitespace(char c) {
        return c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r' || c == ' ' || c == 0xA0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
                || c == 0x3000 || c == 0xFEFF;
    }

    public static String toJsString(Object value) {
        Object primitive = toPrimitive(value);
        if (primitive == UNDEFINED) {
            return "undefined";
        }
        if (primitive == null) {
            return "null";
        }
        if (primitive instanceof Double number) {
            return numberToString(number);
        }
        return primitive.toString();
    }

    /** Number::toString(10): the shortest digits that read back as the same double, laid out as JavaScript does. */
    public static String numberToString(double number) {
        if (Double.isNaN(number)) {
            return "NaN";
        }
        if (number == 0) {
            return "0";
        }
        if (number < 0) {
            return "-" + numberToString(-number);
        }
        if (Double.isInfinite(number)) {
            return "Infinity";
        }
        BigDecimal shortest = shortestRoundTrip(number);
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int n = k - shortest.scale();
        if (k <= n && n <= 21) {
            return digits + "0".repeat(n - k);
        }
        if (0 < n && n <= 21) {
            return digits.substring(0, n) + "." + digits.substring(n);
        }
        if (-6 < n && n <= 0) {
            return "0." + "0".repeat(-n) + digits;
        }
        int exponent = n - 1;
        String sign = exponent < 0 ? "-" : "+";
        String mantissa = k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return mantissa + "e" + sign + Math.abs(exponent);
    }

    private static BigDecimal shortestRoundTrip(double number) {
        BigDecimal exact = new BigDecimal(number);
        for (int precision = 1; precision < 17; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == number) {
                return candidate.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    /** The {@code ===} operator. */
    public static boolean strictEquals(Object left, Object right) {
        if (left == UNDEFINED || right == UNDEFINED || left == null || right == null) {
            return left == right;
        }
        if (left instanceof Double a && right instanceof Double b) {
            return a.doubleValue() == b.doubleValue();
        }
        if (isObject(left) || isObject(right)) {
            return left == right;
        }
        return left.getClass() == right.getClass() && left.equals(right);
    }

    /** The {@code ==} operator (Abstract Equality Comparison). */
    public static boolean looseEquals(Object left, Object right) {
        if (sameType(left, right)) {
            return strictEquals(left, right);
        }
        boolean leftNullish = left == null || left == UNDEFINED;
        boolean rightNullish = right == null || right == UNDEFINED;
        if (leftNullish || rightNullish) {
            return leftNullish && rightNullish;
        }
        if (left instanceof Double && right instanceof String) {
            return (Double) left == stringToNumber((String) right);
        }
        if (left instanceof String && right instanceof Double) {
            return stringToNumber((String) left) == (Double) right;
        }
        if (left instanceof Boolean bool) {
            return looseEquals(bool ? 1.0 : 0.0, right);
        }
        if (right instanceof Boolean bool) {
            return looseEquals(left, bool ? 1.0 : 0.0);
        }
        if ((left instanceof String || left instanceof Double) && isObject(right)) {
            return looseEquals(left, toPrimitive(right));
        }
        if (isObject(left) && (right instanceof String || right instanceof Double)) {
            return looseEquals(toPrimitive(left), right);
        }
        return false;
    }

    private static boolean sameType(Object left, Object right) {
        if (left == null || right == null || left == UNDEFINED || right == UNDEFINED) {
            return left == right;
        }
        if (isObject(left) && isObject(right)) {
            return true;
        }
        return left.getClass() == right.getClass();
    }

    /** The {@code +} operator. */
    public static Object add(Object left, Object right) {
        Object a = toPrimitive(left);
        Object b = toPrimitive(right);
        if (a instanceof String || b instanceof String) {
            return toJsString(a) + toJsString(b);
        }
        return toNumber(a) + toNumber(b);
    }

    /** IsLessThan: true, false, or null where JavaScript answers undefined (a NaN was involved). */
    private static Boolean isLessThan(Object left, Object right) {
        Object a = toPrimitive(left);
        Object b = toPrimitive(right);
        if (a instanceof String first && b instanceof String second) {
            return first.compareTo(second) < 0;
        }
        double x = toNumber(a);
        double y = toNumber(b);
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return null;
        }
        return x < y;
    }

    public static boolean lessThan(Object left, Object right) {
        return Boolean.TRUE.equals(isLessThan(left, right));
    }

    public static boolean greaterThan(Object left, Object right) {
        return Boolean.TRUE.equals(isLessThan(right, left));
    }

    public static boolean lessOrEqual(Object left, Object right) {
        return Boolean.FALSE.equals(isLessThan(right, left));
    }

    public static boolean greaterOrEqual(Object left, Object right) {
        return Boolean.FALSE.equals(isLessThan(left, right));
    }

    /**
     * jexl's {@code in}: substring search when the right side is a string (the left side converted with
     * ToString, as {@code String.prototype.indexOf} does), strict membership when it is an array, false otherwise.
     */
    public static boolean in(Object needle, Object haystack) {
        if (haystack instanceof String text) {
            return text.contains(toJsString(needle));
        }
        if (haystack instanceof List<?> array) {
            return array.stream().anyMatch(element -> strictEquals(element, needle));
        }
        return false;
    }

    /**
     * Property access {@code subject[key]} on a value that is neither null nor undefined: own properties of
     * objects, indexes and {@code length} of arrays and strings; everything else is undefined.
     *
     * @throws JsTypeError when the subject is null or undefined, as JavaScript throws a TypeError
     */
    public static Object property(Object subject, Object key) {
        String name = toJsString(key);
        if (subject == null || subject == UNDEFINED) {
            throw new JsTypeError("cannot read property '" + name + "' of " + toJsString(subject));
        }
        if (subject instanceof Map<?, ?> object) {
            return object.containsKey(name) ? object.get(name) : UNDEFINED;
        }
        if (subject instanceof List<?> array) {
            if (name.equals("length")) {
                return (double) array.size();
            }
            int index = arrayIndex(name);
            return index >= 0 && index < array.size() ? array.get(index) : UNDEFINED;
        }
        if (subject instanceof String text) {
            if (name.equals("length")) {
                return (double) text.length();
            }
            int index = arrayIndex(name);
            return index >= 0 && index < text.length() ? String.valueOf(text.charAt(index)) : UNDEFINED;
        }
        return UNDEFINED;
    }

    private static int arrayIndex(String name) {
        if (!ARRAY_INDEX.matcher(name).matches()) {
            return -1;
        }
        long index = Long.parseLong(name);
        return index > Integer.MAX_VALUE ? -1 : (int) index;
    }

    /** A short description of a value for error messages, e.g. {@code 'abc'}, {@code 3}, {@code an array}. */
    public static String describe(Object value) {
        if (value instanceof String text) {
            return "'" + text + "'";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof Map) {
            return "an object";
        }
        return toJsString(value);
    }

    /** JavaScript's TypeError, raised where jexl itself would fail while evaluating. */
    public static final class JsTypeError extends RuntimeException {

        public JsTypeError(String message) {
            super(message);
        }
    }
}
