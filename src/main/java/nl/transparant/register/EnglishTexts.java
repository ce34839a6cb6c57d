package nl.transparant.register;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import nl.transparant.standard.RegisterStandard;

/**
 * An entry as the English register serves it: the owner's English texts over the Dutch ones, and {@code lang} "eng" when
 * there are any. A text without an English version stays Dutch, and the pages mark it {@code lang="nl"}. An English text
 * replaces a Dutch one only: it is a translation of the published entry, not an addition to it.
 */
final class EnglishTexts {

    private EnglishTexts() {
    }

    static boolean english(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }

    static Map<String, Object> overlay(Map<String, Object> dutch, Map<String, Object> english) {
        if (english == null || english.isEmpty()) {
            return dutch;
        }
        Map<String, Object> shown = new LinkedHashMap<>(dutch);
        english.forEach((key, value) -> {
            if (RegisterStandard.TRANSLATABLE.contains(key) && shown.containsKey(key)) {
                shown.put(key, value);
            }
        });
        shown.put("lang", "eng");
        return shown;
    }

    /** The texts that have an English version in principle but are shown in Dutch. */
    static Set<String> dutchOnly(Map<String, Object> dutch, Map<String, Object> english) {
        Set<String> keys = new TreeSet<>();
        for (String key : RegisterStandard.TRANSLATABLE) {
            if (dutch.containsKey(key) && (english == null || !english.containsKey(key))) {
                keys.add(key);
            }
        }
        return keys;
    }
}
