package nl.transparant.assessment.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one mapping of a policy file, reporting a missing or mistyped field with its path (such as
 * {@code tasks[1].calculation.expression}) instead of failing on the first one.
 */
final class Fields {

    private static final Pattern TRANSLATION = Pattern.compile("(.+)_([a-z]{2})");

    private final Map<?, ?> map;
    private final String path;
    private final String subject;
    private final Problems problems;
    /** Keys read so far; shared with {@link #about} views of the same mapping. */
    private final Set<String> read;
    /**
     * Whether a wrong type is reported here; not where a JSON Schema has checked the file's structure and said so
     * already ({@link DefinitionSchema}). A missing key the caller requires is always reported.
     */
    private final boolean reportsTypes;

    Fields(Map<?, ?> map, String path, String subject, Problems problems) {
        this(map, path, subject, problems, new LinkedHashSet<>(), true);
    }

    private Fields(Map<?, ?> map, String path, String subject, Problems problems, Set<String> read, boolean reportsTypes) {
        this.map = map;
        this.path = path;
        this.subject = subject;
        this.problems = problems;
        this.read = read;
        this.reportsTypes = reportsTypes;
    }

    /** The root of a file whose structure a JSON Schema has checked: wrong types are not reported again. */
    static Fields schemaCheckedRoot(Object document, Problems problems) {
        return document instanceof Map<?, ?> map ? new Fields(map, "", null, problems, new LinkedHashSet<>(), false) : null;
    }

    /** The root of a file, or an error when the file is not a mapping. */
    static Fields root(Object document, Problems problems) {
        if (document instanceof Map<?, ?> map) {
            return new Fields(map, "", null, problems);
        }
        problems.error(null, "", "the file must hold a mapping of keys to values at the top, not "
                + (document == null ? "nothing" : describe(document)));
        return null;
    }

    Fields about(String newSubject) {
        return new Fields(map, path, newSubject, problems, read, reportsTypes);
    }

    String subject() {
        return subject;
    }

    String path() {
        return path;
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        return map.containsKey(key) && map.get(key) != null;
    }

    boolean containsKey(String key) {
        return map.containsKey(key);
    }

    Object value(String key) {
        read.add(key);
        return map.get(key);
    }

    String requiredText(String key) {
        return text(key, true);
    }

    String optionalText(String key) {
        return text(key, false);
    }

    private String text(String key, boolean required) {
        Object value = value(key);
        if (value == null) {
            if (required) {
                error(key, "'" + key + "' is required");
            }
            return null;
        }
        if (value instanceof String text) {
            return text;
        }
        wrongType(key, "'" + key + "' must be a text, not " + describe(value) + (value instanceof Number || value instanceof Boolean
                ? " (put it in quotes)" : ""));
        return null;
    }

    Boolean optionalBoolean(String key) {
        Object value = value(key);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        wrongType(key, "'" + key + "' must be true or false, not " + describe(value));
        return null;
    }

