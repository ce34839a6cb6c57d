package nl.transparant.cases.questionnaire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import nl.transparant.screening.ResidualRiskDifference;
import nl.transparant.screening.RiskMatrix;
import nl.transparant.screening.RiskMatrixPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The case page names the DPIA's levels through the risk matrix. It used to read the file itself and, when it could not,
 * quietly showed the levels unnamed and unranked while completing a DPIA refused; now both refuse alike.
 */
class DpiaOutcomeTest {

    @TempDir
    Path policies;

    @Test
    void aDeclaredResidualRiskThatDiffersIsNamedAsTheMatrixNamesItsLevels() throws IOException {
        Files.copy(Path.of("policies", "risk-matrix.yaml"), policies.resolve("risk-matrix.yaml"));
        DpiaOutcome.Difference difference = outcomeWithoutRecords().difference(new ResidualRiskDifference("midden", "hoog"), Locale.ENGLISH);
        assertThat(difference).isEqualTo(new DpiaOutcome.Difference("Medium", "High"));
    }

    @Test
    void aBrokenRiskMatrixIsRefusedWithTheFileNamedInsteadOfShowingBareLevelIds() throws IOException {
        Files.writeString(policies.resolve("risk-matrix.yaml"), "levels: [ { id: laag } ]\n");
        assertThatThrownBy(() -> outcomeWithoutRecords().difference(new ResidualRiskDifference("midden", "hoog"), Locale.ENGLISH))
                .isInstanceOf(RiskMatrix.BrokenRiskMatrixException.class)
                .hasMessageContaining(policies.resolve("risk-matrix.yaml").toString());
    }

    @Test
    void aMissingRiskMatrixIsRefusedToo() {
        assertThatThrownBy(() -> outcomeWithoutRecords().difference(new ResidualRiskDifference("midden", "hoog"), Locale.ENGLISH))
                .isInstanceOf(RiskMatrix.BrokenRiskMatrixException.class)
                .hasMessageContaining("the file is missing");
    }

    /** {@code difference} reads no records, so no Screenings is needed. */
    private DpiaOutcome outcomeWithoutRecords() {
        return new DpiaOutcome(null, new RiskMatrixPolicy(policies));
    }
}
