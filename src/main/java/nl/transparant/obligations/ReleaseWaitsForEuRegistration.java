package nl.transparant.obligations;

import java.util.List;
import nl.transparant.cases.Cases;
import nl.transparant.identity.StaffUser;
import nl.transparant.workflow.review.ApprovalBlocked;
import nl.transparant.workflow.review.ApprovalCondition;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The services come lazily: the review process, which the case services need, asks these conditions, so they cannot
 * need the case services while being made.
 *
 * <p>{@code approvalRequires="eu-database-registration"}: when {@code policies/obligations.yaml} says so, a high-risk AI
 * system (Annex III) the organisation deploys is released only after its registration in the EU database is confirmed.
 */
@Component
class ReleaseWaitsForEuRegistration implements ApprovalCondition {

    static final String KEY = "eu-database-registration";

    private final EuDatabaseRegistrations registrations;
    private final ObligationsCatalogue catalogue;
    private final Cases cases;

    ReleaseWaitsForEuRegistration(@Lazy EuDatabaseRegistrations registrations, ObligationsCatalogue catalogue, @Lazy Cases cases) {
        this.registrations = registrations;
        this.catalogue = catalogue;
        this.cases = cases;
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public void check(StaffUser approver, String caseId) {
        String id = cases.read(approver, caseId).getId();
        if (catalogue.current().release().euRegistrationBeforeRelease() && registrations.required(id) && !registrations.confirmed(id)) {
            throw new ApprovalBlocked("This high-risk AI system must be registered in the EU database first (AI Act Art. 49(3)). The project"
                    + " owner prepares the registration on the case and confirms it with its number.", "euRegistration.release.blocked", List.of());
        }
    }
}
