package nl.transparant.cases.questionnaire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.transparant.screening.ScreeningRecord;
import nl.transparant.screening.Screenings;
import org.springframework.stereotype.Component;

/**
 * What the last IAMA of a case concluded, as recorded: whether it stops the case and why, whether it serves as the AI
 * Act Art. 27 FRIA, the remaining risk to fundamental rights, and the policy version used.
 */
@Component
class IamaOutcome {

    static final String KIND = Screenings.IAMA;
    private static final int SHORT_HASH = 12;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Screenings screenings;

    IamaOutcome(Screenings screenings) {
        this.screenings = screenings;
    }

    /**
     * @param stop         "stop" or "proceed", as the definition names the outcome of its {@code stop} assessment
     * @param stopReasons  the explanations of the criteria that stopped the case, as the definition words them
     * @param fria         "required" or "not_required"
     * @param rightsRisk   laag, midden or hoog
     */
    record View(String stop, List<String> stopReasons, String fria, String rightsRisk, String definitionUrn,
            String definitionVersion, String definitionHash, String recordedBy, Instant recordedAt) {
    }

    /** Callers have checked that the person may read the case. */
    Optional<View> latest(String caseId) {
        return screenings.latest(caseId, KIND).map(IamaOutcome::view);
    }

    private static View view(ScreeningRecord record) {
        JsonNode outcome;
        try {
            outcome = JSON.readTree(record.getOutcome());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A recorded IAMA is not JSON", e);
        }
        List<String> reasons = new ArrayList<>();
        for (JsonNode verdict : outcome.path("verdicts")) {
            if ("stop".equals(verdict.path("assessmentId").asText()) && !verdict.path("level").isNull()) {
                verdict.path("criteria").forEach(criterion -> reasons.add(criterion.path("explanation").asText()));
            }
        }
        String sha = record.getDefinitionSha256();
        return new View(outcome.path("stop").asBoolean(false) ? "stop" : "proceed", reasons, outcome.path("fria").asText(null),
                outcome.path("fundamentalRightsRisk").asText(null), record.getDefinitionUrn(), record.getDefinitionVersion(),
                sha.substring(0, Math.min(SHORT_HASH, sha.length())), record.getRecordedBy(), record.getRecordedAt());
    }
}
