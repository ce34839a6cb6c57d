package nl.transparant.cases.questionnaire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import nl.transparant.screening.ScreeningRecord;
import nl.transparant.screening.Screenings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What the last DPIA of a case concluded, as recorded: the residual risk, each risk of the register with its level
 * after measures, whether the supervisor must be consulted first (GDPR Art. 36), and the policy version used. The
 * levels are named as {@code policies/risk-matrix.yaml} names them; a level the matrix no longer knows shows as
 * recorded.
 */
@Component
class DpiaOutcome {

    static final String KIND = "dpia";
    private static final String RISK_GROUP = "3.1";
    private static final String RISK_NAME = "3.1.1";
    /** The owner's own "highest residual risk over all risks" (policies/assessments/dpia.yaml, 4.3), a level of the matrix. */
    private static final String DECLARED_RESIDUAL_RISK = "4.3";
    private static final int SHORT_HASH = 12;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Screenings screenings;
    private final Path riskMatrix;

    DpiaOutcome(Screenings screenings, @Value("${transparant.policies-dir}") Path policies) {
        this.screenings = screenings;
        this.riskMatrix = policies.resolve("risk-matrix.yaml");
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
        Map<String, String> labels = levelLabels(locale);
        return new Difference(labels.getOrDefault(difference.declared(), difference.declared()),
                labels.getOrDefault(difference.matrixHighest(), difference.matrixHighest()));
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
        Map<String, String> labels = levelLabels(locale);
        List<Risk> risks = new ArrayList<>();
        JsonNode levels = outcome.path("riskLevelsAfterMeasures");
        JsonNode instances = answers.path("groups").path(RISK_GROUP);
        for (int i = 0; i < levels.size(); i++) {
            String name = instances.path(i).path("answers").path(RISK_NAME).asText(null);
            risks.add(new Risk(i + 1, name, level(levels.path(i).asText(null), labels)));
        }
        String declared = outcome.path("residualRiskDeclared").asText(null);
        Map<String, Integer> ranks = levelRanks();
        Level highest = risks.stream().map(Risk::level).filter(l -> l != null && ranks.containsKey(l.id()))
                .max(Comparator.comparing(l -> ranks.get(l.id()))).orElse(null);
        // "declared" is the owner's own answer to 4.3; the definition's residual_risk verdict already takes the first
        // risk's level into account, so it is only the fallback for a record without that answer
        Level declaredAnswer = level(answers.path("answers").path(DECLARED_RESIDUAL_RISK).asText(null), labels);
        return new View(level(outcome.path("residualRisk").asText(null), labels),
                declaredAnswer != null ? declaredAnswer : "null".equals(declared) ? null : level(declared, labels),
                outcome.path("priorConsultationRequired").asBoolean(false), risks,
                record.getDefinitionUrn(), record.getDefinitionVersion(),
                record.getDefinitionSha256().substring(0, Math.min(SHORT_HASH, record.getDefinitionSha256().length())),
                record.getRecordedBy(), record.getRecordedAt(), highest, declaredAnswer);
    }

    /** How the risk matrix ranks its levels (policy data); empty when it cannot be read, and then nothing is compared. */
    private Map<String, Integer> levelRanks() {
        Map<String, Integer> ranks = new HashMap<>();
        try (InputStream in = Files.newInputStream(riskMatrix)) {
            Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            if (document instanceof Map<?, ?> root && root.get("levels") instanceof Collection<?> levels) {
                for (Object level : levels) {
                    if (level instanceof Map<?, ?> l && l.get("id") != null && l.get("rank") instanceof Number rank) {
                        ranks.put(String.valueOf(l.get("id")), rank.intValue());
                    }
                }
            }
        } catch (IOException e) {
            // without the ranks no level is compared; the recorded levels still show
        }
        return ranks;
    }

    private static Level level(String id, Map<String, String> labels) {
        return id == null ? null : new Level(id, labels.getOrDefault(id, id));
    }

    /** The level names of the risk matrix in the page's language (policy data, read when a page needs them). */
    private Map<String, String> levelLabels(Locale locale) {
        Map<String, String> labels = new HashMap<>();
        try (InputStream in = Files.newInputStream(riskMatrix)) {
            Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            if (document instanceof Map<?, ?> root && root.get("levels") instanceof Collection<?> levels) {
                for (Object level : levels) {
                    if (level instanceof Map<?, ?> l && l.get("id") != null) {
                        Object dutch = l.get("label");
                        Object translated = l.get("label_" + locale.getLanguage());
                        Object label = PolicyTexts.DUTCH.equals(locale.getLanguage()) || translated == null ? dutch : translated;
                        labels.put(String.valueOf(l.get("id")), label == null ? String.valueOf(l.get("id")) : String.valueOf(label));
                    }
                }
            }
        } catch (IOException e) {
            // the recorded level ids still tell what was concluded
        }
        return labels;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A recorded DPIA is not JSON", e);
        }
    }
}
