package nl.transparant.cases.questionnaire;

import java.util.Locale;
import java.util.Map;

/**
 * The policy files write Dutch in a text field and other languages next to it as {@code <field>_<language>}
 * (e.g. {@code label_en}); the engine keeps those in each record's {@code translations}. Dutch is the page
 * default, so a missing translation falls back to the Dutch text.
 */
final class PolicyTexts {

    static final String DUTCH = "nl";

    private PolicyTexts() {
    }

    static String text(String dutch, Map<String, String> translations, String field, Locale locale) {
        String language = locale.getLanguage();
        if (DUTCH.equals(language) || translations == null) {
            return dutch;
        }
        String translated = translations.get(field + "_" + language);
        return translated == null || translated.isBlank() ? dutch : translated;
    }
}
