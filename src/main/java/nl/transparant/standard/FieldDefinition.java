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

    public record GroupingItems(ItemField title, ItemField link) {
    }

    public record ItemField(Text title, Integer maxLength, boolean required, List<String> recommendedItems, String format) {

        public boolean isUrl() {
            return "url".equals(format);
        }
    }
}
