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
     * A value a person sent, fit to repeat in a refusal: quoted when it is an identifier (an organisation code, say), else
     * not repeated at all. Refusals are recorded in the decision log, which keeps whatever it is given for good.
     */
    public static String echoed(String value) {
        return value != null && IDENTIFIER.matcher(value).matches() ? "'" + value + "'" : "(the one you named)";
    }
}
