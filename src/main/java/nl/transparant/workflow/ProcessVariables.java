package nl.transparant.workflow;

/** Names of the process variables of {@code processes/algorithm-review.bpmn} that Java reads or writes. */
final class ProcessVariables {

    static final String CASE_ID = "caseId";
    static final String ORGANISATION = "organisation";
    static final String SUBMITTER = "submitter";
    /** Everyone who wrote the case's texts before it was submitted, comma-separated: their work under the four-eyes rule. */
    static final String CASE_AUTHORS = "caseAuthors";
    static final String OUTCOME = "outcome";
    static final String RATIONALE = "rationale";
    static final String DECIDED_BY = "decidedBy";
    static final String PUBLICATION_CATEGORY = "publicationCategory";
    static final String DPIA_REQUIRED = "dpiaRequired";
    static final String ETHICS_REVIEW_REQUIRED = "ethicsReviewRequired";
    static final String ROUTE_REASON = "routeReason";
    /** Why an assessment (the IAMA) stopped the case; the closing reason of a stop end event when set. */
    static final String STOP_REASON = "stopReason";
    /** A task's saved, not yet completed answers (task-local, JSON bytes). */
    static final String DRAFT_ANSWERS = "draftAnswers";

    static final String PROCESS_KEY = "algorithm-review";

    /** BPMN extension properties the process uses to tell the application about its elements. */
    static final String PROPERTY_CASE_STAGE = "caseStage";
    static final String PROPERTY_OUTCOMES = "outcomes";
    static final String PROPERTY_REQUIRED_ANSWERS = "requiredAnswers";
    static final String PROPERTY_ASSESSMENT = "assessment";
    static final String PROPERTY_DECISION = "decision";
    /** On a review task: conditions an approval must meet, each checked by the module that provides it ({@link ApprovalCondition}). */
    static final String PROPERTY_APPROVAL_REQUIRES = "approvalRequires";
    static final String DECIDED_BY_COMMITTEE_VOTE = "committee-vote";

    private ProcessVariables() {
    }
}
