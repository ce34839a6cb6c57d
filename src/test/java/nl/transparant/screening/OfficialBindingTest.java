package nl.transparant.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nl.transparant.assessment.AssessmentDefinition;
import nl.transparant.assessment.AssessmentDefinitions;
import nl.transparant.assessment.DecisionPath;
import nl.transparant.assessment.DecisionTrees;
import nl.transparant.assessment.ReloadReport;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.Cases;
import nl.transparant.identity.DemoAccount;
import nl.transparant.identity.StaffUser;
import nl.transparant.problems.ConflictException;
import nl.transparant.workflow.review.ReviewProcess;
import nl.transparant.workflow.review.ReviewTasks;
import nl.transparant.workflow.review.TaskCompletion;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The government's files drive a case unchanged, through the shipped binding {@code policies/bindings/official.yaml}
 * switched on: test definitions of our own in the official shapes (src/test/resources/official-shaped: a pre-scan with
 * the assessments DPIA, DTIA, KIA and IAMA and no outputs; a decision aid whose conclusions carry no class). Runs on
 * copies, so a test may break a file.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:official-binding;MODE=MariaDB;DB_CLOSE_DELAY=-1",
        "transparant.demo-data=false"})
class OfficialBindingTest {

    static final Path ASSESSMENTS = copy(Path.of("src/test/resources/official-shaped/assessments"));
    static final Path TREES = copy(Path.of("src/test/resources/official-shaped/decision-trees"));
    static final Path BINDINGS = bindingsWithTheOfficialOneActive();

    static final String DEPLOYER = "We gebruiken een extern ontwikkelde toepassing";

    @Autowired
    Cases cases;
    @Autowired
    ReviewProcess reviewProcess;

    @Autowired
    ReviewTasks reviewTasks;
    @Autowired
    AssessmentDefinitions definitions;
    @Autowired
    DecisionTrees trees;
    @Autowired
    ScreeningBindings bindings;
    @Autowired
    Screenings screenings;
    @Autowired
    CaseDefinitions caseDefinitions;

    @DynamicPropertySource
    static void policies(DynamicPropertyRegistry registry) {
        registry.add("transparant.assessments-dir", ASSESSMENTS::toString);
        registry.add("transparant.decision-trees-dir", TREES::toString);
        registry.add("transparant.bindings-dir", BINDINGS::toString);
    }

    @Test
    void everyConclusionOfTheTreeAndEveryLevelOfEveryAssessmentMaps() {
        ScreeningBinding binding = bindings.current();
        assertThat(binding.id()).isEqualTo("official");
        assertThat(bindings.gaps(binding)).as("the reload's own check").noneMatch(p -> p.isError());

        ScreeningBindings.PathWalk walk = bindings.walkAll(binding.aiActTree().key());
        assertThat(walk.truncated()).isFalse();
        assertThat(walk.paths()).allMatch(path -> path.status() == DecisionPath.Status.CONCLUDED);
        assertThat(walk.paths().stream().map(p -> p.conclusion().conclusionId()).distinct())
                .as("every conclusion is reached by some path")
                .containsExactlyInAnyOrderElementsOf(trees.current("decision-tree").orElseThrow().conclusions().stream()
                        .map(c -> c.conclusionId()).toList());
        for (DecisionPath path : walk.paths()) {
            assertThat(binding.classify(path.conclusion().conclusionId(), path.labels()).aiActClass())
                    .as("class of %s with %s", path.conclusion().conclusionId(), path.labels()).isNotNull();
        }
        AssessmentDefinition preScan = definitions.current("urn:nl:prescan").orElseThrow();
        assertThat(preScan.assessments()).extracting(AssessmentDefinition.Assessment::id).containsExactly("DPIA", "DTIA", "KIA", "IAMA");
        for (AssessmentDefinition.Assessment assessment : preScan.assessments()) {
            List<ScreeningBinding.FromAssessment> readers = binding.route().values().stream()
                    .filter(r -> r instanceof ScreeningBinding.FromAssessment a && a.assessment().equals(assessment.id()))
                    .map(ScreeningBinding.FromAssessment.class::cast).toList();
            assertThat(readers).as("assessment %s feeds the route", assessment.id()).isNotEmpty();
            for (ScreeningBinding.FromAssessment reader : readers) {
                assessment.levels().forEach(level -> assertThat(reader.levels()).as("%s level %s", assessment.id(), level.level())
                        .containsKey(level.level()));
                assertThat(reader.none()).as("%s without a level", assessment.id()).isNotNull();
            }
        }
    }

