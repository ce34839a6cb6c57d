package nl.transparant.site;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.transparant.standard.FieldDefinition;
import nl.transparant.standard.RegisterStandard;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;
import org.springframework.stereotype.Component;

/**
 * Register fields as a person reads them: in the standard's order, with the standard's titles in the
 * page language, permitted values translated, and every value made safe to show. Rich text was
 * sanitised when it was typed; it is cleaned again here with the field's own allowed tags, so a value
 * that reached the database some other way still cannot carry script into a page.
 */
@Component
public class RegisterFieldDisplay {

    private static final Document.OutputSettings COMPACT = new Document.OutputSettings().prettyPrint(false);

    private final RegisterStandard standard;

    public RegisterFieldDisplay(RegisterStandard standard) {
        this.standard = standard;
    }

    public enum Kind { TEXT, LINK, HTML, LIST, LINKS }

    /**
     * One field with a value. Depending on {@code kind}, the template shows {@code text} (escaped),
     * {@code html} (already sanitised), {@code values} or {@code links}.
     */
    public record ShownField(String key, String title, Kind kind, String text, String html, List<String> values,
            List<ShownLink> links) {
    }

    /** A link row; {@code href} is null when the address is not a plain http(s) address, and then only the label shows. */
    public record ShownLink(String label, String href) {
    }

    /** Every field of the standard that has a value, in the standard's order; keys outside the standard are left out. */
    public List<ShownField> show(Map<String, Object> fields, Locale locale) {
        List<ShownField> shown = new ArrayList<>();
        for (FieldDefinition field : standard.fields()) {
            Object value = fields.get(field.key());
            if (!isEmpty(value)) {
                shown.add(show(field, value, locale));
            }
        }
        return shown;
    }

    /** A single value as text in the page language, for lists and tables (status, category, organisation). */
    public String text(String key, Object value, Locale locale) {
        if (isEmpty(value)) {
            return "";
        }
        return standard.field(key)
                .map(field -> value instanceof Collection<?> values
                        ? String.join(", ", values.stream().map(v -> translated(field, v, locale)).toList())
                        : translated(field, value, locale))
                .orElse(String.valueOf(value));
    }

    private ShownField show(FieldDefinition field, Object value, Locale locale) {
        String title = field.title().in(locale);
        return switch (field.type()) {
            case HTML -> new ShownField(field.key(), title, Kind.HTML, null, sanitised(field, value), List.of(), List.of());
            case MULTI -> new ShownField(field.key(), title, Kind.LIST, null, null, values(field, value, locale), List.of());
            case GROUPING -> new ShownField(field.key(), title, Kind.LINKS, null, null, List.of(), links(value));
            case ENUM -> new ShownField(field.key(), title, Kind.TEXT, translated(field, value, locale), null, List.of(), List.of());
            case STRING -> {
                String text = String.valueOf(value);
                String href = field.isUrl() ? webAddress(text) : null;
                yield href != null
                        ? new ShownField(field.key(), title, Kind.LINK, text, null, List.of(), List.of(new ShownLink(text, href)))
                        : new ShownField(field.key(), title, Kind.TEXT, text, null, List.of(), List.of());
            }
        };
    }

    private static String sanitised(FieldDefinition field, Object value) {
        Safelist allowed = new Safelist().addTags(field.allowedHtmlTags().toArray(String[]::new));
        return Jsoup.clean(String.valueOf(value), "", allowed, COMPACT);
    }

    private static List<String> values(FieldDefinition field, Object value, Locale locale) {
        Collection<?> values = value instanceof Collection<?> c ? c : List.of(value);
        return values.stream().map(v -> translated(field, v, locale)).toList();
    }

    private static List<ShownLink> links(Object value) {
        if (!(value instanceof Collection<?> rows)) {
            return List.of();
        }
        List<ShownLink> links = new ArrayList<>();
        for (Object row : rows) {
            if (row instanceof Map<?, ?> map) {
                String title = stringOrNull(map.get("title"));
                String link = stringOrNull(map.get("link"));
                String href = link == null ? null : webAddress(link);
                String label = title != null ? title : link;
                if (label != null) {
                    links.add(new ShownLink(label, href));
                }
            }
        }
        return links;
    }

    private static String translated(FieldDefinition field, Object value, Locale locale) {
        String text = String.valueOf(value);
        return field.permittedValues().stream()
                .filter(p -> p.nl().equals(text))
                .map(p -> p.in(locale))
                .findFirst()
                .orElse(text);
    }

    /** Only http and https addresses with a host become links: never javascript:, data: or relative tricks. */
    static String webAddress(String text) {
        try {
            URI uri = URI.create(text.strip());
            boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
            return web && uri.getHost() != null ? uri.toString() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String stringOrNull(Object value) {
        return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value);
    }

    static boolean isEmpty(Object value) {
        return value == null
                || value instanceof String s && s.isBlank()
                || value instanceof Collection<?> c && c.isEmpty();
    }
}
