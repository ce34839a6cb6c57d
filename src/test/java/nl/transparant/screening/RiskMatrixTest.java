package nl.transparant.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one reader of policies/risk-matrix.yaml: the matrix in force as the DPIA, the case page and the report use it. */
class RiskMatrixTest {

    static final Path IN_FORCE = Path.of("policies", "risk-matrix.yaml");

    @TempDir
    Path dir;

    @Test
    void theMatrixInForceGivesLevelsRanksNamesAndTheThresholdForPriorConsultation() {
        RiskMatrix matrix = RiskMatrix.read(IN_FORCE);
        assertThat(matrix.risk("hoog", "midden")).isEqualTo("hoog");
        assertThat(matrix.risk("laag", "hoog")).isEqualTo("laag");
        assertThat(matrix.risk(null, "hoog")).isNull();
        assertThat(matrix.risk("onbekend", "hoog")).isNull();
        assertThat(matrix.levels()).extracting(RiskMatrix.Level::id).containsExactly("laag", "midden", "hoog");
        assertThat(matrix.rank("midden")).contains(2);
        assertThat(matrix.rank("extreem")).isEmpty();
        assertThat(matrix.levelOfRank(3)).contains("hoog");
        assertThat(matrix.levelOfRank(0)).isEmpty();
        assertThat(matrix.label("midden", Locale.forLanguageTag("nl"))).isEqualTo("Midden");
        assertThat(matrix.label("midden", Locale.ENGLISH)).isEqualTo("Medium");
        assertThat(matrix.label("midden", Locale.GERMAN)).as("no German name: the Dutch one").isEqualTo("Midden");
        assertThat(matrix.label("extreem", Locale.ENGLISH)).as("a level no longer known shows as recorded").isEqualTo("extreem");
        assertThat(matrix.higher("laag", "hoog")).isEqualTo("hoog");
        assertThat(matrix.needsPriorConsultation("hoog")).isTrue();
        assertThat(matrix.needsPriorConsultation("midden")).isFalse();
    }

    @Test
    void aMissingOrBrokenMatrixIsRefusedNamingTheFileAndWhatIsWrong() throws IOException {
        String inForce = Files.readString(IN_FORCE);
        assertBroken(dir.resolve("absent.yaml"), "the file is missing");
        assertBroken(write("not-yaml.yaml", "levels: [\n  - id: laag\n  rank"), "it is not valid YAML (line 2, column 3)");
        assertBroken(write("list.yaml", "- laag\n- hoog\n"), "is not a mapping");
        assertBroken(write("no-levels.yaml", inForce.replace("levels:\n  - id: laag", "stages:\n  - id: laag")), "needs a list of levels");
        assertBroken(write("no-rank.yaml", inForce.replace("rank: 2", "rang: 2")), "every level needs an id and a numeric rank");
        assertBroken(write("same-rank.yaml", inForce.replace("rank: 2", "rank: 1")), "appears twice");
        assertBroken(write("missing-cell.yaml", inForce.replace("  - { impact: hoog,   likelihood: hoog,   risk: hoog }\n", "")),
                "likelihood hoog × impact hoog has no cell");
        assertBroken(write("unknown-risk.yaml", inForce.replace("likelihood: hoog,   risk: hoog }", "likelihood: hoog,   risk: extreem }")),
                "cell { likelihood: hoog, impact: midden, risk: extreem } needs a likelihood, an impact and a risk that are levels");
        assertBroken(write("two-cells.yaml", inForce.replace("  - { impact: hoog,   likelihood: hoog,   risk: hoog }\n",
                "  - { impact: hoog,   likelihood: hoog,   risk: hoog }\n  - { impact: hoog,   likelihood: hoog,   risk: laag }\n")),
                "likelihood hoog × impact hoog has two cells");
        assertBroken(write("threshold.yaml", inForce.replace("prior_consultation_from: hoog", "prior_consultation_from: zeer-hoog")),
                "prior_consultation_from names zeer-hoog, which is no level (levels: laag, midden, hoog)");
    }

