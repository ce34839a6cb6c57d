package nl.transparant.screening;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/**
 * Queries are written out: Hibernate keeps the translation of a query string, whereas a query derived from the method
 * name is a criteria query it translates again on every call.
 */
interface ScreeningRecords extends JpaRepository<ScreeningRecord, Long> {

    /** The records of one kind, newest first; {@code page} limits how many. */
    @Query("select r from ScreeningRecord r where r.caseId = ?1 and r.kind = ?2 order by r.recordedAt desc, r.id desc")
    List<ScreeningRecord> newestOfKind(String caseId, String kind, Pageable page);

    @Query("select r from ScreeningRecord r where r.caseId = ?1 order by r.recordedAt asc, r.id asc")
    List<ScreeningRecord> findByCaseIdOrderByRecordedAtAscIdAsc(String caseId);
}
