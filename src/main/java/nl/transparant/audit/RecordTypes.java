package nl.transparant.audit;

/**
 * The decision log's record types, the words an auditor filters on ({@code audit.eventType.<type>} labels them). Which
 * module event becomes which record is {@link RecordedEvents}; the deployed definitions are {@link DefinitionRecords},
 * the refusals {@link RefusalRecorder}.
 */
final class RecordTypes {

    static final String CASE_CREATED = "case-created";
    static final String CASE_CHANGED = "case-changed";
    static final String CASE_SUBMITTED = "case-submitted";
    static final String ENGLISH_TEXTS_CHANGED = "english-texts-changed";
    static final String STAGE_REACHED = "stage-reached";
    static final String TASK_DECIDED = "task-decided";
    static final String POLICY_EVALUATED = "policy-evaluated";
    static final String TASK_ASSIGNED = "task-assigned";
    static final String PUBLICATION_RELEASED = "publication-released";
    static final String ENTRY_PUBLISHED = "entry-published";
    static final String AUTHORISATION_DENIED = "authorisation-denied";
    static final String DEFINITION_DEPLOYED = "definition-deployed";
    static final String PRE_SCAN_ASSESSED = "pre-scan-assessed";
    static final String DPIA_ASSESSED = "dpia-assessed";
    static final String IAMA_ASSESSED = "iama-assessed";
    static final String PROBLEM_REPORT_HANDLED = "problem-report-handled";
    static final String POLICIES_RELOADED = "policies-reloaded";
    static final String PROBLEM_REPORT_REMINDED = "problem-report-reminded";
    static final String PROBLEM_REPORT_RECEIVED = "problem-report-received";
    static final String ETHICS_VOTE_CAST = "ethics-vote-cast";
    static final String ETHICS_DECISION_REACHED = "ethics-decision-reached";
    static final String ETHICS_CONDITION_MET = "ethics-condition-met";
    static final String PRIOR_CONSULTATION_REQUESTED = "prior-consultation-requested";
    static final String SUPERVISOR_ADVICE_RECORDED = "supervisor-advice-recorded";
    static final String OBLIGATION_RECORDED = "obligation-recorded";
    static final String EU_REGISTRATION_SAVED = "eu-registration-saved";
    static final String EU_REGISTRATION_CONFIRMED = "eu-registration-confirmed";
    static final String OBLIGATIONS_CHANGED = "obligations-changed";
    static final String OBLIGATIONS_CHANGE_ACKNOWLEDGED = "obligations-change-acknowledged";
    static final String ORGANISATION_CHANGED = "organisation-changed";

    // The living entry: a change of a published entry, its retirement, and the periodic re-review (GDPR Art. 35(11)).
    static final String CHANGE_STARTED = "change-started";
    static final String NEW_VERSION_PUBLISHED = "new-version-published";
    static final String RETIREMENT_REQUESTED = "retirement-requested";
    static final String ENTRY_RETIRED = "entry-retired";
    static final String RE_REVIEW_DUE = "re-review-due";
    static final String RE_REVIEW_CONFIRMED = "re-review-confirmed";

    private RecordTypes() {
    }
}