    @Test
    void thePolicyReadsTheFileEachTimeSoTheNextUseFollowsAChange() throws IOException {
        RiskMatrixPolicy policy = new RiskMatrixPolicy(dir);
        Files.copy(IN_FORCE, dir.resolve("risk-matrix.yaml"));
        assertThat(policy.current().risk("midden", "midden")).isEqualTo("midden");
        Files.writeString(dir.resolve("risk-matrix.yaml"), Files.readString(IN_FORCE)
                .replace("likelihood: midden, risk: midden }", "likelihood: midden, risk: hoog }"));
        assertThat(policy.current().risk("midden", "midden")).isEqualTo("hoog");
        // the matrix in hand is kept only while the bytes are the same: an edit of the same length, a broken file and
        // the file put back are each followed at once
        Files.writeString(dir.resolve("risk-matrix.yaml"), Files.readString(IN_FORCE)
                .replace("likelihood: midden, risk: midden }", "likelihood: midden, risk: laag  }"));
        assertThat(policy.current().risk("midden", "midden")).isEqualTo("laag");
        Files.writeString(dir.resolve("risk-matrix.yaml"), "levels: [");
        assertThatThrownBy(policy::current).isInstanceOf(RiskMatrix.BrokenRiskMatrixException.class);
        Files.copy(IN_FORCE, dir.resolve("risk-matrix.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(policy.current().risk("midden", "midden")).isEqualTo("midden");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    /** Outside tester: a level renamed in the matrix only (midden → middel) made a DPIA declaring "midden" a 500. */
    @Test
    void aLevelTheMatrixDoesNotHaveIsRefusedNamingTheFileNotANullPointer() throws IOException {
        Path file = write("renamed.yaml", Files.readString(IN_FORCE).replace("midden", "middel"));
        RiskMatrix matrix = RiskMatrix.read(file);

        RiskMatrix.BrokenRiskMatrixException refused = catchThrowableOfType(RiskMatrix.BrokenRiskMatrixException.class,
                () -> matrix.higher("midden", "laag"));

        assertThat(refused.detail(java.util.Locale.forLanguageTag("nl"))).contains("renamed.yaml", "het niveau midden komt er niet in"
                + " voor (niveaus: laag, middel, hoog)");
        assertThat(catchThrowableOfType(RiskMatrix.BrokenRiskMatrixException.class, () -> matrix.needsPriorConsultation("midden")))
                .isNotNull();
    }

    /** Outside tester: the Dutch refusal showed the YAML parser's English; where it stopped is what the author needs. */
    @Test
    void theRefusalIsInTheReadersLanguageWithWhereTheParserStoppedButNotItsEnglish() throws IOException {
        Path file = write("half.yaml", "levels: [\n  - id: laag\n  rank");

        RiskMatrix.BrokenRiskMatrixException refused = catchThrowableOfType(RiskMatrix.BrokenRiskMatrixException.class,
                () -> RiskMatrix.read(file));

        assertThat(refused.detail(java.util.Locale.forLanguageTag("nl"))).isEqualTo("Het beleidsbestand half.yaml wordt geweigerd:"
                + " het is geen geldige YAML (regel 2, kolom 3). Wat het nodig heeft, kan pas verder als het is hersteld;"
                + " er is niets opgeslagen.");
        assertThat(refused.detail(java.util.Locale.ENGLISH)).contains("it is not valid YAML (line 2, column 3)");
        assertThat(refused.getMessage()).as("the parser's own words stay in the log").contains("expected the node content, but found '-'");
    }

    private static void assertBroken(Path file, String reason) {
        assertThatThrownBy(() -> RiskMatrix.read(file))
                .isInstanceOf(RiskMatrix.BrokenRiskMatrixException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(reason);
    }
}
