package nl.transparant.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import nl.transparant.screening.DpiaAnswers;
import nl.transparant.screening.PreScanAnswers;
import nl.transparant.site.PageTestSupport;
import nl.transparant.workflow.review.TaskCompletion;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 16: the case page used to read the risk matrix itself and, when it could not, quietly showed the DPIA's levels
 * unnamed and unranked, while completing a DPIA refused. Now every use of the matrix refuses alike. Runs on a copy of
 * policies/ (an application context and database of its own) so the real matrix is never touched.
 */
class BrokenRiskMatrixPagesTest extends PageTestSupport {

    static final Path POLICIES = copyOfThePolicies();

    @DynamicPropertySource
    static void policies(DynamicPropertyRegistry registry) {
        registry.add("transparant.policies-dir", POLICIES::toString);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:broken-risk-matrix;MODE=MariaDB;DB_CLOSE_DELAY=-1");
    }

    @Test
    void aBrokenRiskMatrixRefusesTheCasePageAndTheReportInsteadOfShowingUnrankedLevels() throws Exception {
        AlgorithmCase c = draft("owner-zoetermeer", complete(unique("DPIA met kapotte risicomatrix")));
        cases.submit(staff("owner-zoetermeer"), c.getId());
        completeTask("owner-zoetermeer", c.getId(), "answerPreScan",
                new TaskCompletion(null, null, PreScanAnswers.of("personalData", "profiling", "largeScale", "matchingDatasets")));
        completeTask("owner-zoetermeer", c.getId(), "fillInDpia", new TaskCompletion(null, null, DpiaAnswers.highResidualRisk()));
        Document before = page("/staff/cases/" + c.getId(), "privacy-zoetermeer").assertStatus(200).document();
        assertThat(before.selectFirst(".dpia-outcome__residual").text()).isEqualTo("Hoog");

        Path matrix = POLICIES.resolve("risk-matrix.yaml");
        Files.writeString(matrix, Files.readString(matrix).replace("prior_consultation_from: hoog", "prior_consultation_from: zeer-hoog"));

        // refused visibly (503, not a crash): the page names the file and what is wrong, in the reader's language
        Document casePage = page("/staff/cases/" + c.getId(), "privacy-zoetermeer").assertStatus(503).document();
        assertThat(casePage.select(".dpia-outcome")).as("no DPIA outcome with unranked levels").isEmpty();
        assertThat(casePage.select("h1").text()).isEqualTo("Een beleidsbestand ontbreekt of klopt niet");
        assertThat(casePage.text()).contains("risk-matrix.yaml").contains("prior_consultation_from");
        page("/staff/cases/" + c.getId() + "/reports/dpia", "privacy-zoetermeer").assertStatus(503);

        // the approval is refused on every client, not only where the page reads the matrix (outside tester: the API's
        // approval went through); the privacy officer's list of work says what the task waits for instead of failing
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> completeTask("privacy-zoetermeer", c.getId(), "reviewDpia",
                        new TaskCompletion("approve", "Akkoord.", null)))
                .isInstanceOf(nl.transparant.screening.RiskMatrix.BrokenRiskMatrixException.class);
        assertThat(cases.read(staff("privacy-zoetermeer"), c.getId()).getStage()).isEqualTo(CaseStage.DPIA_REVIEW);
        Document work = page("/staff", "privacy-zoetermeer").assertStatus(200).document();
        assertThat(work.text()).contains("Het beleidsbestand risk-matrix.yaml wordt geweigerd: prior_consultation_from noemt zeer-hoog, dat geen niveau is");
    }

    private static Path copyOfThePolicies() {
        try {
            Path copy = Files.createTempDirectory("policies");
            Path from = Path.of("policies");
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : files.toList()) {
                    Path target = copy.resolve(from.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                    }
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
