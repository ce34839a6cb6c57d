package nl.transparant.nationalregister;

import java.time.Instant;
import java.util.List;
import nl.transparant.identity.StaffUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The connector's outbox for register publishers (their organisations) and administrators. */
@RestController
class DeliveryApi {

    private final DeliveryBoard board;

    DeliveryApi(DeliveryBoard board) {
        this.board = board;
    }

    record DeliveryView(long id, String lars, int version, String organisation, String operation, String status, int attempts,
            Instant queuedAt, Instant nextAttemptAt, Instant deliveredAt, String lastError, String nationalId) {

        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.getId(), d.getLars(), d.getVersionNumber(), d.getOrganisationCode(), d.getOperation().name(),
                    d.getStatus().name(), d.getAttempts(), d.getQueuedAt(), d.getNextAttemptAt(), d.getDeliveredAt(), d.getLastError(),
                    d.getNationalId());
        }
    }

    record Board(boolean enabled, List<DeliveryView> deliveries) {
    }

    @GetMapping("/api/register/deliveries")
    Board list(StaffUser staff) {
        return new Board(board.enabled(), board.visibleTo(staff).stream().map(DeliveryView::of).toList());
    }

    @PostMapping("/api/register/deliveries/{id}/retry")
    DeliveryView retry(StaffUser staff, @PathVariable long id) {
        return DeliveryView.of(board.retryNow(staff, id));
    }

    @PostMapping("/api/register/entries/{lars}/retract")
    @ResponseStatus(HttpStatus.ACCEPTED)
    DeliveryView retract(StaffUser staff, @PathVariable String lars) {
        return DeliveryView.of(board.retract(staff, lars));
    }
}
