package nl.transparant.workflow.review;

import nl.transparant.workflow.history.ProcessHistory;

import java.util.List;
import java.util.Map;

/** Events the review process publishes while it runs, inside the engine's transaction. */
public final class ReviewEvents {

    private ReviewEvents() {
    }

    /** The process reached a BPMN element that puts the case in a new stage (property {@code caseStage}). */
    public record CaseStageReached(String caseId, String stage, String activityId, String closingReason) {
    }

    /**
     * A person completed a task on the case, with the outcome, rationale and answers (such as the pre-scan's) they gave;
     * {@code process}: the process instance the task belongs to (its organisation, the process version);
     * {@code variables}: the process variables as they stood when the person decided (what the route was based on).
     */
    public record TaskDecided(String caseId, String activityId, String activityName, String outcome, String rationale,
            String decidedBy, String decidedRole, Map<String, Object> answers, ProcessHistory.ExecutionFacts process,
            Map<String, Object> variables) {
    }

    /**
     * A person saved the answers of an open questionnaire task as a draft, without completing it: work on the case (the
     * four-eyes rule counts it), so the decision log holds who saved a draft, and when. Not the answers themselves: a
     * draft may be saved many times over and the log is never cleaned; {@code answersSha256} (of the bytes the engine
     * keeps, {@code answersBytes} long) identifies what was saved, and the completion records the answers in full.
     */
    public record TaskDraftSaved(String caseId, String activityId, String activityName, String savedBy, String savedRole,
            String answersSha256, int answersBytes) {
    }

    /** A user task of the case was claimed or handed to someone ({@code assignee}), or released ({@code assignee} null). */
    public record TaskAssigned(String caseId, String activityId, String activityName, String assignee, String assignedBy) {
    }

    /**
     * The process evaluated a policy (a DMN decision table) for the case: which definition and version, the inputs by
     * input clause id, the ids of the rules that fired, and the outputs of the first of them.
     */
    public record PolicyEvaluated(String caseId, String decisionKey, String decisionDefinitionId, Integer decisionVersion,
            String activityId, Map<String, Object> inputs, List<String> matchedRuleIds, Map<String, Object> outputs) {
    }

    /** The publisher released the entry; the review's own results travel along for the register. */
    public record PublicationReleased(String caseId, String releasedBy, String publicationCategory, boolean dpiaPerformed,
            boolean ethicsReviewPerformed) {
    }

    /**
     * The process started waiting for the supervisor's advice (GDPR Art. 36): the privacy officer ({@code requestedBy})
     * submitted the DPIA to the supervisor, with their note ({@code rationale}, may be empty).
     */
    public record PriorConsultationRequested(String caseId, String activityId, String requestedBy, String rationale) {
    }

    /** A privacy officer recorded the supervisor's written advice after prior consultation; the process moves on. */
    public record SupervisorAdviceRecorded(String caseId, String activityId, String activityName, String advice,
            String recordedBy, String recordedRole) {
    }
}
