package nl.transparant.screening;

import static nl.transparant.site.PageChecks.assertWellFormedPage;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.site.PageTestSupport;
import nl.transparant.workflow.review.TaskCompletion;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The case page and the pre-scan report under the official binding show the official assessments' own result texts and
 * criteria (DPIA, DTIA, KIA, IAMA), the binding and the AI Act profile (test files in the official shapes).
 */
class OfficialBindingPagesTest extends PageTestSupport {

    static final Path BINDINGS = bindingsWithTheOfficialOneActive();

    @DynamicPropertySource
    static void policies(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:official-pages;MODE=MariaDB;DB_CLOSE_DELAY=-1");
        registry.add("transparant.assessments-dir", () -> "src/test/resources/official-shaped/assessments");
        registry.add("transparant.decision-trees-dir", () -> "src/test/resources/official-shaped/decision-trees");
        registry.add("transparant.bindings-dir", BINDINGS::toString);
    }

    @Test
    void theCasePageAndTheReportShowTheOfficialResultTextsAndCriteria() throws Exception {
        AlgorithmCase created = draft("owner-zoetermeer", complete(unique("Officiële pre-scan")));
        cases.submit(staff("owner-zoetermeer"), created.getId());
        Map<String, Object> preScan = new LinkedHashMap<>();
        preScan.put("1.1", false);
        preScan.put("1.2", "0");
        preScan.put("2.1", true);
        preScan.put("7.1", true);
        preScan.put("6.1", true);
        completeTask("owner-zoetermeer", created.getId(), "answerPreScan", new TaskCompletion(null, null, Map.of("prescan", preScan,
                "aiAct", Map.of("1.1", "Ja", "1.2", "We gebruiken een extern ontwikkelde toepassing", "1.3", "Ja", "2.1", "Nee",
                        "2.2", "Ja"))));

        Document page = page("/staff/cases/" + created.getId(), "owner-zoetermeer").assertStatus(200).document();
        assertWellFormedPage(page);
        assertThat(page.selectFirst("[data-assessment=DTIA] .prescan-outcome__result").text()).isEqualTo("DTIA verplicht");
        assertThat(page.selectFirst("[data-assessment=DTIA] [data-criterion=doorgifte]").text()).isEqualTo("gegevens gaan buiten de EER");
        assertThat(page.selectFirst("[data-assessment=KIA] .prescan-outcome__result").text()).isEqualTo("KIA aanbevolen");
        assertThat(page.selectFirst("[data-assessment=IAMA] .prescan-outcome__result").text()).isEqualTo("Het IAMA is aanbevolen.");
        assertThat(page.selectFirst(".prescan-outcome__binding").text()).isEqualTo("official");
        assertThat(page.selectFirst(".prescan-outcome__dpia-definition").text()).isEqualTo("urn:nl:dpia 3.0");
        assertThat(page.selectFirst(".prescan-outcome__profile").text()).contains("hoog-risico AI", "gebruiksverantwoordelijke");
        assertThat(page.selectFirst(".prescan-outcome__ai-act").text()).contains("Hoog-risico AI, gebruiksverantwoordelijke.");

        Document report = page("/staff/cases/" + created.getId() + "/reports/pre-scan", "owner-zoetermeer").assertStatus(200).document();
        assertThat(report.selectFirst(".report-verdict[data-assessment=DTIA]").text()).contains("DTIA verplicht",
                "gegevens gaan buiten de EER");
        assertThat(report.selectFirst(".report-verdict[data-assessment=IAMA]").text()).contains("Het IAMA is aanbevolen.");
        assertThat(report.selectFirst(".report-definition").text()).contains("urn:nl:prescan");
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
