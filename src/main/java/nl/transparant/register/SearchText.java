package nl.transparant.register;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;

/**
 * Text as the search compares it: lower case, without markup and without accents, so "Coördinatie" is found
 * by "coordinatie" and a tag name in rich text never matches. The same folding is applied to what is stored
 * and to what is asked, which is what lets a plain LIKE do the work on MariaDB and H2 alike.
 */
final class SearchText {

    static final int MAX_TERMS = 10;

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACE = Pattern.compile("\\s+");

    private SearchText() {
    }

    static String fold(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String plain = text.indexOf('<') >= 0 ? Jsoup.parse(text).text() : text;
        String unaccented = MARKS.matcher(Normalizer.normalize(plain, Normalizer.Form.NFD)).replaceAll("");
        return SPACE.matcher(unaccented.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    /** The words of a search, each of which must occur; more than {@link #MAX_TERMS} narrow nothing further. */
    static List<String> terms(String searchText) {
        String folded = fold(searchText);
        if (folded.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(folded.split(" ")).distinct().limit(MAX_TERMS).toList();
    }

    /** A LIKE pattern that finds the value anywhere, with '!' escaping the pattern's own wildcards. */
    static String containing(String value) {
        return "%" + escape(value) + "%";
    }

    static String escape(String value) {
        return value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
