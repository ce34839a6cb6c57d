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
    private final ScreeningRecords records;

    DpiaApprovalNeedsTheRiskMatrix(RiskMatrixPolicy riskMatrix, ScreeningRecords records) {
        this.riskMatrix = riskMatrix;
        this.records = records;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static com.fasterxml.jackson.databind.JsonNode outcomeOf(ScreeningRecord dpia) {
        try {
            return dpia.getOutcome() == null ? JSON.createObjectNode() : JSON.readTree(dpia.getOutcome());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("The DPIA record of case " + dpia.getCaseId() + " holds no JSON outcome", e);
        }
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public void check(StaffUser approver, String caseId) {
        RiskMatrix matrix = riskMatrix.current();
        // the DPIA was judged by the matrix of its day: the approval goes on only if today's matrix still has its level
        // and says the same about prior consultation (outside tester: a level renamed since went through to publication)
        records.newestOfKind(caseId, DpiaAssessment.KEY, org.springframework.data.domain.PageRequest.of(0, 1)).stream().findFirst()
                .ifPresent(dpia -> {
                    com.fasterxml.jackson.databind.JsonNode outcome = outcomeOf(dpia);
                    String residual = outcome.path("residualRisk").asText(null);
                    if (residual == null) {
                        return;
                    }
                    boolean now = matrix.needsPriorConsultation(residual);
                    if (outcome.has("priorConsultationRequired") && outcome.path("priorConsultationRequired").asBoolean() != now) {
                        throw new RiskMatrix.BrokenRiskMatrixException(riskMatrix.file(), "changedSinceDpia", java.util.List.of(residual), null);
                    }
                });
    }
}
