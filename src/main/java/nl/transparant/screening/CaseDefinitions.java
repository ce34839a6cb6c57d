package nl.transparant.screening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import nl.transparant.assessment.AssessmentDefinition;
import nl.transparant.assessment.AssessmentDefinitions;
import nl.transparant.assessment.DefinitionId;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;

/**
 * The DPIA and IAMA definitions a case uses: the versions the active binding named when the case's pre-scan was
 * recorded, so a reload (a new version, another binding) never changes the questionnaire of a case under way. Every
 * version served since the start stays loaded ({@link AssessmentDefinitions#find}); a case without a pre-scan yet, or
 * whose pinned version is no longer loaded after a restart, gets the version the active binding names now.
 */
@Component
public class CaseDefinitions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScreeningBindings bindings;
    private final AssessmentDefinitions definitions;
    private final ScreeningRecords records;

    CaseDefinitions(ScreeningBindings bindings, AssessmentDefinitions definitions, ScreeningRecords records) {
        this.bindings = bindings;
        this.definitions = definitions;
        this.records = records;
    }

    public AssessmentDefinition dpia(String caseId) {
        return pinned(caseId, Screenings.DPIA).orElseGet(() -> current(bindings.current().dpia()));
    }

    public AssessmentDefinition iama(String caseId) {
        return pinned(caseId, Screenings.IAMA).orElseGet(() -> current(bindings.current().iama()));
    }

    private Optional<AssessmentDefinition> pinned(String caseId, String which) {
        if (caseId == null) {
            return Optional.empty();
        }
        // the records, not Screenings: Screenings needs the assessments, which need this
        return records.newestOfKind(caseId, PreScanAssessment.KEY, PageRequest.of(0, 1)).stream().findFirst().flatMap(record -> {
            try {
                JsonNode pin = JSON.readTree(record.getOutcome()).path("binding").path(which);
                if (!pin.hasNonNull("urn")) {
                    return Optional.empty();
                }
                return definitions.find(new DefinitionId(pin.path("urn").asText(), pin.path("version").asText(),
                        pin.path("sha256").asText()));
            } catch (IOException e) {
                throw new IllegalStateException("A recorded pre-scan outcome is not JSON", e);
            }
        });
    }

    private AssessmentDefinition current(ScreeningBinding.Reference reference) {
        return definitions.current(reference.key())
                .orElseThrow(() -> new IllegalStateException("The definition " + reference.key() + " is not loaded"));
    }
}
