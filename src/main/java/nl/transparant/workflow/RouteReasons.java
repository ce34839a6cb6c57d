package nl.transparant.workflow;

import java.util.Locale;

/**
 * A route table's reason as the policy writes it: both languages in one text, {@code "Nederlands / English"}
 * ({@code policies/review-route.dmn}, output {@code routeReason}), so that a rule's reason stays one cell. A reader
 * gets the half in their language; a reason without exactly one {@code " / "} between two texts is shown as written.
 */
public final class RouteReasons {

    /** Between the Dutch and the English text of a reason. */
    static final String BETWEEN_LANGUAGES = " / ";

    private RouteReasons() {
    }

    /** The reason in the reader's language: the Dutch half by default, the English half on request. */
    public static String inLanguage(String reason, Locale locale) {
        if (reason == null) {
            return null;
        }
        int at = reason.indexOf(BETWEEN_LANGUAGES);
        if (at < 0 || reason.indexOf(BETWEEN_LANGUAGES, at + BETWEEN_LANGUAGES.length()) >= 0) {
            return reason;
        }
        String dutch = reason.substring(0, at).strip();
        String english = reason.substring(at + BETWEEN_LANGUAGES.length()).strip();
        if (dutch.isEmpty() || english.isEmpty()) {
            return reason;
        }
        return locale != null && "en".equals(locale.getLanguage()) ? english : dutch;
    }
}
