package nl.transparant.site;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a form was based on, field by field, so that a save refused because a colleague saved in between can be merged
 * instead of replacing their work: a form whose save was refused came back with everything the person had on it, and
 * saving it again put back the old text of every field the colleague had changed and this person had not (outside
 * tester). The form carries a fingerprint of each value as it was shown ({@link #of}); after a refusal each field takes
 * the colleague's value when this person left it as it was, keeps what this person typed when only they changed it, and
 * is pointed out when both did ({@link #merge}).
 *
 * <p>Values are compared as people see them: text without its line-ending style and surrounding white space, an empty
 * value the same as none, rows of a list without their empty cells.
 */
public final class FormBasis {

    private static final ObjectMapper CANONICAL = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    /** Enough of a SHA-256 to tell two texts of one field apart; this is no security measure. */
    private static final int FINGERPRINT_CHARACTERS = 16;

    private FormBasis() {
    }

    /**
     * The basis of a form showing {@code values} of version {@code version}: "v=version;key=fingerprint;…" for each of
     * {@code keys}, unset ones included. The version is part of it, so a basis copied from a newer page onto an older
     * form is no basis (outside tester: the colleague's changes were then put back unseen).
     */
    public static String of(Map<String, ?> values, Collection<String> keys, long version) {
        List<String> parts = new ArrayList<>();
        parts.add("v=" + version);
        for (String key : keys) {
            parts.add(key + "=" + fingerprint(values.get(key)));
        }
        return String.join(";", parts);
    }

    /**
     * The fingerprints a posted form was based on; empty when it carried none, not in this shape (an old page), or of
     * another version than the form says it was opened at.
     */
    public static Optional<Map<String, String>> parse(String posted, Long version) {
        if (posted == null || posted.isBlank() || posted.length() > 20_000 || version == null || !posted.startsWith("v=" + version + ";")) {
            return Optional.empty();
        }
        Map<String, String> basis = new LinkedHashMap<>();
        for (String part : posted.substring(("v=" + version + ";").length()).split(";")) {
            int equals = part.indexOf('=');
            if (equals <= 0 || equals != part.lastIndexOf('=') || part.length() - equals - 1 != FINGERPRINT_CHARACTERS) {
                return Optional.empty();
            }
            basis.put(part.substring(0, equals), part.substring(equals + 1));
        }
        return Optional.of(basis);
    }

    /**
     * The form to show after a refused save: per field of {@code keys}, what was typed when it differs from the basis,
     * else the value stored now. {@code changedByBoth} are the fields both this person and the other changed, each with
     * the value stored now (the form holds what this person typed); {@code takenOver} the fields that now show the other
     * person's change. A field the basis does not name keeps what was typed, and is among {@code changedByBoth} when it
     * differs from what is stored.
     */
    public static Merged merge(Map<String, String> basis, Map<String, ?> typed, Map<String, ?> stored, Collection<String> keys) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Object> changedByBoth = new LinkedHashMap<>();
        List<String> takenOver = new ArrayList<>();
        for (String key : keys) {
            Object mine = typed.get(key);
            Object theirs = stored.get(key);
            String base = basis.get(key);
            String typedPrint = fingerprint(mine);
            String storedPrint = fingerprint(theirs);
            // a field the basis does not name (a form without one, or tampered): what was typed is kept, and pointed out
            // wherever it differs from what is stored, since nobody can tell who changed it (outside tester: no field
            // was pointed out, and saving again replaced the colleague's text unseen)
            boolean iChanged = base == null || !base.equals(typedPrint);
            boolean theyChanged = base == null ? !typedPrint.equals(storedPrint) : !base.equals(storedPrint);
            if (!iChanged) {
                put(values, key, theirs);
                if (theyChanged) {
                    takenOver.add(key);
                }
            } else {
                put(values, key, mine);
                if (theyChanged && !typedPrint.equals(storedPrint)) {
                    changedByBoth.put(key, theirs);
                }
            }
        }
        return new Merged(values, changedByBoth, takenOver);
    }

    private static void put(Map<String, Object> values, String key, Object value) {
        if (value != null) {
            values.put(key, value);
        }
    }

    /** @see #merge */
    public record Merged(Map<String, Object> values, Map<String, Object> changedByBoth, List<String> takenOver) {
    }

    /**
     * A stored value as a person reads it beside a field: rich text without its markup, its paragraphs and list items
     * and a text's lines separated by " / ", a list's items and a grouping's rows (title first, then link) by "; ",
     * shortened; empty when nothing is stored (the caller says so in words).
     */
    public static String shown(Object value) {
        Object normal = normalised(value);
        String text;
        if (normal == null) {
            return "";
        } else if (normal instanceof Collection<?> items) {
            List<String> parts = new ArrayList<>();
            items.forEach(item -> parts.add(item instanceof Map<?, ?> row ? row(row) : readable(String.valueOf(item))));
            text = String.join("; ", parts);
        } else {
            text = readable(String.valueOf(normal));
        }
        return text.length() > SHOWN_CHARACTERS ? text.substring(0, SHOWN_CHARACTERS) + "…" : text;
    }

    private static String row(Map<?, ?> row) {
        List<String> cells = new ArrayList<>();
        for (String first : List.of("title", "link")) {
            if (row.get(first) != null) {
                cells.add(String.valueOf(row.get(first)));
            }
        }
        row.forEach((key, cell) -> {
            if (!List.of("title", "link").contains(String.valueOf(key))) {
                cells.add(String.valueOf(cell));
            }
        });
        return String.join(" – ", cells);
    }

    /** Rich text's blocks and a text's lines as " / ", markup dropped. */
    private static String readable(String text) {
        if (text.indexOf('<') < 0) {
            return String.join(" / ", text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList());
        }
        org.jsoup.nodes.Document html = org.jsoup.Jsoup.parseBodyFragment(text);
        html.select("p, li, br, div").forEach(block -> block.after(" / "));
        String plain = html.body().text().replaceAll("(\\s*/\\s*)+", " / ").strip();
        return plain.endsWith("/") ? plain.substring(0, plain.length() - 1).strip() : plain;
    }

    private static final int SHOWN_CHARACTERS = 400;

    static String fingerprint(Object value) {
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(normalised(value));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical);
            return HexFormat.of().formatHex(digest).substring(0, FINGERPRINT_CHARACTERS);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot fingerprint a form value", e);
        }
    }

    /** As people see a value: null for nothing, text without line-ending style or surrounding white space. */
    private static Object normalised(Object value) {
        if (value instanceof String text) {
            String plain = text.replace("\r\n", "\n").replace('\r', '\n').strip();
            return plain.isEmpty() ? null : plain;
        }
        if (value instanceof Collection<?> items) {
            List<Object> kept = new ArrayList<>();
            for (Object item : items) {
                Object normal = normalised(item);
                if (normal != null) {
                    kept.add(normal);
                }
            }
            return kept.isEmpty() ? null : kept;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> kept = new TreeMap<>();
            map.forEach((k, v) -> {
                Object normal = normalised(v);
                if (normal != null) {
                    kept.put(String.valueOf(k), normal);
                }
            });
            return kept.isEmpty() ? null : kept;
        }
        return value == null ? null : String.valueOf(value).strip().isEmpty() ? null : String.valueOf(value);
    }
}
