package nl.transparant.cases;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/**
 * Queries are written out: Hibernate keeps the translation of a query string, whereas a query derived from the method
 * name is a criteria query it translates again on every call (5 % of the CPU of the workflow benchmark, every poll).
 */
interface CaseDecisionRepository extends JpaRepository<CaseDecision, Long> {

    @Query("select d from CaseDecision d where d.caseId = ?1 order by d.decidedAt asc, d.id asc")
    List<CaseDecision> findByCaseIdOrderByDecidedAtAscIdAsc(String caseId);
}
