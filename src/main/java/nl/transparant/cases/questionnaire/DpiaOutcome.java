package nl.transparant.cases.questionnaire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import nl.transparant.screening.RiskMatrix;
import nl.transparant.screening.RiskMatrixPolicy;
import nl.transparant.screening.ScreeningRecord;
import nl.transparant.screening.Screenings;
import org.springframework.stereotype.Component;

/**
 * What the last DPIA of a case concluded, as recorded: the residual risk, each risk of the register with its level
 * after measures, whether the supervisor must be consulted first (GDPR Art. 36), and the policy version used. The
 * levels are named as {@code policies/risk-matrix.yaml} names them (screening's {@link RiskMatrix}, its one reader); a
 * level the matrix no longer knows shows as recorded, while a matrix that cannot be read refuses the page.
 */
@Component
class DpiaOutcome {

    static final String KIND = Screenings.DPIA;
    // The DPIA's question ids stay written here: the definition file marks which answers of a risk are its likelihood
    // and impact (the product extension risk_matrix), but nothing in it says which question is a risk's name or the
    // owner's declared residual risk, and a record is read long after the definition it was recorded under may have left
    // service. Deriving them would need a new marker in the policy format and its checks; screening's DpiaAssessment
    // names the same ids for the answers it evaluates.
    private static final String RISK_GROUP = "3.1";
    private static final String RISK_NAME = "3.1.1";
    /** The owner's own "highest residual risk over all risks" (policies/assessments/dpia.yaml, 4.3), a level of the matrix. */
    private static final String DECLARED_RESIDUAL_RISK = "4.3";
    private static final int SHORT_HASH = 12;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Screenings screenings;
    private final RiskMatrixPolicy riskMatrix;

    DpiaOutcome(Screenings screenings, RiskMatrixPolicy riskMatrix) {
        this.screenings = screenings;
        this.riskMatrix = riskMatrix;
    }

    /**
     * @param residualRisk         the higher of the declared residual risk and the highest risk of the register
     * @param residualRiskDeclared the owner's own answer to "highest residual risk" (4.3); for a record without it, the
     *                             definition's residual_risk verdict; null when neither is known
     */
    record View(Level residualRisk, Level residualRiskDeclared, boolean priorConsultationRequired, List<Risk> risks,
            String definitionUrn, String definitionVersion, String definitionHash, String recordedBy, Instant recordedAt,
            Level highestOfTheRegister, Level declaredAnswer) {

        /**
         * Whether the owner's declared residual risk differs from what the risk matrix gives the register's risks (the
         * highest of them): allowed, but never without a word, so whoever reviews the DPIA asks why.
         */
        public boolean declaredDiffersFromMatrix() {
            return declaredAnswer != null && highestOfTheRegister != null && !declaredAnswer.id().equals(highestOfTheRegister.id());
        }
    }

    /** @param id the level as the policy names it (laag, midden, hoog) */
    record Level(String id, String label) {
    }

    /** @param name the risk's short name as the owner wrote it; null when left out */
    record Risk(int number, String name, Level level) {
    }

    /** A declared residual risk that differs from the risk matrix, in the reader's words (the matrix's level names). */
    record Difference(String declared, String matrixHighest) {
    }

    Difference difference(nl.transparant.screening.ResidualRiskDifference difference, Locale locale) {
        RiskMatrix matrix = riskMatrix.current();
        return new Difference(matrix.label(difference.declared(), locale), matrix.label(difference.matrixHighest(), locale));
    }

    /** Callers have checked that the person may read the case. */
    Optional<View> latest(String caseId, Locale locale) {
        return screenings.all(caseId).stream()
                .filter(record -> KIND.equals(record.getKind()))
                .max(Comparator.comparing(ScreeningRecord::getRecordedAt))
                .map(record -> view(record, locale));
    }

    private View view(ScreeningRecord record, Locale locale) {
        JsonNode outcome = parse(record.getOutcome());
        JsonNode answers = parse(record.getAnswers());
        // a broken matrix refuses the page, as it refuses completing the DPIA: no quietly unranked levels
        RiskMatrix matrix = riskMatrix.current();
        List<Risk> risks = new ArrayList<>();
        JsonNode levels = outcome.path("riskLevelsAfterMeasures");
        JsonNode instances = answers.path("groups").path(RISK_GROUP);
        for (int i = 0; i < levels.size(); i++) {
            String name = instances.path(i).path("answers").path(RISK_NAME).asText(null);
            risks.add(new Risk(i + 1, name, level(levels.path(i).asText(null), matrix, locale)));
        }
        String declared = outcome.path("residualRiskDeclared").asText(null);
        // a recorded level the matrix no longer knows is shown as recorded but not compared
        Level highest = risks.stream().map(Risk::level).filter(l -> l != null && matrix.rank(l.id()).isPresent())
                .max(Comparator.comparing(l -> matrix.rank(l.id()).orElseThrow())).orElse(null);
        // "declared" is the owner's own answer to 4.3; the definition's residual_risk verdict already takes the first
        // risk's level into account, so it is only the fallback for a record without that answer
        Level declaredAnswer = level(answers.path("answers").path(DECLARED_RESIDUAL_RISK).asText(null), matrix, locale);
        return new View(level(outcome.path("residualRisk").asText(null), matrix, locale),
                declaredAnswer != null ? declaredAnswer : "null".equals(declared) ? null : level(declared, matrix, locale),
                outcome.path("priorConsultationRequired").asBoolean(false), risks,
                record.getDefinitionUrn(), record.getDefinitionVersion(),
                record.getDefinitionSha256().substring(0, Math.min(SHORT_HASH, record.getDefinitionSha256().length())),
                record.getRecordedBy(), record.getRecordedAt(), highest, declaredAnswer);
    }

    private static Level level(String id, RiskMatrix matrix, Locale locale) {
        return id == null ? null : new Level(id, matrix.label(id, locale));
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A recorded DPIA is not JSON", e);
        }
    }
}
