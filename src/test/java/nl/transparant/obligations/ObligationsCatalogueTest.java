package nl.transparant.obligations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.transparant.assessment.PoliciesReloaded;
import nl.transparant.assessment.PolicyProblem;
import nl.transparant.assessment.ReloadReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalogue in the task-registry's YAML shape: the product's own loads; a broken one stops visibly and keeps the last good. */
class ObligationsCatalogueTest {

    private static final Path PRODUCT = Path.of("policies/algoritmekader");
    private static final Path POLICY = Path.of("policies/obligations.yaml");

    @TempDir
    Path folder;

    @Test
    void theProductsCatalogueLoadsWithItsReleasePolicy() {
        List<PolicyProblem> problems = new ArrayList<>();
        ObligationsCatalogue.Catalogue catalogue = ObligationsCatalogue.read(PRODUCT, POLICY, problems).orElseThrow();
        assertThat(problems).isEmpty();
        assertThat(catalogue.requirements()).hasSizeBetween(8, 12);
        assertThat(catalogue.measures()).hasSizeBetween(12, 20);
        CatalogueItem registration = catalogue.item("urn:nl:transparant:ver:aia-eu-databank").orElseThrow();
        assertThat(registration.version()).isEqualTo("1.0");
        assertThat(registration.sha256()).hasSize(64);
        assertThat(registration.profileMatches(Map.of("risk_group", Set.of("hoog-risico AI"), "role", Set.of("gebruiksverantwoordelijke"))))
                .isTrue();
        assertThat(registration.profileMatches(Map.of("risk_group", Set.of("hoog-risico AI"), "role", Set.of("aanbieder")))).isFalse();
        assertThat(catalogue.release().requirementsMetBeforeRelease()).containsExactly("urn:nl:transparant:ver:aia-grondrechten",
                "urn:nl:transparant:ver:aia-menselijk-toezicht");
        assertThat(catalogue.release().euRegistrationBeforeRelease()).isTrue();
    }

