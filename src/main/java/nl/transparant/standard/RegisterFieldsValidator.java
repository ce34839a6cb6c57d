package nl.transparant.standard;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import nl.transparant.problems.FieldProblem;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.problems.PlainText;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;
import org.springframework.stereotype.Component;

/**
 * Checks register fields a person typed against the standard and returns them cleaned. Rich text
 * keeps only the tags the standard allows, without attributes; anything beyond that (script, event
 * handlers, styles) is refused with a message rather than silently dropped, so nobody loses text
 * without knowing. Plain-text fields refuse markup altogether.
 */
@Component
public class RegisterFieldsValidator {

    private static final Pattern YEAR_MONTH = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");
    private static final Pattern LARS = Pattern.compile("[0-9A-Za-z-]{1,29}");
    /** Elements that run or load something; in imported rich text they refuse the row rather than being dropped. */
    private static final Set<String> ACTIVE_CONTENT = Set.of("script", "style", "iframe", "object", "embed",
            "frame", "frameset", "link", "meta", "base", "form", "svg", "math", "template");

    /** Where the values come from decides which fields may be set and how rich text is treated. */
    private enum Mode {
        TYPED_BY_A_PERSON, IMPORTED_FROM_A_REGISTER_FILE
    }

    private final RegisterStandard standard;

    public RegisterFieldsValidator(RegisterStandard standard) {
        this.standard = standard;
    }

    /**
     * Validates the fields a person may edit and returns them cleaned, in the standard's order.
     * Empty values are dropped; whether required fields are filled is checked separately, at submission.
     */
    public Map<String, Object> clean(Map<String, ?> input) {
        return clean(input, Mode.TYPED_BY_A_PERSON);
    }

    /**
     * Validates one entry read from another register's file (the national JSON dump or CSV) and returns it cleaned, in
     * the standard's order. Unlike {@link #clean(Map)} the system fields (lars, publication_dt, publication_category,
     * organization, lang, standard_version) are taken from the file and checked like the rest, every required field
     * must be filled, and rich text is sanitised to the allowed tags instead of refused, because the other register
     * allowed more markup; script, styles, embedded objects and event handlers are still refused.
     */
    public Map<String, Object> cleanImported(Map<String, ?> input) {
        return clean(input, Mode.IMPORTED_FROM_A_REGISTER_FILE);
    }

    private Map<String, Object> clean(Map<String, ?> input, Mode mode) {
        boolean imported = mode == Mode.IMPORTED_FROM_A_REGISTER_FILE;
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, Object> cleaned = new LinkedHashMap<>();
        if (input == null) {
            return cleaned;
        }
        input.keySet().stream()
                .filter(key -> standard.field(key).isEmpty())
                .forEach(key -> problems.add(FieldProblem.of(key, "problem.field.unknown")));
        for (FieldDefinition field : standard.fields()) {
            if (!input.containsKey(field.key()) || isEmpty(input.get(field.key()))) {
                if (imported && field.required()) {
                    problems.add(FieldProblem.of(field.key(), "problem.field.required", field.title().nl(), field.title().en()));
                } else if (imported && input.get(field.key()) != null) {
                    // another register's empty value stays empty, so that it comes out of the downloads as it went in
                    cleaned.put(field.key(), input.get(field.key()) instanceof String ? "" : List.of());
                }
                continue;
            }
            if (field.systemFilled() && !imported) {
                problems.add(FieldProblem.of(field.key(), "problem.field.systemFilled"));
                continue;
            }
            Object value = imported && field.type() == FieldType.HTML
                    ? sanitisedRichText(field, input.get(field.key()), problems)
                    : cleanValue(field, input.get(field.key()), problems, !imported);
            if (value != null && imported) {
                value = systemValue(field, value, problems);
            }
            if (value != null) {
                cleaned.put(field.key(), value);
            }
        }
        if (!problems.isEmpty()) {
            throw InvalidInputException.of("problem.fields.invalid", problems);
        }
        return cleaned;
    }

    /**
     * The English version of an entry's texts, checked and sanitised by the same rules as the Dutch ones; only the
     * {@link RegisterStandard#TRANSLATABLE} fields, and none of them required (a missing one is shown in Dutch).
     */
    public Map<String, Object> cleanEnglish(Map<String, ?> input) {
        if (input == null) {
            return new LinkedHashMap<>();
        }
        List<FieldProblem> problems = new ArrayList<>();
        input.keySet().stream()
                .filter(key -> standard.field(key).isPresent() && !RegisterStandard.TRANSLATABLE.contains(key))
                .forEach(key -> problems.add(FieldProblem.of(key, "problem.field.notTranslatable")));
        if (!problems.isEmpty()) {
            throw InvalidInputException.of("problem.englishTexts.invalid", problems);
        }
        return clean(input, Mode.TYPED_BY_A_PERSON);
    }

