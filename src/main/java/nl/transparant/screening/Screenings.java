package nl.transparant.screening;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.transparant.assessment.AssessmentOutcome;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The recorded questionnaires of a case. Callers check first that the person may read the case. */
@Service
@Transactional(readOnly = true)
public class Screenings {

    /**
     * The kinds of questionnaire a case records, as the BPMN's task property {@code assessment} names them and the
     * records keep them: the one place these names are written.
     */
    public static final String PRE_SCAN = "pre-scan";
    public static final String DPIA = "dpia";
    public static final String IAMA = "iama";

    private final ScreeningRecords records;
    private final PreScanAssessment preScan;
    private final DpiaAssessment dpia;
    private final IamaAssessment iama;

    Screenings(ScreeningRecords records, PreScanAssessment preScan, DpiaAssessment dpia, IamaAssessment iama) {
        this.records = records;
        this.preScan = preScan;
        this.dpia = dpia;
        this.iama = iama;
    }

    /**
     * What the answers given so far to a questionnaire ({@link #PRE_SCAN}, {@link #DPIA}, {@link #IAMA}) conclude under the policy in service
     * now: levels reached, criteria that fired, scores. Nothing is recorded and no task moves; answers that are not the
     * questionnaire's are left out, as a saved draft has none. Empty for a task that asks no questionnaire.
     */
    public Optional<AssessmentOutcome> resultSoFar(String caseId, String kind, Map<String, Object> answers) {
        Map<String, Object> given = answers == null ? Map.of() : answers;
        return switch (kind == null ? "" : kind) {
            case PreScanAssessment.KEY -> Optional.of(preScan.evaluateSoFar(given));
            case DpiaAssessment.KEY -> Optional.of(dpia.evaluateSoFar(caseId, given));
            case IamaAssessment.KEY -> Optional.of(iama.evaluateSoFar(caseId, given));
            default -> Optional.empty();
        };
    }

    /**
     * The assessment of a questionnaire whose answers so far tell nothing about it yet (a DPIA without any risk with a
     * level and without the declared residual risk: its residual risk), so the result so far does not name a level.
     */
    public Optional<String> notKnownYet(String caseId, String kind, Map<String, Object> answers) {
        return DpiaAssessment.KEY.equals(kind) && !dpia.residualRiskKnownSoFar(caseId, answers)
                ? Optional.of(DpiaAssessment.RESIDUAL_RISK)
                : Optional.empty();
    }

    /** For DPIA answers so far: the declared residual risk when it differs from what the risk matrix gives the risks. */
    public Optional<ResidualRiskDifference> residualRiskDifference(String caseId, String kind, Map<String, Object> answers) {
        return DpiaAssessment.KEY.equals(kind) ? dpia.residualRiskDifference(caseId, answers == null ? Map.of() : answers) : Optional.empty();
    }

    public Optional<ScreeningRecord> latestPreScan(String caseId) {
        return latest(caseId, PreScanAssessment.KEY);
    }

    /** The last recorded questionnaire of this kind ({@link #PRE_SCAN}, {@link #DPIA}, {@link #IAMA}), if any. */
    public Optional<ScreeningRecord> latest(String caseId, String kind) {
        return records.newestOfKind(caseId, kind, PageRequest.of(0, 1)).stream().findFirst();
    }

    public List<ScreeningRecord> all(String caseId) {
        return records.findByCaseIdOrderByRecordedAtAscIdAsc(caseId);
    }
}
