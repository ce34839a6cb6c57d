package nl.transparant.nationalregister;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface Deliveries extends JpaRepository<Delivery, Long> {

    List<Delivery> findByStatusAndNextAttemptAtLessThanEqualOrderByIdAsc(Delivery.Status status, Instant now, Limit limit);

    /** The national id an entry got when it was first delivered. */
    Optional<Delivery> findFirstByLarsAndNationalIdIsNotNullOrderByIdDesc(String lars);

    /** Earlier rows of the same entry still waiting: an entry's deliveries go out in the order they were queued. */
    boolean existsByLarsAndStatusAndIdLessThan(String lars, Delivery.Status status, Long id);

    List<Delivery> findByOrganisationCodeInOrderByIdDesc(Collection<String> organisationCodes, Limit limit);

    List<Delivery> findAllByOrderByIdDesc(Limit limit);

    boolean existsByLars(String lars);

    /**
     * Claims a waiting row for one node until {@code until}, in one statement: of two nodes that read the same due row,
     * only one changes it (1), the other finds it claimed (0) and leaves it alone. A claim that ran out (its node died
     * mid-delivery) can be taken over.
     */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("UPDATE Delivery d SET d.claimedBy = :node, d.claimedUntil = :until WHERE d.id = :id AND d.status = :waiting"
            + " AND (d.claimedUntil IS NULL OR d.claimedUntil < :now)")
    int claim(@Param("id") Long id, @Param("node") String node, @Param("until") Instant until, @Param("now") Instant now,
            @Param("waiting") Delivery.Status waiting);
}