    Double number(String key, boolean required) {
        Object value = value(key);
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value == null && required) {
            error(key, "'" + key + "' must be a number, not " + describe(value));
        } else if (value != null) {
            wrongType(key, "'" + key + "' must be a number, not " + describe(value));
        }
        return null;
    }

    Fields object(String key) {
        Object value = value(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> child) {
            return new Fields(child, path(key), subject, problems, new LinkedHashSet<>(), reportsTypes);
        }
        wrongType(key, "'" + key + "' must be a mapping of keys to values, not " + describe(value));
        return null;
    }

    /** A list of mappings; each element is read with its index in the path. */
    List<Fields> objects(String key, boolean required) {
        Object value = value(key);
        if (value == null) {
            if (required) {
                error(key, "'" + key + "' is required");
            }
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            wrongType(key, "'" + key + "' must be a list, not " + describe(value));
            return List.of();
        }
        List<Fields> elements = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String elementPath = path(key) + "[" + i + "]";
            if (list.get(i) instanceof Map<?, ?> child) {
                elements.add(new Fields(child, elementPath, subject, problems, new LinkedHashSet<>(), reportsTypes));
            } else if (reportsTypes) {
                problems.error(subject, elementPath, "each element of '" + key + "' must be a mapping of keys to values, not "
                        + describe(list.get(i)));
            }
        }
        return elements;
    }

    List<String> texts(String key) {
        Object value = value(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        wrongType(key, "'" + key + "' must be a list of texts");
        return List.of();
    }

    /** A mapping kept as written (for references), with its keys as text. */
    Map<String, Object> rawMapping(String key) {
        Object value = value(key);
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> raw) {
            Map<String, Object> copy = new LinkedHashMap<>();
            raw.forEach((k, v) -> copy.put(String.valueOf(k), v));
            return Collections.unmodifiableMap(copy);
        }
        wrongType(key, "'" + key + "' must be a mapping of keys to values, not " + describe(value));
        return Map.of();
    }

    /**
     * Translations written next to a text field as {@code <field>_<language>}, such as {@code task_en}: kept by
     * their key, so a page can show the definition in the reader's language.
     */
    Map<String, String> translations(String... fields) {
        Map<String, String> translations = new LinkedHashMap<>();
        for (Object key : map.keySet()) {
            Matcher matcher = TRANSLATION.matcher(String.valueOf(key));
            if (matcher.matches() && List.of(fields).contains(matcher.group(1))) {
                // The schema does not know translations (a product extension): their type is checked here.
                Object value = value(matcher.group());
                String translation = value instanceof String text ? text : null;
                if (value != null && translation == null) {
                    error(matcher.group(), "'" + matcher.group() + "' must be a text, not " + describe(value)
                            + (value instanceof Number || value instanceof Boolean ? " (put it in quotes)" : ""));
                }
                if (translation != null) {
                    translations.put(matcher.group(), translation);
                }
            }
        }
        return Collections.unmodifiableMap(translations);
    }

    /**
     * The keys that were never read, which the schema allows: kept as extensions of the format (such as a product's
     * own markers), except that a key that looks like a typo of a key of this mapping, or that belongs elsewhere in
     * the format, is warned about, because then the author most likely meant something the engine would read.
     *
     * @param formatKeys every key the format knows anywhere, to recognise a key in the wrong place
     */
    Map<String, Object> extensions(String what, Set<String> formatKeys) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        for (Object key : map.keySet()) {
            String name = String.valueOf(key);
            if (read.contains(name)) {
                continue;
            }
            String meant = read.stream().filter(known -> isTypo(name, known)).findFirst().orElse(null);
            if (meant != null) {
                problems.warning(subject, path(name), "unknown key '" + name + "' in " + what + " (ignored; did you mean '" + meant + "'?)");
            } else if (formatKeys.contains(name)) {
                problems.warning(subject, path(name), "'" + name + "' does not belong in " + what + " (ignored)");
            } else {
                extensions.put(name, map.get(key));
            }
        }
        return Collections.unmodifiableMap(extensions);
    }

    /** At most two letters added, removed, changed or swapped: {@code calculaton}, {@code dependancies}. */
    static boolean isTypo(String written, String known) {
        if (written.equalsIgnoreCase(known)) {
            return true;
        }
        int[][] distance = new int[written.length() + 1][known.length() + 1];
        for (int i = 0; i <= written.length(); i++) {
            distance[i][0] = i;
        }
        for (int j = 0; j <= known.length(); j++) {
            distance[0][j] = j;
        }
        for (int i = 1; i <= written.length(); i++) {
            for (int j = 1; j <= known.length(); j++) {
                int cost = Character.toLowerCase(written.charAt(i - 1)) == Character.toLowerCase(known.charAt(j - 1)) ? 0 : 1;
                distance[i][j] = Math.min(Math.min(distance[i - 1][j] + 1, distance[i][j - 1] + 1), distance[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && written.charAt(i - 1) == known.charAt(j - 2) && written.charAt(i - 2) == known.charAt(j - 1)) {
                    distance[i][j] = Math.min(distance[i][j], distance[i - 2][j - 2] + 1);
                }
            }
        }
        return distance[written.length()][known.length()] <= Math.min(2, known.length() / 3);
    }

    void error(String key, String message) {
        problems.error(subject, key == null ? path : path(key), message);
    }

    private void wrongType(String key, String message) {
        if (reportsTypes) {
            error(key, message);
        }
    }

    void warning(String key, String message) {
        problems.warning(subject, key == null ? path : path(key), message);
    }

    static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof String text) {
            return "the text '" + text + "'";
        }
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof Boolean || value instanceof Number) {
            return value.toString();
        }
        return "a " + value.getClass().getSimpleName();
    }
}
