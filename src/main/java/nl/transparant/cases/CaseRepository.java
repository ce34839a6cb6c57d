package nl.transparant.cases;

import java.util.Collection;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Public for the sub-package {@code livingentry}, which loads the case an engine event names; other modules use {@link Cases}. */
public interface CaseRepository extends JpaRepository<AlgorithmCase, String> {

    List<AlgorithmCase> findByOrganisationCodeInOrderByUpdatedAtDesc(Collection<String> organisationCodes);
}
