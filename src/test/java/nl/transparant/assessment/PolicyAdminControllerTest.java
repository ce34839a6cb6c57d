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
    }

    @Test
    void nobodyElseMay() throws URISyntaxException {
        StaffUser officer = new StaffUser("p", "Privacy", Set.of(Role.PRIVACY_OFFICER), Set.of("zoetermeer"));
        PolicyAdminController controller = controller();
        assertThatThrownBy(() -> controller.reload(officer)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> controller.lastReload(officer)).isInstanceOf(ForbiddenException.class);
    }
}
