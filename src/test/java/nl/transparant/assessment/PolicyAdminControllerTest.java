package nl.transparant.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.problems.ForbiddenException;
import org.junit.jupiter.api.Test;

class PolicyAdminControllerTest {

    final List<Object> events = new ArrayList<>();

    PolicyAdminController controller() throws URISyntaxException {
        Path resources = Path.of(Objects.requireNonNull(getClass().getResource("/assessment")).toURI());
        AssessmentDefinitions definitions = new AssessmentDefinitions(resources.resolve("definitions"), events::add);
        definitions.loadAtStart();
        DecisionTrees trees = new DecisionTrees(resources.resolve("decision-trees"), events::add);
        trees.loadAtStart();
        return new PolicyAdminController(definitions, trees, List.of());
    }

    @Test
    void anAdministratorReloadsBothFoldersAndSeesWhatWasFound() throws URISyntaxException {
        StaffUser admin = new StaffUser("a", "Beheerder", Set.of(Role.ADMIN), Set.of());

        PolicyAdminController.Reports reports = controller().reload(admin);

        assertThat(reports.assessmentDefinitions().served()).singleElement().asString().startsWith("urn:nl:miniprescan 1.2");
        assertThat(reports.decisionTrees().served()).singleElement().asString().startsWith("mini-ai-act 1.0.0");
        assertThat(events).hasSize(2).allMatch(PoliciesReloaded.class::isInstance);
        assertThat(reports.refused()).isFalse();
        assertThat(reports.refusedFiles()).isEmpty();
    }

    @Test
    void theReportSaysPerRefusedFileWhetherItsLastGoodVersionKeepsServing() throws Exception {
        StaffUser admin = new StaffUser("a", "Beheerder", Set.of(Role.ADMIN), Set.of());
        java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("policy-admin");
        java.nio.file.Path definitionsFolder = folder.resolve("assessments");
        java.nio.file.Files.createDirectories(definitionsFolder);
        String mini = java.nio.file.Files.readString(Path.of(getClass().getResource("/assessment/definitions/mini-prescan.yaml").toURI()));
        java.nio.file.Files.writeString(definitionsFolder.resolve("mini-prescan.yaml"), mini);
        AssessmentDefinitions definitions = new AssessmentDefinitions(definitionsFolder, events::add);
        definitions.loadAtStart();
        DecisionTrees trees = new DecisionTrees(folder.resolve("decision-trees"), events::add);
        trees.loadAtStart();
        PolicyAdminController controller = new PolicyAdminController(definitions, trees, List.of());
        java.nio.file.Files.writeString(definitionsFolder.resolve("mini-prescan.yaml"), "name: kapot\n");
        java.nio.file.Files.writeString(definitionsFolder.resolve("new.yaml"), "name: kapot\n");

        PolicyAdminController.Reports reports = controller.reload(admin);

        assertThat(reports.refused()).isTrue();
        assertThat(reports.refusedFiles()).anySatisfy(f -> {
            assertThat(f.file()).isEqualTo("mini-prescan.yaml");
            assertThat(f.outcome()).isEqualTo(PolicyAdminController.RefusedFile.KEPT_PREVIOUS);
            assertThat(f.reasons()).isNotEmpty();
        }).anySatisfy(f -> {
            assertThat(f.file()).isEqualTo("new.yaml");
            assertThat(f.outcome()).isEqualTo(PolicyAdminController.RefusedFile.NOT_SERVED);
        });
    }

    @Test
    void nobodyElseMay() throws URISyntaxException {
        StaffUser officer = new StaffUser("p", "Privacy", Set.of(Role.PRIVACY_OFFICER), Set.of("zoetermeer"));
        PolicyAdminController controller = controller();
        assertThatThrownBy(() -> controller.reload(officer)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> controller.lastReload(officer)).isInstanceOf(ForbiddenException.class);
    }
}
