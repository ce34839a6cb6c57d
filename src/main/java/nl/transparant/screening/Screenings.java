package nl.transparant.screening;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The recorded questionnaires of a case. Callers check first that the person may read the case. */
@Service
@Transactional(readOnly = true)
public class Screenings {

    private final ScreeningRecords records;

    Screenings(ScreeningRecords records) {
        this.records = records;
    }

    public Optional<ScreeningRecord> latestPreScan(String caseId) {
        return records.findFirstByCaseIdAndKindOrderByRecordedAtDescIdDesc(caseId, PreScanAssessment.KEY);
    }

    /** The last recorded questionnaire of this kind ("pre-scan", "dpia", "iama"), if any. */
    public Optional<ScreeningRecord> latest(String caseId, String kind) {
        return records.findFirstByCaseIdAndKindOrderByRecordedAtDescIdDesc(caseId, kind);
    }

    public List<ScreeningRecord> all(String caseId) {
        return records.findByCaseIdOrderByRecordedAtAscIdAsc(caseId);
    }
}
