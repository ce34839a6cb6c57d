package nl.transparant.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application starts with the demo while the government's files are bound (test files in their shapes, the
 * shipped policies/bindings/official.yaml switched on): the demo's answers are the product's own pre-scan's, so its
 * cases are submitted and wait at the pre-scan instead of failing the start.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:official-demo;MODE=MariaDB;DB_CLOSE_DELAY=-1",
        "transparant.demo-data=true"})
class OfficialBindingDemoTest {

    static final Path BINDINGS = bindingsWithTheOfficialOneActive();

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void policies(DynamicPropertyRegistry registry) {
        registry.add("transparant.assessments-dir", () -> "src/test/resources/official-shaped/assessments");
        registry.add("transparant.decision-trees-dir", () -> "src/test/resources/official-shaped/decision-trees");
        registry.add("transparant.bindings-dir", BINDINGS::toString);
    }

    @Test
    void theDemoCasesWaitAtThePreScanUnderTheOfficialBinding() {
        List<String> stages = jdbc.queryForList("SELECT stage FROM algorithm_case ORDER BY created_at, id", String.class);
        assertThat(stages).hasSize(5).containsOnly("PRE_SCAN");
    }

    private static Path bindingsWithTheOfficialOneActive() {
        try {
            Path copy = Files.createTempDirectory("bindings");
            Files.writeString(copy.resolve("official.yaml"),
                    Files.readString(Path.of("policies/bindings/official.yaml")).replace("active: false", "active: true"));
            Files.writeString(copy.resolve("transparant.yaml"),
                    Files.readString(Path.of("policies/bindings/transparant.yaml")).replace("active: true", "active: false"));
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
