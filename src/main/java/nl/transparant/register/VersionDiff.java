package nl.transparant.register;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import nl.transparant.site.RegisterFieldDisplay;
import nl.transparant.standard.FieldDefinition;
import nl.transparant.standard.FieldType;
import nl.transparant.standard.RegisterStandard;
import org.jsoup.Jsoup;
import org.springframework.stereotype.Component;

/**
 * What changed between two published versions, field by field in the standard's order, as plain text a reader can
 * compare (rich text without its markup, lists joined, permitted values in the page language). The publication
 * date changes with every version and is left out.
 */
@Component
class VersionDiff {

    private static final List<String> ALWAYS_CHANGES = List.of("publication_dt");

    private final RegisterStandard standard;
    private final RegisterFieldDisplay display;

    VersionDiff(RegisterStandard standard, RegisterFieldDisplay display) {
        this.standard = standard;
        this.display = display;
    }

    record Change(String key, String title, String before, String after) {
    }

    List<Change> between(Map<String, Object> before, Map<String, Object> after, Locale locale) {
        List<Change> changes = new ArrayList<>();
        for (FieldDefinition field : standard.fields()) {
            Object old = before.get(field.key());
            Object now = after.get(field.key());
            if (ALWAYS_CHANGES.contains(field.key()) || Objects.equals(old, now)) {
                continue;
            }
            String oldText = text(field, old, locale);
            String newText = text(field, now, locale);
            if (!oldText.equals(newText)) {
                changes.add(new Change(field.key(), field.title().in(locale), oldText, newText));
            }
        }
        return changes;
    }

    private String text(FieldDefinition field, Object value, Locale locale) {
        if (value == null) {
            return "";
        }
        if (field.type() == FieldType.HTML) {
            return Jsoup.parse(String.valueOf(value)).text();
        }
        if (field.type() == FieldType.GROUPING && value instanceof Collection<?> rows) {
            List<String> lines = new ArrayList<>();
            for (Object row : rows) {
                if (row instanceof Map<?, ?> map) {
                    String title = Objects.toString(map.get("title"), "");
                    String link = Objects.toString(map.get("link"), "");
                    lines.add(link.isEmpty() ? title : title + " (" + link + ")");
                }
            }
            return String.join("; ", lines);
        }
        return display.text(field.key(), value, locale);
    }
}
