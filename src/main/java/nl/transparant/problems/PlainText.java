package nl.transparant.problems;

import java.util.regex.Pattern;

/** Free text that is shown as text: markup is refused on the way in rather than trusted to escaping alone. */
public final class PlainText {

    /** What a browser reads as the start of a tag: "<" right before a letter, "/", "!" or "?" ("a < b" is text). */
    private static final Pattern MARKUP = Pattern.compile("<[/!?a-zA-Z]");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private PlainText() {
    }

    public static boolean containsMarkup(String text) {
        return text != null && MARKUP.matcher(text).find();
    }

    /**
     * Whether a text has a character a reader sees: not only spaces of any kind (a no-break space, U+202F), format
     * characters (a zero-width space, U+200B; a word joiner, U+2060; a byte order mark, U+FEFF) and control characters.
     * A required rationale or note of only such characters was accepted and recorded as if written (outside tester).
     */
    public static boolean hasVisibleText(String text) {
        return text != null && text.codePoints().anyMatch(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c)
                && Character.getType(c) != Character.FORMAT && !Character.isISOControl(c));
    }

    /**
     * What is wrong with a text's characters, as a message key, or null: a control character other than a line break or
     * tab; half of a surrogate pair (what reaches us past the JSON bodies' check, an import's file of another type: never
     * stored); a character that overrides, embeds or isolates the reading direction (U+202A–U+202E, U+2066–U+2069),
     * which makes a text read other than it is, in the register and in the decision log alike.
     */
    public static String characterProblem(String text) {
        if (text == null) {
            return null;
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            return "problem.field.controlCharacters";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "problem.field.surrogate";
            }
        }
        if (text.chars().anyMatch(c -> c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069)) {
            return "problem.field.directionControls";
        }
        return null;
    }

    /**
     * A value a person sent, fit to repeat in a refusal: quoted when it is an identifier (an organisation code, say), else
     * not repeated at all. Refusals are recorded in the decision log, which keeps whatever it is given for good.
     */
    public static String echoed(String value) {
        return value != null && IDENTIFIER.matcher(value).matches() ? "'" + value + "'" : "(the one you named)";
    }
}
