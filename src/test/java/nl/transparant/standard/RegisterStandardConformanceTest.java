package nl.transparant.standard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The project's own configuration of the publication standard says exactly what the national
 * register's configuration file says: same fields in the same order, titles (the CSV headers), lengths,
 * required flags, permitted values and allowed tags.
 */
class RegisterStandardConformanceTest {

    static final Path NATIONAL = Path.of("..", "shared", "standards", "algoritmeregister-standard-v1_0.json");

    final RegisterStandard standard = new RegisterStandard();

    @Test
    void everyFieldMatchesTheNationalConfiguration() throws IOException {
        JsonNode national = new ObjectMapper().readTree(NATIONAL.toFile()).get("properties");
        List<String> nationalKeys = new ArrayList<>();
        national.fieldNames().forEachRemaining(nationalKeys::add);

        assertThat(standard.fields()).extracting(FieldDefinition::key).containsExactlyElementsOf(nationalKeys);
        for (FieldDefinition field : standard.fields()) {
            JsonNode source = national.get(field.key());
            assertThat(field.title().nl()).as(field.key()).isEqualTo(source.get("title").asText());
            assertThat(field.title().en()).as(field.key() + " English title").isNotBlank();
            assertThat(field.maxLength()).as(field.key()).isEqualTo(source.hasNonNull("max_length") ? source.get("max_length").asInt() : null);
            assertThat(field.required()).as(field.key()).isEqualTo(source.path("required").asBoolean(false));
            assertThat(field.permittedValues().stream().map(Text::nl).toList()).as(field.key())
                    .isEqualTo(texts(source.path("permitted_values")));
            assertThat(field.allowedHtmlTags()).as(field.key()).isEqualTo(texts(source.path("allowed_html_tags")));
            assertThat(field.help().nl()).as(field.key()).isNotBlank().isNotEqualTo(source.path("help_text").asText());
            assertThat(field.help().en()).as(field.key()).isNotBlank();
            if (field.type() == FieldType.GROUPING) {
                JsonNode items = source.get("items");
                assertThat(field.items().title().title().nl()).isEqualTo(items.get("title").get("title").asText());
                assertThat(field.items().link().title().nl()).isEqualTo(items.get("link").get("title").asText());
                assertThat(field.items().link().maxLength()).isEqualTo(items.get("link").get("max_length").asInt());
            }
        }
    }

    @Test
    void typesFollowFromTheNationalDefinition() throws IOException {
        JsonNode national = new ObjectMapper().readTree(NATIONAL.toFile()).get("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = national.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode source = entry.getValue();
            FieldType expected = source.has("items") ? FieldType.GROUPING
                    : "enum".equals(source.get("type").asText()) ? FieldType.ENUM
                    : source.has("permitted_values") ? FieldType.MULTI
                    : source.has("allowed_html_tags") ? FieldType.HTML
                    : FieldType.STRING;
            assertThat(standard.field(entry.getKey()).orElseThrow().type()).as(entry.getKey()).isEqualTo(expected);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
