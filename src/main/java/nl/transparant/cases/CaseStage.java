package nl.transparant.cases;

/** Where a case stands; the review process moves it, through the {@code caseStage} properties of its BPMN elements. */
public enum CaseStage {
    DRAFT(true),
    PRE_SCAN(true),
    /** A DPIA is recommended or the AI system has transparency duties: the privacy officer approves the pre-scan. */
    PRE_SCAN_REVIEW(false),
    DPIA(true),
    DPIA_REVIEW(false),
    /** High residual risk: waiting for the supervisor's advice (GDPR Art. 36). */
    PRIOR_CONSULTATION(false),
    /** The owner answers the IAMA before the ethics committee reviews the case. */
    IAMA(true),
    ETHICS_REVIEW(false),
    REVISION(true),
    PUBLICATION_REVIEW(false),
    PUBLISHED(false),
    REJECTED(false),
    STOPPED(false),
    /** The owner prepares a change of the published entry; the published version stays public until the change is released. */
    CHANGE(true),
    /** The owner asked to take the algorithm out of use; a register publisher decides. */
    RETIREMENT_REVIEW(false),
    /** Out of use: the last published version says "Buiten gebruik", with the end date. */
    RETIRED(false);

    private final boolean ownersTurn;

    CaseStage(boolean ownersTurn) {
        this.ownersTurn = ownersTurn;
    }

    /** While it is the owner's turn they may edit the register fields; during a review the text stays fixed. */
    public boolean editableByOwner() {
        return ownersTurn;
    }

    public boolean closed() {
        return this == PUBLISHED || this == REJECTED || this == STOPPED || this == RETIRED;
    }
}
