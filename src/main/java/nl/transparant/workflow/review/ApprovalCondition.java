package nl.transparant.workflow.review;

import nl.transparant.identity.StaffUser;

/**
 * Something a review's approval must wait for, named by the BPMN property {@code approvalRequires} of the review task
 * (for instance the publisher's release waits until every condition of the ethics committee is met). The module that
 * keeps the facts implements it; the process asks before an approval is completed, whichever page or API completes it.
 */
public interface ApprovalCondition {

    /** The value in the BPMN property {@code approvalRequires} this check serves. */
    String key();

    /**
     * @throws ApprovalBlocked when the case does not meet the condition yet; nothing is completed then
     */
    void check(StaffUser approver, String caseId);
}
