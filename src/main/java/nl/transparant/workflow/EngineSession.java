package nl.transparant.workflow;

import java.util.ArrayList;
import java.util.function.Supplier;
import nl.transparant.identity.StaffUser;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/**
 * Runs engine calls as a member of staff: their roles become the engine's groups and their
 * organisations the engine's tenants, so the engine's own tenant check limits what they see and change,
 * and the segregation-of-duties listener knows who acts.
 */
@Component
public class EngineSession {

    private final IdentityService identityService;

    EngineSession(IdentityService identityService) {
        this.identityService = identityService;
    }

    public <T> T as(StaffUser user, Supplier<T> work) {
        identityService.setAuthentication(user.id(), new ArrayList<>(user.roleNames()), new ArrayList<>(user.organisations()));
        try {
            return work.get();
        } finally {
            identityService.clearAuthentication();
        }
    }

    public void run(StaffUser user, Runnable work) {
        as(user, () -> {
            work.run();
            return null;
        });
    }
}