    @Test
    void aHighRiskPathGoesToTheIamaAndTheEthicsCommitteeWithTheTransferAssessmentRecorded() throws IOException {
        Map<String, Object> preScan = preScan(false, "0", true, false, true);
        Map<String, Object> aiAct = Map.of("1.1", "Ja", "1.2", DEPLOYER, "1.3", "Ja", "2.1", "Nee", "2.2", "Ja");
        String caseId = caseAnswering(preScan, aiAct);

        assertThat(openTask(caseId)).isEqualTo("fillInIama");
        JsonNode outcome = new ObjectMapper().readTree(screenings.latestPreScan(caseId).orElseThrow().getOutcome());
        JsonNode route = outcome.get("routeVariables");
        assertThat(route.get("aiActClass").asText()).isEqualTo("high_risk");
        assertThat(route.get("dpiaLevel").asText()).isEqualTo("not_required");
        assertThat(route.get("dtiaLevel").asText()).isEqualTo("required");
        assertThat(route.get("kiaLevel").asText()).isEqualTo("not_required");
        assertThat(route.get("policyDecisionNeeded").asBoolean()).isFalse();
        JsonNode profile = outcome.get("aiAct").get("profile");
        assertThat(profile.get("risk_group").toString()).isEqualTo("[\"hoog-risico AI\"]");
        assertThat(profile.get("role").toString()).isEqualTo("[\"gebruiksverantwoordelijke\"]");
        assertThat(profile.get("type").toString()).isEqualTo("[\"AI-systeem\"]");
        assertThat(outcome.get("binding").get("id").asText()).isEqualTo("official");
    }

    @Test
    void anEmptyOrPartlyAnsweredOfficialPreScanDoesNotCompleteEveryVisibleQuestionIsNeeded() {
        Map<String, Object> aiAct = Map.of("1.1", "Ja", "1.2", DEPLOYER, "1.3", "Nee");
        for (Map<String, Object> preScan : List.<Map<String, Object>>of(Map.of(), Map.of("1.1", false))) {
            assertThatThrownBy(() -> caseAnswering(preScan, aiAct))
                    .isInstanceOfSatisfying(nl.transparant.problems.InvalidInputException.class, e -> assertThat(e.problems())
                            .extracting(nl.transparant.problems.FieldProblem::field)
                            .contains("answers.prescan.1.2", "answers.prescan.2.1", "answers.prescan.7.1", "answers.prescan.6.1"));
        }
    }

    @Test
    void aRequiredDpiaFromTheOfficialAssessmentRoutesToTheDpia() {
        String caseId = caseAnswering(preScan(true, "0", false, true, false),
                Map.of("1.1", "Ja", "1.2", DEPLOYER, "1.3", "Nee"));
        assertThat(openTask(caseId)).isEqualTo("fillInDpia");

        // The government's Model DPIA has no assessments, so the product cannot derive a residual risk from it: the
        // task refuses visibly (409, not a 500), and the reload said so beforehand.
        assertThat(bindings.gaps(bindings.current())).anySatisfy(p -> assertThat(p.message()).contains("'residual_risk'"));
        StaffUser owner = account("owner-zoetermeer");
        String task = reviewTasks.openTasks(owner, caseId).get(0).id();
        assertThatThrownBy(() -> reviewProcess.complete(owner, task, new TaskCompletion(null, null, Map.of("1", "Beschrijving."))))
                .isInstanceOf(ConflictException.class).hasMessageContaining("urn:nl:dpia").hasMessageContaining("residual_risk");
    }

