package nl.transparant.obligations;

import java.util.List;
import java.util.stream.Collectors;
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
 * <p>{@code approvalRequires="obligations-met"}: the publisher's release waits until every requirement that
 * {@code policies/obligations.yaml} wants met before release, and that applies to the case, is met.
 */
@Component
class ReleaseWaitsForObligations implements ApprovalCondition {

    static final String KEY = "obligations-met";

    private final Obligations obligations;
    private final Cases cases;

    ReleaseWaitsForObligations(@Lazy Obligations obligations, @Lazy Cases cases) {
        this.obligations = obligations;
        this.cases = cases;
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public void check(StaffUser approver, String caseId) {
        List<Obligations.RequirementView> open = obligations.checklistOf(cases.read(approver, caseId)).openBeforeRelease();
        if (!open.isEmpty()) {
            String names = open.stream().map(r -> r.requirement().name()).collect(Collectors.joining("; "));
            throw new ApprovalBlocked(open.size() + " requirement(s) must be met before release: " + names
                    + ". The project owner records the work on their measures on the case.", "obligations.release.blocked",
                    List.of(open.size(), names));
        }
    }
}
