package nl.transparant.nationalregister;

import java.time.Instant;
import nl.transparant.register.RegisterVersionPublished;
import org.springframework.context.event.EventListener;

/**
 * Puts what the register publishes into the connector's outbox, inside the transaction that publishes it: a version is
 * queued exactly when it is stored, whether or not the national register answers at that moment.
 */
class DeliveryQueue {

    private final Deliveries deliveries;

    DeliveryQueue(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @EventListener
    void on(RegisterVersionPublished published) {
        deliveries.save(new Delivery(published.lars(), published.versionNumber(), published.organisationCode(),
                Delivery.Operation.DELIVER, Instant.now()));
    }

    /** A publisher or administrator takes the entry out of the national register (it stays published here). */
    Delivery retract(String lars, int latestVersion, String organisationCode) {
        return deliveries.save(new Delivery(lars, latestVersion, organisationCode, Delivery.Operation.RETRACT, Instant.now()));
    }
}
