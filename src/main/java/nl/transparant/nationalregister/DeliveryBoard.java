package nl.transparant.nationalregister;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.problems.ConflictException;
import nl.transparant.problems.ForbiddenException;
import nl.transparant.problems.NotFoundException;
import nl.transparant.register.PublicRegister;
import nl.transparant.register.PublishedEntry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What register publishers (of their organisations) and administrators see of the connector and may ask of it: the
 * outbox with every failure and its reason, an attempt now instead of after the back-off, and the withdrawal of an
 * entry from the national register.
 */
@Component
public class DeliveryBoard {

    static final int SHOWN = 200;

    private final Deliveries deliveries;
    private final ObjectProvider<DeliveryQueue> queue;
    private final PublicRegister register;

    DeliveryBoard(Deliveries deliveries, ObjectProvider<DeliveryQueue> queue, PublicRegister register) {
        this.deliveries = deliveries;
        this.queue = queue;
        this.register = register;
    }

    /** Whether the connector is switched on here. */
    public boolean enabled() {
        return queue.getIfAvailable() != null;
    }

    /** The newest deliveries first, of the organisations this person publishes for (all for an administrator). */
    @Transactional(readOnly = true)
    public List<Delivery> visibleTo(StaffUser staff) {
        requirePublisherOrAdmin(staff);
        return staff.has(Role.ADMIN) ? deliveries.findAllByOrderByIdDesc(Limit.of(SHOWN))
                : deliveries.findByOrganisationCodeInOrderByIdDesc(publishingFor(staff), Limit.of(SHOWN));
    }

    @Transactional
    public Delivery retryNow(StaffUser staff, long id) {
        requirePublisherOrAdmin(staff);
        Delivery delivery = deliveries.findById(id).orElseThrow(() -> new NotFoundException("No delivery " + id + "."));
        requireFor(staff, delivery.getOrganisationCode());
        if (delivery.getStatus() != Delivery.Status.PENDING) {
            throw new ConflictException("Delivery " + id + " is " + delivery.getStatus() + "; only a waiting delivery is tried again.");
        }
        delivery.retryNow(Instant.now());
        return delivery;
    }

    /** Queues the withdrawal of an entry from the national register; it stays published here. */
    @Transactional
    public Delivery retract(StaffUser staff, String lars) {
        requirePublisherOrAdmin(staff);
        PublishedEntry latest = register.latest(lars);
        requireFor(staff, latest.getOrganisationCode());
        DeliveryQueue connector = Optional.ofNullable(queue.getIfAvailable())
                .orElseThrow(() -> new ConflictException("The connector to the national register is switched off here."));
        if (!deliveries.existsByLars(lars)) {
            throw new ConflictException("Entry " + lars + " was never sent to the national register.");
        }
        return connector.retract(lars, latest.getVersionNumber(), latest.getOrganisationCode());
    }

    private static void requirePublisherOrAdmin(StaffUser staff) {
        if (!staff.has(Role.ADMIN) && !staff.has(Role.REGISTER_PUBLISHER)) {
            throw new ForbiddenException("Only register publishers and administrators see the deliveries to the national register.");
        }
    }

    private static void requireFor(StaffUser staff, String organisationCode) {
        if (!staff.has(Role.ADMIN) && !(staff.has(Role.REGISTER_PUBLISHER) && staff.serves(organisationCode))) {
            throw new ForbiddenException("Only a register publisher of the entry's organisation or an administrator does this.");
        }
    }

    private static List<String> publishingFor(StaffUser staff) {
        return List.copyOf(staff.organisations());
    }
}
