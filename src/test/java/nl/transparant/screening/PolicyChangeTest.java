package nl.transparant.screening;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import nl.transparant.assessment.AssessmentDefinitions;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.Cases;
import nl.transparant.identity.DemoAccount;
import nl.transparant.identity.StaffUser;
import nl.transparant.workflow.review.ReviewProcess;
import nl.transparant.workflow.review.ReviewTasks;
import nl.transparant.workflow.review.TaskCompletion;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A privacy officer changes a threshold in the pre-scan policy; after the administrator's reload the next
 * case follows it, without a rebuild or restart. Runs on a copy of policies/assessments so the real files
 * stay as they are.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:policy-change;MODE=MariaDB;DB_CLOSE_DELAY=-1",
        "transparant.demo-data=false"})
class PolicyChangeTest {

    static final Path POLICIES = copyOfThePolicies();
    static final String TWO_OR_MORE = "(scores.criteria_count || 0) >= 2";
    static final String THREE_OR_MORE = "(scores.criteria_count || 0) >= 3";

    @Autowired
    Cases cases;
    @Autowired
    ReviewProcess reviewProcess;

    @Autowired
    ReviewTasks reviewTasks;
    @Autowired
    AssessmentDefinitions definitions;
    @Autowired
    Screenings screenings;

    String lastCaseId;

    @DynamicPropertySource
    static void policies(DynamicPropertyRegistry registry) {
        registry.add("transparant.assessments-dir", POLICIES::toString);
    }

    @Test
    void theNextCaseFollowsAChangedThreshold() throws IOException {
        Map<String, Object> twoCriteria = PreScanAnswers.of("personalData", "largeScale", "automatedDecision");
        assertThat(dpiaLevelOfANewCase(twoCriteria)).isEqualTo("required");

        Path preScan = POLICIES.resolve("pre-scan-dpia.yaml");
        String policy = Files.readString(preScan);
        assertThat(policy).contains(TWO_OR_MORE);
        Files.writeString(preScan, policy.replace(TWO_OR_MORE, THREE_OR_MORE));
        assertThat(definitions.reload().hasErrors()).isFalse();

        assertThat(dpiaLevelOfANewCase(twoCriteria)).as("two criteria no longer require a DPIA").isEqualTo("not_required");
        assertThat(screenings.all(lastCaseId).get(0).getDefinitionSha256())
                .as("the record names the changed file's hash").isEqualTo(definitions.current("urn:nl:transparantprescan")
                        .orElseThrow().id().sha256());
    }

    @Test
    void aBrokenPolicyIsRefusedAndTheLastGoodVersionKeepsServing() throws IOException {
        String before = definitions.current("urn:nl:transparantprescan").orElseThrow().id().sha256();
        Path preScan = POLICIES.resolve("pre-scan-dpia.yaml");
        String policy = Files.readString(preScan);
        Files.writeString(preScan, policy.replace("bool(answers('1.1'))", "booll(answers('1.1'))"));
        try {
            var report = definitions.reload();
            assertThat(report.hasErrors()).isTrue();
            assertThat(report.errors().toString()).contains("pre-scan-dpia.yaml").contains("booll");
            assertThat(definitions.current("urn:nl:transparantprescan").orElseThrow().id().sha256()).isEqualTo(before);
        } finally {
            Files.writeString(preScan, policy);
            definitions.reload();
        }
    }

    private String dpiaLevelOfANewCase(Map<String, Object> answers) {
        StaffUser owner = account("owner-zoetermeer");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", "Drempel " + System.nanoTime());
        fields.put("description_short", "Voor de test van een gewijzigde drempel.");
        fields.put("status", "In ontwikkeling");
        fields.put("contact_email", "algoritmes@example.org");
        AlgorithmCase created = cases.create(owner, null, fields, null);
        cases.submit(owner, created.getId());
        String task = reviewTasks.openTasks(owner, created.getId()).get(0).id();
        reviewProcess.complete(owner, task, new TaskCompletion(null, null, answers));
        lastCaseId = created.getId();
        try {
            return new ObjectMapper().readTree(screenings.latestPreScan(created.getId()).orElseThrow().getOutcome())
                    .get("routeVariables").get("dpiaLevel").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static StaffUser account(String username) {
        return DemoAccount.ALL_ACCOUNTS.stream().filter(a -> a.username().equals(username)).findFirst().orElseThrow().staffUser();
    }

    private static Path copyOfThePolicies() {
        try {
            Path copy = Files.createTempDirectory("policies");
            try (var files = Files.list(Path.of("policies", "assessments"))) {
                for (Path file : files.toList()) {
                    Files.copy(file, copy.resolve(file.getFileName()));
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
