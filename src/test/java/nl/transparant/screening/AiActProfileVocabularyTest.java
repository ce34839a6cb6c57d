package nl.transparant.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nl.transparant.assessment.PolicyProblem;
import org.junit.jupiter.api.Test;

/** A binding speaks the decision aid's words for the AI Act profile, the same the obligations catalogue matches on. */
class AiActProfileVocabularyTest {

    private static String official() throws IOException {
        return Files.readString(Path.of("policies/bindings/official.yaml"));
    }

    @Test
    void theShippedBindingsUseOnlyTheSharedVocabulary() throws IOException {
        for (String file : List.of("official.yaml", "transparant.yaml")) {
            List<PolicyProblem> problems = new ArrayList<>();
            ScreeningBinding binding = ScreeningBindings.read(file, Files.readAllBytes(Path.of("policies/bindings", file)), problems);
            assertThat(problems).as(file).noneMatch(PolicyProblem::isError);
            binding.profile().forEach((key, rule) -> {
                assertThat(AiActProfileVocabulary.VALUES.get(key)).containsAll(rule.labels().values());
                assertThat(AiActProfileVocabulary.VALUES.get(key)).containsAll(rule.classes().values());
            });
        }
        assertThat(AiActProfileVocabulary.VALUES.get("risk_group")).containsExactlyInAnyOrder("verboden AI", "hoog-risico AI",
                "geen hoog-risico AI", "uitzondering van toepassing", "niet van toepassing");
    }

    @Test
    void aProfileValueOutsideTheVocabularyIsRefusedWithPositionAndReason() throws IOException {
        String changed = official().replace("uitzondering van toepassing: uitzondering van toepassing",
                "uitzondering van toepassing: uitzondering van hoog-risico");
        List<PolicyProblem> problems = new ArrayList<>();

        ScreeningBinding binding = ScreeningBindings.read("official.yaml", changed.getBytes(StandardCharsets.UTF_8), problems);

        assertThat(binding).isNull();
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.isError()).isTrue();
            assertThat(p.file()).isEqualTo("official.yaml");
            assertThat(p.path()).isEqualTo("ai_act.profile.risk_group.labels.uitzondering van toepassing");
            assertThat(p.message()).contains("'uitzondering van hoog-risico'").contains("risk_group");
        });
    }
}
