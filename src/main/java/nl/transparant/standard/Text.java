package nl.transparant.standard;

import java.util.Locale;

/** A text in Dutch and English; Dutch is the standard's own language and the fallback. */
public record Text(String nl, String en) {

    public String in(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) && en != null ? en : nl;
    }
}
