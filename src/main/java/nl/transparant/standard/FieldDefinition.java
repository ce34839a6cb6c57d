package nl.transparant.standard;

import java.util.List;

/** One field of the publication standard, as configured in {@code register/standard-v1_0.json}. */
public record FieldDefinition(
        String key,
        FieldType type,
        Text title,
        Integer maxLength,
        boolean required,
        boolean showAlways,
        List<Text> permittedValues,
        List<String> allowedHtmlTags,
        GroupingItems items,
        Text help,
        Text example,
        String format,
        String filledBy) {

    public FieldDefinition {
        permittedValues = permittedValues == null ? List.of() : List.copyOf(permittedValues);
        allowedHtmlTags = allowedHtmlTags == null ? List.of() : List.copyOf(allowedHtmlTags);
    }

    /** System fields are filled by the review and publication, never typed by a person. */
    public boolean systemFilled() {
        return "system".equals(filledBy);
    }

    public boolean isUrl() {
        return "url".equals(format);
    }

    public boolean isYearMonth() {
        return "year-month".equals(format);
    }

    /** Texts from this length on are written over several lines (a text area); shorter ones are one line. */
    public static final int LINES_FROM_LENGTH = 400;

    /**
     * Whether the text is one line (a name, a web address, a month): a line break in it is refused, as the form's single
     * line cannot hold one (the API stored one in a name, which then broke the page's title: outside tester).
     */
    public boolean isOneLine() {
        return type == FieldType.STRING && (format != null || maxLength == null || maxLength < LINES_FROM_LENGTH);
    }

    public record GroupingItems(ItemField title, ItemField link) {
    }

    public record ItemField(Text title, Integer maxLength, boolean required, List<String> recommendedItems, String format) {

        public boolean isUrl() {
            return "url".equals(format);
        }
    }
}
