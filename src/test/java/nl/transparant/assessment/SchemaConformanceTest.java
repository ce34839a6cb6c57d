package nl.transparant.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Our assessment definitions (the tests' examples and the product's own in {@code policies/assessments/}) are
 * valid against the government's {@code assessment-definition.v2.schema.json}; and the copy the loader checks every
 * file's structure with ({@code DefinitionSchema}, on the class path) is the shared standard to the byte.
 */
class SchemaConformanceTest {

    private static final Path SCHEMA = Path.of("..", "shared", "standards", "assessment-definition.v2.schema.json");
    private static final Path COPY = Path.of("src", "main", "resources", "assessment", "assessment-definition.v2.schema.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> definitions() throws IOException {
        Stream<Path> examples = files(Path.of("src", "test", "resources", "assessment", "definitions"));
        Stream<Path> product = files(Path.of("policies", "assessments"));
        return Stream.concat(examples, product);
    }

    private static Stream<Path> files(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return Stream.empty();
        }
        try (Stream<Path> paths = Files.list(folder)) {
            List<Path> yaml = paths.filter(path -> path.toString().endsWith(".yaml") || path.toString().endsWith(".yml"))
                    .sorted().toList();
            return yaml.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("definitions")
    void isValidAgainstTheGovernmentsSchema(Path definition) throws IOException {
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(COPY)) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(in));
        }
        Object yaml;
        try (InputStream in = Files.newInputStream(definition)) {
            yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
        JsonNode document = JSON.valueToTree(yaml);

        Set<ValidationMessage> messages = schema.validate(document);

        assertThat(messages).as("schema violations in %s", definition).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void theLoadersCopyIsTheSharedStandard() throws IOException {
        assertThat(Files.readString(COPY)).isEqualTo(Files.readString(SCHEMA));
    }
}