    @Test
    void aCaseKeepsTheDpiaVersionItStartedWithWhenANewVersionIsLoaded() throws IOException {
        String caseId = caseAnswering(preScan(true, "0", false, false, false), Map.of("1.1", "Ja", "1.2", DEPLOYER, "1.3", "Nee"));
        assertThat(caseDefinitions.dpia(caseId).version()).isEqualTo("3.0");
        Path newer = ASSESSMENTS.resolve("dpia-3.1.yaml");
        Files.writeString(newer, Files.readString(ASSESSMENTS.resolve("dpia.yaml")).replace("version: \"3.0\"", "version: \"3.1\""));
        try {
            assertThat(definitions.reload().hasErrors()).isFalse();
            assertThat(definitions.current("urn:nl:dpia").orElseThrow().version()).as("new cases get the newer").isEqualTo("3.1");
            assertThat(caseDefinitions.dpia(caseId).version()).as("the running case keeps its version").isEqualTo("3.0");
        } finally {
            Files.delete(newer);
            definitions.reload();
        }
    }

    @Test
    void aPathTheBindingCannotClassifyStopsAtThePolicyDecisionAndTheReloadNamesTheGap() throws IOException {
        Path tree = TREES.resolve("decision-tree.yaml");
        String original = Files.readString(tree);
        Files.writeString(tree, original.replace("labels: [\"geen transparantieverplichting\"]", "labels: [\"iets nieuws\"]"));
        try {
            trees.reload();
            ReloadReport report = bindings.reload();
            assertThat(report.hasErrors()).isTrue();
            assertThat(report.errors().toString()).contains("official.yaml").contains("ai_act.classes").contains("12.4")
                    .contains("iets nieuws");
            assertThat(bindings.current().id()).as("the last good set keeps serving").isEqualTo("official");

            String caseId = caseAnswering(preScan(false, "0", false, false, false),
                    Map.of("1.1", "Ja", "1.2", DEPLOYER, "1.3", "Ja", "2.1", "Nee", "2.2", "Nee", "2.3", "Nee"));
            assertThat(openTask(caseId)).as("never routed by a default").isEqualTo("decidePolicyGap");
            JsonNode outcome = new ObjectMapper().readTree(screenings.latestPreScan(caseId).orElseThrow().getOutcome());
            assertThat(outcome.get("policyGaps").toString()).contains("12.4").contains("iets nieuws");
        } finally {
            Files.writeString(tree, original);
            trees.reload();
            assertThat(bindings.reload().hasErrors()).isFalse();
        }
    }

    @Test
    void aBrokenOrConflictingBindingIsRefusedWithFilePositionAndReasonAndTheLastGoodSetKeepsServing() throws IOException {
        Path broken = BINDINGS.resolve("broken.yaml");
        Path conflicting = BINDINGS.resolve("z-second.yaml");
        try {
            Files.writeString(broken, "binding: [kapot\n");
            Files.writeString(conflicting, Files.readString(BINDINGS.resolve("official.yaml"))
                    .replace("dpiaLevel:\n    assessment: DPIA\n    levels: { required: required, recommended: recommended }",
                            "dpiaLevel:\n    assessment: DPIA\n    levels: { required: required }"));
            ReloadReport report = bindings.reload();

            assertThat(report.errors()).anySatisfy(p -> {
                assertThat(p.file()).isEqualTo("broken.yaml");
                assertThat(p.message()).contains("not valid YAML").contains("line");
            });
            assertThat(report.errors()).anySatisfy(p -> {
                assertThat(p.file()).isEqualTo("z-second.yaml");
                assertThat(p.path()).isEqualTo("binding");
                assertThat(p.message()).contains("'official' is already defined in official.yaml");
            });
            assertThat(report.errors()).anySatisfy(p -> {
                assertThat(p.file()).isEqualTo("z-second.yaml");
                assertThat(p.path()).isEqualTo("route.dpiaLevel.levels");
                assertThat(p.message()).contains("level 'recommended' of assessment 'DPIA' has no value");
            });
            assertThat(report.keptPrevious()).anyMatch(binding -> binding.contains("official.yaml"));
            assertThat(bindings.current().file()).isEqualTo("official.yaml");
        } finally {
            Files.deleteIfExists(broken);
            Files.deleteIfExists(conflicting);
            assertThat(bindings.reload().hasErrors()).isFalse();
        }
    }

