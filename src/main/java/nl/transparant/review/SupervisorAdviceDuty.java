package nl.transparant.review;

import java.util.Collection;
import java.util.List;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.CaseStage;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.workflow.review.SupervisorAdvice;
import org.springframework.stereotype.Component;

/**
 * While a case waits for the supervisor's advice after prior consultation (GDPR Art. 36) no engine task is open, yet a
 * privacy officer of the case's organisation has to record that advice when it arrives: without this duty "Mijn werk"
 * would say there is nothing to do.
 */
@Component
class SupervisorAdviceDuty implements InboxDuties {

    /** The advice form on the case page (cases/dpia.html, fragment "advice"). */
    static final String ANCHOR = "supervisor-advice-title";

    private final SupervisorAdvice supervisorAdvice;

    SupervisorAdviceDuty(SupervisorAdvice supervisorAdvice) {
        this.supervisorAdvice = supervisorAdvice;
    }

    @Override
    public List<Duty> dutiesOf(StaffUser user, Collection<AlgorithmCase> visible) {
        if (!user.has(Role.PRIVACY_OFFICER)) {
            return List.of();
        }
        return visible.stream().filter(c -> c.getStage() == CaseStage.PRIOR_CONSULTATION)
                // not offered to a person with both roles on a case they worked on: the four-eyes rule refuses it
                .filter(c -> !supervisorAdvice.barredByFourEyes(user, c.getId()))
                .map(c -> new Duty(c.getId(), "inbox.duty.supervisorAdvice", List.of(), ANCHOR, Role.PRIVACY_OFFICER.roleName(),
                        c.getUpdatedAt()))
                .toList();
    }
}