    /** The required fields a person must fill before the case can be submitted. */
    public List<FieldProblem> missingBeforeSubmission(Map<String, ?> fields) {
        return standard.editableFields().stream()
                .filter(FieldDefinition::required)
                .filter(f -> isEmpty(fields.get(f.key())))
                .map(f -> FieldProblem.of(f.key(), "problem.field.requiredBeforeSubmission", f.title().nl(), f.title().en()))
                .toList();
    }

    /** {@code typed}: by a person here, not read from another register's file (which comes out as it went in). */
    private Object cleanValue(FieldDefinition field, Object value, List<FieldProblem> problems, boolean typed) {
        return switch (field.type()) {
            case STRING -> plainText(field.key(), value, field.maxLength(), field, problems, typed);
            case HTML -> richText(field, value, problems);
            case ENUM -> permittedValue(field, value, problems);
            case MULTI -> permittedValues(field, value, problems);
            case GROUPING -> grouping(field, value, problems);
        };
    }

    private String plainText(String key, Object value, Integer maxLength, FieldDefinition field, List<FieldProblem> problems,
            boolean typed) {
        if (!(value instanceof String text)) {
            problems.add(FieldProblem.of(key, "problem.field.text"));
            return null;
        }
        // a browser sends a line break as CR LF and counts it as one character: stored as one, as the API sends it
        // (another register's file is kept as it was)
        String trimmed = (typed ? lineBreaks(text) : text).strip();
        if (PlainText.containsMarkup(trimmed)) {
            problems.add(FieldProblem.of(key, "problem.field.plainText"));
            return null;
        }
        String characters = characterProblem(trimmed);
        if (characters != null) {
            problems.add(FieldProblem.of(key, characters));
            return null;
        }
        if (typed && field != null && field.isOneLine() && (trimmed.indexOf('\n') >= 0 || trimmed.indexOf('\r') >= 0)) {
            problems.add(FieldProblem.of(key, "problem.field.oneLine"));
            return null;
        }
        if (maxLength != null && trimmed.length() > maxLength) {
            problems.add(FieldProblem.of(key, "problem.field.tooLong", maxLength, trimmed.length()));
            return null;
        }
        if (field != null && field.isUrl() && !isWebAddress(trimmed)) {
            problems.add(FieldProblem.of(key, "problem.field.webAddress"));
            return null;
        }
        if (field != null && field.isYearMonth() && !YEAR_MONTH.matcher(trimmed).matches()) {
            problems.add(FieldProblem.of(key, "problem.field.yearMonth"));
            return null;
        }
        return trimmed;
    }

    private String richText(FieldDefinition field, Object value, List<FieldProblem> problems) {
        if (!(value instanceof String html)) {
            problems.add(FieldProblem.of(field.key(), "problem.field.text"));
            return null;
        }
        String characters = characterProblem(html);
        if (characters != null) {
            // rich text is held to the same characters as plain text: it let stop characters and reading-direction
            // overrides through to the published text (outside tester)
            problems.add(FieldProblem.of(field.key(), characters));
            return null;
        }
        // a "<" that opens no tag is text ("als score < 5"): written as the text it is, where it made the field invalid;
        // line breaks as one character, as the browser counted them
        html = STRAY_LESS_THAN.matcher(lineBreaks(html)).replaceAll("&lt;");
        Safelist allowed = new Safelist().addTags(field.allowedHtmlTags().toArray(String[]::new));
        if (!Jsoup.isValid(html, allowed)) {
            problems.add(FieldProblem.of(field.key(), "problem.field.allowedTags", String.join(", ", field.allowedHtmlTags())));
            return null;
        }
        Document.OutputSettings compact = new Document.OutputSettings().prettyPrint(false);
        String cleaned = Jsoup.clean(html.strip(), "", allowed, compact);
        if (field.maxLength() != null && cleaned.length() > field.maxLength()) {
            problems.add(FieldProblem.of(field.key(), "problem.field.tooLong", field.maxLength(), cleaned.length()));
            return null;
        }
        return cleaned;
    }

    /** Another register's rich text: markup beyond the allowed tags is dropped (its text kept); active content is refused. */
    private String sanitisedRichText(FieldDefinition field, Object value, List<FieldProblem> problems) {
        if (!(value instanceof String html)) {
            problems.add(FieldProblem.of(field.key(), "problem.field.text"));
            return null;
        }
        Document parsed = Jsoup.parseBodyFragment(html);
        boolean active = parsed.body().getAllElements().stream().anyMatch(e -> ACTIVE_CONTENT.contains(e.normalName())
                || e.attributes().asList().stream().anyMatch(a -> a.getKey().toLowerCase(Locale.ROOT).startsWith("on")
                        || a.getValue().toLowerCase(Locale.ROOT).replaceAll("\\s", "").contains("javascript:")));
        if (active) {
            problems.add(FieldProblem.of(field.key(), "problem.field.activeContent"));
            return null;
        }
        Safelist allowed = new Safelist().addTags(field.allowedHtmlTags().toArray(String[]::new));
        String cleaned = Jsoup.clean(html.strip(), "", allowed, new Document.OutputSettings().prettyPrint(false));
        if (field.maxLength() != null && cleaned.length() > field.maxLength()) {
            problems.add(FieldProblem.of(field.key(), "problem.field.tooLong", field.maxLength(), cleaned.length()));
            return null;
        }
        return cleaned;
    }

