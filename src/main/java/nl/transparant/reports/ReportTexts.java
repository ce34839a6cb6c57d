package nl.transparant.reports;

import java.util.Locale;
import java.util.Map;

/**
 * The policy files write Dutch in a text field and other languages beside it as {@code <field>_<language>}; the
 * engine keeps those in each record's {@code translations}. A missing translation shows the Dutch text.
 */
final class ReportTexts {

    static final String DUTCH = "nl";

    private ReportTexts() {
    }

    static String text(String dutch, Map<String, String> translations, String field, Locale locale) {
        if (DUTCH.equals(locale.getLanguage()) || translations == null) {
            return dutch;
        }
        String translated = translations.get(field + "_" + locale.getLanguage());
        return translated == null || translated.isBlank() ? dutch : translated;
    }

    /** For the product's own plain-map extensions, such as an assessment's {@code otherwise}. */
    static String entry(Map<?, ?> entry, String field, Locale locale) {
        Object translated = entry.get(field + "_" + locale.getLanguage());
        Object text = DUTCH.equals(locale.getLanguage()) || translated == null ? entry.get(field) : translated;
        return text == null ? null : String.valueOf(text);
    }
}
