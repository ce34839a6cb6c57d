package nl.transparant.assessment.internal;

/** The answers a questionnaire function reads: only answers that count (of visible tasks). */
public interface AnswerLookup {

    /** The answer to the task's first instance as a jexl value, or null when there is none. */
    Object answer(String taskId);
}