    @Test
    void anOfficialShapedFileLoadsWithItsOlderFieldNameAndWithoutAVersion() throws IOException {
        Files.createDirectories(folder.resolve("requirements"));
        Files.createDirectories(folder.resolve("measures"));
        Files.writeString(folder.resolve("requirements/r.yaml"), """
                schema_version: 1.1.0
                name: Een vereiste
                description: ''
                urn: urn:nl:ak:ver:aia-99
                lifecycle: [implementatie]
                links: []
                ai_act_profile:
                - type: [AI-systeem]
                  risk_category: [hoog-risico AI]
                  role: [gebruiksverantwoordelijke]
                always_applicable: 0
                """);
        Files.writeString(folder.resolve("measures/m.yaml"), """
                name: Een maatregel
                urn: urn:nl:ak:mtr:imp-99
                lifecycle: [implementatie]
                links: [urn:nl:ak:ver:aia-99, some-old-slug]
                """);
        Path policy = policy("[urn:nl:ak:ver:aia-99]");
        List<PolicyProblem> problems = new ArrayList<>();
        ObligationsCatalogue.Catalogue catalogue = ObligationsCatalogue.read(folder, policy, problems).orElseThrow();
        CatalogueItem requirement = catalogue.item("urn:nl:ak:ver:aia-99").orElseThrow();
        assertThat(requirement.version()).hasSize(12).isEqualTo(requirement.sha256().substring(0, 12));
        assertThat(requirement.profiles().get(0)).containsEntry("risk_group", List.of("hoog-risico AI"));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.isError()).isFalse();
            assertThat(p.message()).contains("some-old-slug");
        });
    }

    @Test
    void aBrokenCatalogueIsRefusedWithFileAndFieldAndTheLastGoodOneStays() throws IOException {
        copyProduct();
        Path policy = policy("[urn:nl:transparant:ver:aia-grondrechten]");
        List<Object> published = new ArrayList<>();
        ObligationsCatalogue catalogue = new ObligationsCatalogue(folder, policy, published::add);
        ObligationsCatalogue.Catalogue good = catalogue.current();

        Files.writeString(folder.resolve("requirements/bad.yaml"), """
                name: Kapot
                urn: urn:nl:transparant:ver:aia-grondrechten
                lifecycle: [ergens]
                ai_act_profile:
                - risk_group: [heel-hoog]
                """);
        ReloadReport report = catalogue.reload();
        assertThat(report.hasErrors()).isTrue();
        assertThat(report.errors()).extracting(PolicyProblem::path).contains("lifecycle", "ai_act_profile[0].risk_group");
        assertThat(report.errors()).allSatisfy(p -> assertThat(p.file()).endsWith("bad.yaml"));
        assertThat(report.keptPrevious()).containsExactly(folder.toString());
        assertThat(catalogue.current()).isSameAs(good);
        assertThat(published).singleElement().isInstanceOf(PoliciesReloaded.class);

        Files.writeString(folder.resolve("requirements/bad.yaml"), """
                name: Kapot
                urn: urn:nl:transparant:ver:aia-grondrechten
                lifecycle: [ontwerp]
                """);
        assertThat(catalogue.reload().errors()).singleElement().satisfies(p -> assertThat(p.message()).contains("Another file"));

        Files.delete(folder.resolve("requirements/bad.yaml"));
        Files.writeString(folder.resolve("measures/new.yaml"), """
                name: Nieuwe maatregel
                urn: urn:nl:transparant:mtr:nieuw
                version: "1.0"
                lifecycle: [ontwerp]
                links: [urn:nl:transparant:ver:aia-grondrechten]
                """);
        ReloadReport fixed = catalogue.reload();
        assertThat(fixed.hasErrors()).isFalse();
        assertThat(catalogue.current()).isNotSameAs(good);
        assertThat(published).last().isEqualTo(new ObligationEvents.CatalogueChanged(List.of("urn:nl:transparant:mtr:nieuw")));
    }

    @Test
    void aReleasePolicyNamingAnUnknownRequirementStopsTheStart() throws IOException {
        copyProduct();
        Path policy = policy("[urn:nl:transparant:ver:bestaat-niet]");
        assertThatThrownBy(() -> new ObligationsCatalogue(folder, policy, event -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("bestaat-niet").hasMessageContaining("Not a requirement");
    }

    @Test
    void theDecisionTreesLabelsBecomeTheCataloguesProfile() {
        Map<String, Set<String>> profile = CaseAiActProfile.fromLabels(Set.of("algoritme", "ai-systeem", "gebruiksverantwoordelijke",
                "profilering", "bijlage-iii"), "high_risk");
        assertThat(profile).containsEntry("type", Set.of("AI-systeem")).containsEntry("risk_group", Set.of("hoog-risico AI"))
                .containsEntry("role", Set.of("gebruiksverantwoordelijke"));
        assertThat(CaseAiActProfile.fromLabels(Set.of("algoritme", "geen-ai-systeem", "impactvol"), "not_applicable"))
                .containsExactly(Map.entry("type", Set.of("impactvol algoritme")));
        assertThat(ObligationsCatalogue.VOCABULARY.get("type")).containsAll(Set.of("AI-systeem", "impactvol algoritme"));
    }

    private Path policy(String required) throws IOException {
        Path policy = folder.resolve("obligations.yaml");
        Files.writeString(policy, "requirements_met_before_release: " + required + "\neu_database_registration_before_release: true\n"
                + "member_state: NL\n");
        return policy;
    }

    private void copyProduct() throws IOException {
        for (String sub : List.of("requirements", "measures")) {
            Files.createDirectories(folder.resolve(sub));
            try (var files = Files.list(PRODUCT.resolve(sub))) {
                for (Path file : files.toList()) {
                    Files.copy(file, folder.resolve(sub).resolve(file.getFileName()));
                }
            }
        }
    }
}
