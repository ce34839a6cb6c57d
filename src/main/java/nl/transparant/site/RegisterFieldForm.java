package nl.transparant.site;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.transparant.standard.FieldDefinition;
import nl.transparant.standard.FieldType;
import nl.transparant.standard.RegisterStandard;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

/**
 * The register fields of a case as an HTML form, generated from the publication standard: which input each
 * field gets, its label, help and limits, and the reverse, turning the posted form back into the values the
 * case service validates. Works without JavaScript: grouping fields get a few empty rows to fill in.
 */
@Component
public class RegisterFieldForm {

    /** Empty rows offered under the filled ones of a grouping field: enough for a typical entry, without scripts. */
    static final int EMPTY_GROUPING_ROWS = 3;
    /** Posted rows beyond this are ignored; no real entry has that many references. */
    static final int MAX_GROUPING_ROWS = 50;
    /** Plain-text fields this long get a text area; shorter ones a single line. */

    static final String ID_PREFIX = "f-";

    private static final Pattern ROW_PARAMETER = Pattern.compile("([a-z_]+)\\[(\\d{1,3})\\]\\.(title|link)");
    private static final Pattern ROW_KEY = Pattern.compile("([a-z_]+)\\[(\\d{1,3})\\](?:\\.(title|link))?");

    private final RegisterStandard standard;
    private final MessageSource messages;

    public RegisterFieldForm(RegisterStandard standard, MessageSource messages) {
        this.standard = standard;
        this.messages = messages;
    }

    public enum Control { TEXT, URL, TEXTAREA, HTML, SELECT, CHECKBOXES, GROUPING }

    /**
     * One input of the form. {@code describedBy} names the hint and the error, for {@code aria-describedby};
     * {@code allowedTags} is set for rich text only.
     */
    public record FormField(String key, String id, String label, String help, String example, String allowedTags,
            Control control, Integer maxLength, boolean requiredForSubmission, String value, List<Option> options,
            List<GroupRow> rows, String error, String describedBy) {

        public String hintId() {
            return id + "-hint";
        }

        public boolean hasHint() {
            return help != null || example != null || allowedTags != null || maxLength != null;
        }

        public String errorId() {
            return id + "-error";
        }
    }

    public record Option(String id, String value, String label, boolean selected) {
    }

    public record GroupRow(int number, RowInput title, RowInput link) {
    }

    public record RowInput(String id, String name, String label, String value, Integer maxLength, boolean url, String error,
            String describedBy) {

        public String errorId() {
            return id + "-error";
        }
    }

    /**
     * The register fields as posted, in the shape the case service takes: text for single values, a list for
     * several, a list of {title, link} rows for groupings. Empty inputs are left out, and so are grouping rows
     * with nothing typed in them; the rows keep their order, so a problem about row n is about the n-th row shown.
     */
    public Map<String, Object> read(MultiValueMap<String, String> form) {
        return read(form, standard.editableFields());
    }

    /** Like {@link #read}, for the English texts: only the fields that have an English version. */
    public Map<String, Object> readEnglish(MultiValueMap<String, String> form) {
        return read(form, standard.translatableFields());
    }