    /** The system fields without rules of their own in the configuration: the register id and the publication date. */
    private static Object systemValue(FieldDefinition field, Object value, List<FieldProblem> problems) {
        if ("lars".equals(field.key()) && !LARS.matcher(String.valueOf(value)).matches()) {
            problems.add(FieldProblem.of("lars", "problem.field.lars"));
            return null;
        }
        if ("publication_dt".equals(field.key()) && PublicationDates.instant(value).isEmpty()) {
            problems.add(FieldProblem.of("publication_dt", "problem.field.publicationDate"));
            return null;
        }
        return value;
    }

    private String permittedValue(FieldDefinition field, Object value, List<FieldProblem> problems) {
        if (value instanceof String text && isPermitted(field, text)) {
            return text;
        }
        problems.add(FieldProblem.of(field.key(), "problem.field.oneOf", permittedList(field)));
        return null;
    }

    private List<String> permittedValues(FieldDefinition field, Object value, List<FieldProblem> problems) {
        if (!(value instanceof Collection<?> values)) {
            problems.add(FieldProblem.of(field.key(), "problem.field.list"));
            return null;
        }
        List<String> result = new ArrayList<>();
        for (Object v : values) {
            if (!(v instanceof String text) || !isPermitted(field, text)) {
                problems.add(FieldProblem.of(field.key(), "problem.field.eachOneOf", permittedList(field)));
                return null;
            }
            if (!result.contains(text)) {
                result.add(text);
            }
        }
        return result;
    }

    private List<Map<String, String>> grouping(FieldDefinition field, Object value, List<FieldProblem> problems) {
        if (!(value instanceof Collection<?> rows)) {
            problems.add(FieldProblem.of(field.key(), "problem.field.rows"));
            return null;
        }
        List<Map<String, String>> result = new ArrayList<>();
        int index = 0;
        for (Object row : rows) {
            String prefix = field.key() + "[" + index++ + "]";
            if (!(row instanceof Map<?, ?> map) || !map.keySet().stream().allMatch(k -> "title".equals(k) || "link".equals(k))) {
                problems.add(FieldProblem.of(prefix, "problem.field.rowParts"));
                continue;
            }
            Map<String, String> cleanedRow = new LinkedHashMap<>();
            groupingItem(prefix + ".title", map.get("title"), field.items().title(), problems, cleanedRow, "title");
            groupingItem(prefix + ".link", map.get("link"), field.items().link(), problems, cleanedRow, "link");
            if (!cleanedRow.isEmpty()) {
                result.add(cleanedRow);
            }
        }
        return result;
    }

    private void groupingItem(String path, Object value, FieldDefinition.ItemField item, List<FieldProblem> problems,
            Map<String, String> row, String name) {
        if (isEmpty(value)) {
            if (item.required()) {
                problems.add(FieldProblem.of(path, "problem.field.requiredItem"));
            }
            return;
        }
        int before = problems.size();
        String text = plainText(path, value, item.maxLength(), null, problems, false);
        if (problems.size() == before && item.isUrl() && !isWebAddress(text)) {
            problems.add(FieldProblem.of(path, "problem.field.webAddress"));
            return;
        }
        if (text != null && problems.size() == before) {
            row.put(name, text);
        }
    }

    private static boolean isPermitted(FieldDefinition field, String value) {
        return field.permittedValues().stream().anyMatch(p -> p.nl().equals(value));
    }

    private static String permittedList(FieldDefinition field) {
        return String.join(", ", field.permittedValues().stream().map(Text::nl).toList());
    }

    static boolean isWebAddress(String text) {
        try {
            URI uri = URI.create(text);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A "<" not followed by what starts a tag, a comment or a declaration. */
    private static final java.util.regex.Pattern STRAY_LESS_THAN = java.util.regex.Pattern.compile("<(?![/!?a-zA-Z])");

    /** Line breaks as one character each: a form's CR LF (and a lone CR) as LF. */
    public static String lineBreaks(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** What is wrong with a text's characters, as a message key, or null ({@link PlainText#characterProblem}). */
    public static String characterProblem(String text) {
        return PlainText.characterProblem(text);
    }

    static boolean isEmpty(Object value) {
        return value == null
                || value instanceof String s && s.isBlank()
                || value instanceof Collection<?> c && c.isEmpty();
    }
}
