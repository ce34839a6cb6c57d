package nl.transparant.screening;

import nl.transparant.identity.StaffUser;
import nl.transparant.workflow.review.ApprovalCondition;
import org.springframework.stereotype.Component;

/**
 * {@code approvalRequires="risk-matrix"}: the privacy officer's approval of a DPIA needs the risk matrix the DPIA was
 * judged by. The page shows the residual risk by it above the decision and refuses while the matrix is broken; the
 * API's approval did not read it and went through (outside tester). A broken matrix now refuses the approval on every
 * client, naming the file ({@link RiskMatrix.BrokenRiskMatrixException}, a 503).
 */
@Component
class DpiaApprovalNeedsTheRiskMatrix implements ApprovalCondition {

    static final String KEY = "risk-matrix";

    private final RiskMatrixPolicy riskMatrix;

    DpiaApprovalNeedsTheRiskMatrix(RiskMatrixPolicy riskMatrix) {
        this.riskMatrix = riskMatrix;
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public void check(StaffUser approver, String caseId) {
        riskMatrix.current();
    }
}
