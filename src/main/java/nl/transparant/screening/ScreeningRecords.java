package nl.transparant.screening;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface ScreeningRecords extends JpaRepository<ScreeningRecord, Long> {

    Optional<ScreeningRecord> findFirstByCaseIdAndKindOrderByRecordedAtDescIdDesc(String caseId, String kind);

    List<ScreeningRecord> findByCaseIdOrderByRecordedAtAscIdAsc(String caseId);
}
