package nl.transparant.nationalregister;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

interface Deliveries extends JpaRepository<Delivery, Long> {

    List<Delivery> findByStatusAndNextAttemptAtLessThanEqualOrderByIdAsc(Delivery.Status status, Instant now, Limit limit);

    /** The national id an entry got when it was first delivered. */
    Optional<Delivery> findFirstByLarsAndNationalIdIsNotNullOrderByIdDesc(String lars);

    /** Earlier rows of the same entry still waiting: an entry's deliveries go out in the order they were queued. */
    boolean existsByLarsAndStatusAndIdLessThan(String lars, Delivery.Status status, Long id);

    List<Delivery> findByOrganisationCodeInOrderByIdDesc(Collection<String> organisationCodes, Limit limit);

    List<Delivery> findAllByOrderByIdDesc(Limit limit);

    boolean existsByLars(String lars);
}
