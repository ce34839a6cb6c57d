package nl.transparant.workflow.review;

import java.util.Map;
import nl.transparant.identity.StaffUser;

/**
 * Turns what a person answered in a task's questionnaire into the process variables the task's BPMN element
 * asks for (its {@code requiredAnswers}). The element names the questionnaire with its {@code assessment}
 * property; the module that owns the questionnaire implements this. A client therefore never sets routing
 * variables itself: it sends answers, and the policy in {@code policies/} decides what they mean.
 */
public interface TaskAssessment {

    /** The value of the BPMN property {@code assessment} this questionnaire serves. */
    String key();

    /**
     * Evaluates the submitted answers and records them with the outcome, in the caller's transaction.
     *
     * @throws nl.transparant.problems.InvalidInputException when the answers are incomplete or not the
     *         questionnaire's; nothing is recorded then
     */
    Map<String, Object> variablesFor(Submission submission);

    /**
     * Checks answers saved as a draft, not yet complete (a questionnaire without this keeps no drafts): every answer must name a question of the questionnaire and be
     * one of its options or plain text, but required questions may still be empty. Nothing is recorded.
     *
     * @throws nl.transparant.problems.InvalidInputException when an answer is not one of the questionnaire's
     */
    default void checkDraft(Submission submission) {
        throw new nl.transparant.problems.InvalidInputException("This questionnaire keeps no drafts: complete the task instead.");
    }

    /**
     * What the answers given so far conclude under the policy in service (levels, the criteria that fired, scores),
     * checked as a draft is; nothing is recorded and the task stays open.
     *
     * @throws nl.transparant.problems.InvalidInputException when an answer is not one of the questionnaire's
     */
    default Map<String, Object> resultSoFar(Submission submission) {
        throw new nl.transparant.problems.InvalidInputException("This questionnaire has no result so far: complete the task instead.");
    }

    record Submission(String caseId, String organisation, String activityId, StaffUser actor, Map<String, Object> answers) {
    }
}
