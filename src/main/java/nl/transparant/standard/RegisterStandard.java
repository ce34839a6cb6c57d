package nl.transparant.standard;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The national Algoritmeregister publication standard 1.0 as this product configures it: every rule
 * about register fields (keys, titles, lengths, permitted values, allowed tags) is read from the
 * configuration file, not typed again in code.
 */
@Component
public class RegisterStandard {

    static final String CONFIGURATION = "register/standard-v1_0.json";

    private final String version;
    private final Map<String, FieldDefinition> fields;

    public RegisterStandard() {
        this(loadConfiguration());
    }

    RegisterStandard(Configuration configuration) {
        this.version = configuration.version();
        Map<String, FieldDefinition> byKey = new LinkedHashMap<>();
        configuration.fields().forEach(f -> byKey.put(f.key(), f));
        this.fields = java.util.Collections.unmodifiableMap(byKey);
    }

    public String version() {
        return version;
    }

    public List<FieldDefinition> fields() {
        return List.copyOf(fields.values());
    }

    public Optional<FieldDefinition> field(String key) {
        return Optional.ofNullable(fields.get(key));
    }

    /**
     * The texts an entry can also carry in English. Names of things (provider, source id), addresses, links, dates and
     * the permitted values are the same in every language, and so are the system fields.
     */
    public static final List<String> TRANSLATABLE = List.of("name", "description_short", "goal", "proportionality",
            "human_intervention", "risks", "lawful_basis", "impacttoetsen", "source_data", "methods_and_models", "tags");

    public List<FieldDefinition> translatableFields() {
        return fields().stream().filter(f -> TRANSLATABLE.contains(f.key())).toList();
    }

    /** The fields a person fills in; the rest are set by the review and publication. */
    public List<FieldDefinition> editableFields() {
        return fields.values().stream().filter(f -> !f.systemFilled()).toList();
    }

    record Configuration(String standard, String version, List<FieldDefinition> fields) {
    }

    private static Configuration loadConfiguration() {
        ObjectMapper mapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try (InputStream in = new ClassPathResource(CONFIGURATION).getInputStream()) {
            return mapper.readValue(in, Configuration.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the register standard configuration " + CONFIGURATION, e);
        }
    }
}
