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
