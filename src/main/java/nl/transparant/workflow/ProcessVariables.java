package nl.transparant.workflow;

import nl.transparant.workflow.review.ApprovalCondition;

/** Names of the process variables of {@code processes/algorithm-review.bpmn} that Java reads or writes. */
public final class ProcessVariables {

    public static final String CASE_ID = "caseId";
    public static final String ORGANISATION = "organisation";
    /**
     * Who submitted the case: set by the engine from the signed-in user ({@code camunda:initiator} of the start event),
     * as the instance's start user. The review once also stored it as {@code submitter}, the same value twice.
     */
    public static final String STARTER = "starter";
    /** Who asked for an entry's retirement ({@code processes/entry-retirement.bpmn}). */
    public static final String SUBMITTER = "submitter";
    /** Everyone who wrote the case's texts before it was submitted, comma-separated: their work under the four-eyes rule. */
    public static final String CASE_AUTHORS = "caseAuthors";
    public static final String OUTCOME = "outcome";
    public static final String RATIONALE = "rationale";
    public static final String DECIDED_BY = "decidedBy";
    public static final String PUBLICATION_CATEGORY = "publicationCategory";
    public static final String DPIA_REQUIRED = "dpiaRequired";
    public static final String ETHICS_REVIEW_REQUIRED = "ethicsReviewRequired";
    static final String ROUTE_REASON = "routeReason";
    /** Why an assessment (the IAMA) stopped the case; the closing reason of a stop end event when set. */
    static final String STOP_REASON = "stopReason";
    /** A task's saved, not yet completed answers (task-local, JSON bytes). */
    public static final String DRAFT_ANSWERS = "draftAnswers";
    /** The note or rationale typed beside a draft's answers (UTF-8 bytes), a local variable of the task like the draft. */
    public static final String DRAFT_NOTE = "draftNote";
    /** Who saved a task's draft last (a local variable of the task like the draft). */
    public static final String DRAFT_SAVED_BY = "draftSavedBy";
    /** The version of a task's draft, new at every save (a local variable of the task like the draft). */
    public static final String DRAFT_VERSION = "draftVersion";

    public static final String PROCESS_KEY = "algorithm-review";

    /** BPMN extension properties the process uses to tell the application about its elements. */
    static final String PROPERTY_CASE_STAGE = "caseStage";
    public static final String PROPERTY_OUTCOMES = "outcomes";
    public static final String PROPERTY_REQUIRED_ANSWERS = "requiredAnswers";
    public static final String PROPERTY_ASSESSMENT = "assessment";
    public static final String PROPERTY_DECISION = "decision";
    /** On a review task: conditions an approval must meet, each checked by the module that provides it ({@link ApprovalCondition}). */
    public static final String PROPERTY_APPROVAL_REQUIRES = "approvalRequires";
    public static final String DECIDED_BY_COMMITTEE_VOTE = "committee-vote";
    /**
     * On a task that ends in no decision: {@code note=required} when its note is the record of what was done (the
     * re-review's "what I checked"); a review's rationale is always required.
     */
    public static final String PROPERTY_NOTE = "note";
    public static final String NOTE_REQUIRED = "required";

    private ProcessVariables() {
    }
}
