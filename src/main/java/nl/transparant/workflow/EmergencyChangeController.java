package nl.transparant.workflow;

import java.util.List;
import nl.transparant.identity.StaffUser;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** An administrator unsticks a case with a reason: see {@link EmergencyChanges} for the actions. */
@RestController
@RequestMapping("/api/admin/cases")
class EmergencyChangeController {

    private final EmergencyChanges changes;

    EmergencyChangeController(EmergencyChanges changes) {
        this.changes = changes;
    }

    @PostMapping("/{caseId}/emergency")
    Applied apply(StaffUser user, @PathVariable String caseId, @RequestBody Request request) {
        return new Applied(request.action(), changes.apply(user, caseId, request.action(), request.reason()));
    }

    record Request(String action, String reason) {
    }

    /** @param affected the ids of the jobs retried, or of the process instance stopped */
    record Applied(String action, List<String> affected) {
    }
}
