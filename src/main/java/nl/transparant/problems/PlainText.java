package nl.transparant.problems;

import java.util.regex.Pattern;

/** Free text that is shown as text: markup is refused on the way in rather than trusted to escaping alone. */
public final class PlainText {

    private static final Pattern MARKUP = Pattern.compile("<\\s*[/!?a-zA-Z]");

    private PlainText() {
    }

    public static boolean containsMarkup(String text) {
        return text != null && MARKUP.matcher(text).find();
    }
}