    @Test
    void aBindingThatGivesTheRouteAValueItDoesNotKnowIsRefusedWithFilePositionAndReason() throws IOException {
        Path official = BINDINGS.resolve("official.yaml");
        String original = Files.readString(official);
        try {
            Files.writeString(official, original
                    .replace("levels: { required: required, recommended: recommended }\n    none: not_required\n  personalData",
                            "levels: { required: verplicht, recommended: recommended }\n    none: not_required\n  personalData")
                    .replace("levels: { recommended: true }", "levels: { recommended: \"ja\" }")
                    .replace("largeScale: { value: false }", "largeScale: { value: \"nee\" }"));
            ReloadReport report = bindings.reload();

            assertThat(report.errors()).anySatisfy(p -> {
                assertThat(p.file()).isEqualTo("official.yaml");
                assertThat(p.path()).isEqualTo("route.dpiaLevel.levels.required");
                assertThat(p.message()).contains("'verplicht'").contains("dpiaLevel");
            });
            assertThat(report.errors()).anySatisfy(p -> {
                assertThat(p.path()).isEqualTo("route.directImpactOnCitizens.levels.recommended");
                assertThat(p.message()).contains("not a boolean");
            });
            assertThat(report.errors()).anySatisfy(p -> {
                assertThat(p.path()).isEqualTo("route.largeScale.value");
                assertThat(p.message()).contains("not a boolean");
            });
            assertThat(report.keptPrevious()).anyMatch(binding -> binding.contains("official.yaml"));
            assertThat(bindings.current().route().get("largeScale")).isEqualTo(new ScreeningBinding.Fixed(false));
        } finally {
            Files.writeString(official, original);
            assertThat(bindings.reload().hasErrors()).isFalse();
        }
    }

    private static Map<String, Object> preScan(boolean newLaw, String edpb, boolean outsideEea, boolean children, boolean impactful) {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("1.1", newLaw);
        answers.put("1.2", edpb);
        answers.put("2.1", outsideEea);
        answers.put("7.1", children);
        answers.put("6.1", impactful);
        return answers;
    }

    private String caseAnswering(Map<String, Object> preScan, Map<String, Object> aiAct) {
        StaffUser owner = account("owner-zoetermeer");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", "Officieel " + System.nanoTime());
        fields.put("description_short", "Voor de test van de officiële koppeling.");
        fields.put("status", "In ontwikkeling");
        fields.put("contact_email", "algoritmes@example.org");
        AlgorithmCase created = cases.create(owner, null, fields, null);
        cases.submit(owner, created.getId());
        String task = reviewTasks.openTasks(owner, created.getId()).get(0).id();
        reviewProcess.complete(owner, task, new TaskCompletion(null, null, Map.of("prescan", preScan, "aiAct", aiAct)));
        return created.getId();
    }

    private String openTask(String caseId) {
        StaffUser officer = account("privacy-zoetermeer");
        StaffUser owner = account("owner-zoetermeer");
        return Stream.concat(reviewTasks.openTasks(owner, caseId).stream(), reviewTasks.openTasks(officer, caseId).stream())
                .map(t -> t.activityId()).findFirst().orElse(null);
    }

    private static StaffUser account(String username) {
        return DemoAccount.ALL_ACCOUNTS.stream().filter(a -> a.username().equals(username)).findFirst().orElseThrow().staffUser();
    }

    private static Path copy(Path folder) {
        try {
            Path copy = Files.createTempDirectory("official-shaped");
            try (var files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    Files.copy(file, copy.resolve(file.getFileName()));
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
