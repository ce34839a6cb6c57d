package nl.transparant.cases;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface CaseRepository extends JpaRepository<AlgorithmCase, String> {

    List<AlgorithmCase> findByOrganisationCodeInOrderByUpdatedAtDesc(Collection<String> organisationCodes);
}