    private Map<String, Object> read(MultiValueMap<String, String> form, List<FieldDefinition> shown) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, Map<String, String>>> rows = groupingRows(form);
        for (FieldDefinition field : shown) {
            switch (field.type()) {
                case STRING, HTML, ENUM -> Optional.ofNullable(form.getFirst(field.key()))
                        .filter(v -> !v.isBlank())
                        .ifPresent(v -> fields.put(field.key(), v));
                case MULTI -> {
                    List<String> chosen = form.getOrDefault(field.key(), List.of()).stream().filter(v -> !v.isBlank()).toList();
                    if (!chosen.isEmpty()) {
                        fields.put(field.key(), chosen);
                    }
                }
                case GROUPING -> {
                    List<Map<String, String>> typed = rows.getOrDefault(field.key(), new TreeMap<>()).values().stream()
                            .filter(row -> row.values().stream().anyMatch(v -> !v.isBlank()))
                            .toList();
                    if (!typed.isEmpty()) {
                        fields.put(field.key(), typed);
                    }
                }
            }
        }
        return fields;
    }

    /** The keys of the fields the Dutch form shows, in its order. */
    public List<String> editableKeys() {
        return standard.editableFields().stream().map(FieldDefinition::key).toList();
    }

    /** The keys of the fields the English form shows, in its order. */
    public List<String> translatableKeys() {
        return standard.translatableFields().stream().map(FieldDefinition::key).toList();
    }

    /** The inputs for every field a person fills in, holding the given values (typed or stored) and their problems. */
    public List<FormField> fields(Map<String, ?> values, FormProblems problems, Locale locale) {
        return standard.editableFields().stream().map(f -> field(f, values.get(f.key()), problems, locale)).toList();
    }

    /**
     * The inputs for the English texts. None of them is required (a missing one is published in Dutch), so none is
     * marked so, whatever the Dutch field requires.
     */
    public List<FormField> englishFields(Map<String, ?> values, FormProblems problems, Locale locale) {
        return standard.translatableFields().stream()
                .map(f -> field(f, values.get(f.key()), problems, locale))
                .map(f -> new FormField(f.key(), f.id(), f.label(), f.help(), f.example(), f.allowedTags(), f.control(),
                        f.maxLength(), false, f.value(), f.options(), f.rows(), f.error(), f.describedBy()))
                .toList();
    }

    /**
     * The error summary: each problem with a link to its input. {@code otherLabels} names the inputs of the
     * page that are not register fields (internal notes, organisation), so those problems link too.
     */
    public List<FormProblems.SummaryItem> summary(FormProblems problems, Locale locale, Map<String, String> otherLabels) {
        List<FormProblems.SummaryItem> items = new ArrayList<>();
        problems.byKey().forEach((key, messageList) -> {
            String message = String.join(" ", messageList);
            if (otherLabels.containsKey(key)) {
                items.add(new FormProblems.SummaryItem("#" + FormProblems.inputId(ID_PREFIX, key), otherLabels.get(key), message));
                return;
            }
            Matcher row = ROW_KEY.matcher(key);
            if (row.matches() && isGrouping(row.group(1))) {
                String part = row.group(3) == null ? "title" : row.group(3);
                String target = row.group(1) + "[" + row.group(2) + "]." + part;
                String label = messages.getMessage("form.row.label", new Object[] {title(row.group(1), locale),
                        Integer.parseInt(row.group(2)) + 1, partLabel(row.group(1), part, locale)}, locale);
                items.add(new FormProblems.SummaryItem("#" + FormProblems.inputId(ID_PREFIX, target), label, message));
                return;
            }
            Optional<FieldDefinition> field = standard.field(key).filter(f -> !f.systemFilled());
            String target = field.filter(f -> f.type() == FieldType.GROUPING).isPresent() ? key + "[0].title" : key;
            items.add(new FormProblems.SummaryItem(field.isPresent() ? "#" + FormProblems.inputId(ID_PREFIX, target) : null,
                    field.map(f -> f.title().in(locale)).orElse(key), message));
        });
        return items;
    }

    private FormField field(FieldDefinition field, Object value, FormProblems problems, Locale locale) {
        String id = FormProblems.inputId(ID_PREFIX, field.key());
        String error = problems.messageFor(field.key());
        String help = field.help() == null ? null : field.help().in(locale);
        String example = field.example() == null ? null : field.example().in(locale);
        String tags = field.type() == FieldType.HTML ? String.join(", ", field.allowedHtmlTags().stream().map(t -> "<" + t + ">").toList()) : null;
        boolean hint = help != null || example != null || tags != null || field.maxLength() != null;
        String describedBy = describedBy(hint ? id + "-hint" : null, error == null ? null : id + "-error");
        Control control = control(field);
        List<Option> options = switch (field.type()) {
            case ENUM, MULTI -> options(field, id, value, locale);
            default -> List.of();
        };
        List<GroupRow> rows = field.type() == FieldType.GROUPING ? rows(field, value, problems, locale) : List.of();
        String text = value instanceof String s ? s : null;
        return new FormField(field.key(), id, field.title().in(locale), help, example, tags, control, field.maxLength(),
                field.required(), text, options, rows, error, describedBy);
    }

    private static String describedBy(String hintId, String errorId) {
        String ids = String.join(" ", java.util.stream.Stream.of(hintId, errorId).filter(java.util.Objects::nonNull).toList());
        return ids.isEmpty() ? null : ids;
    }

    private static Control control(FieldDefinition field) {
        return switch (field.type()) {
            case HTML -> Control.HTML;
            case ENUM -> Control.SELECT;
            case MULTI -> Control.CHECKBOXES;
            case GROUPING -> Control.GROUPING;
            case STRING -> field.isUrl() ? Control.URL : field.isOneLine() ? Control.TEXT : Control.TEXTAREA;
        };
    }

    private static List<Option> options(FieldDefinition field, String id, Object value, Locale locale) {
        Collection<?> chosen = value instanceof Collection<?> c ? c : value == null ? List.of() : List.of(value);
        List<Option> options = new ArrayList<>();
        for (int i = 0; i < field.permittedValues().size(); i++) {
            var permitted = field.permittedValues().get(i);
            // the first checkbox carries the field's own id, so the error summary can link to it
            String optionId = i == 0 ? id : id + "-" + (i + 1);
            options.add(new Option(optionId, permitted.nl(), permitted.in(locale), chosen.contains(permitted.nl())));
        }
        return options;
    }

    private List<GroupRow> rows(FieldDefinition field, Object value, FormProblems problems, Locale locale) {
        List<Map<?, ?>> filled = new ArrayList<>();
        if (value instanceof Collection<?> existing) {
            existing.stream().filter(r -> r instanceof Map<?, ?>).forEach(r -> filled.add((Map<?, ?>) r));
        }
        List<GroupRow> rows = new ArrayList<>();
        int count = Math.min(filled.size() + EMPTY_GROUPING_ROWS, MAX_GROUPING_ROWS);
        for (int i = 0; i < count; i++) {
            Map<?, ?> row = i < filled.size() ? filled.get(i) : Map.of();
            String rowKey = field.key() + "[" + i + "]";
            // a problem with the row as a whole is shown at its title
            String titleError = problems.messageFor(rowKey, rowKey + ".title");
            String linkError = problems.messageFor(rowKey + ".link");
            rows.add(new GroupRow(i + 1,
                    rowInput(rowKey + ".title", field.items().title(), row.get("title"), titleError, i, locale),
                    rowInput(rowKey + ".link", field.items().link(), row.get("link"), linkError, i, locale)));
        }
        return rows;
    }

    private RowInput rowInput(String name, FieldDefinition.ItemField item, Object value, String error, int index, Locale locale) {
        String id = FormProblems.inputId(ID_PREFIX, name);
        String label = messages.getMessage("form.row.input", new Object[] {item.title().in(locale), index + 1}, locale);
        return new RowInput(id, name, label, value == null ? "" : String.valueOf(value), item.maxLength(), item.isUrl(), error,
                error == null ? null : id + "-error");
    }

    private Map<String, TreeMap<Integer, Map<String, String>>> groupingRows(MultiValueMap<String, String> form) {
        Map<String, TreeMap<Integer, Map<String, String>>> rows = new LinkedHashMap<>();
        form.forEach((name, values) -> {
            Matcher m = ROW_PARAMETER.matcher(name);
            if (m.matches() && isGrouping(m.group(1)) && Integer.parseInt(m.group(2)) < MAX_GROUPING_ROWS) {
                rows.computeIfAbsent(m.group(1), k -> new TreeMap<>())
                        .computeIfAbsent(Integer.parseInt(m.group(2)), k -> emptyRow())
                        .put(m.group(3), values.isEmpty() || values.get(0) == null ? "" : values.get(0));
            }
        });
        return rows;
    }

    private static Map<String, String> emptyRow() {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("title", "");
        row.put("link", "");
        return row;
    }

    private boolean isGrouping(String key) {
        return standard.field(key).filter(f -> f.type() == FieldType.GROUPING && !f.systemFilled()).isPresent();
    }

    private String title(String key, Locale locale) {
        return standard.field(key).map(f -> f.title().in(locale)).orElse(key);
    }

    private String partLabel(String key, String part, Locale locale) {
        return standard.field(key)
                .map(f -> "link".equals(part) ? f.items().link().title().in(locale) : f.items().title().title().in(locale))
                .orElse(part);
    }
}
