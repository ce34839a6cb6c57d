package nl.transparant.audit;

/**
 * The record types other code reads or writes by name. Which module event becomes which record type is
 * {@link RecordedEvents}; every type has labels {@code audit.eventType.<type>} for the auditor's pages.
 */
final class RecordTypes {

    /** The case's texts as the owner wrote them: the documents of a case's record ({@link CaseRecord}). */
    static final String CASE_CREATED = "case-created";
    static final String CASE_CHANGED = "case-changed";
    static final String TASK_DECIDED = "task-decided";
    /** A refusal ({@link RefusalRecorder}). */
    static final String AUTHORISATION_DENIED = "authorisation-denied";
    /** A process or policy definition the engine holds ({@link DefinitionRecords}). */
    static final String DEFINITION_DEPLOYED = "definition-deployed";

    private RecordTypes() {
    }
}
