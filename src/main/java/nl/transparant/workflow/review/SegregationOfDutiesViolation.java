package nl.transparant.workflow.review;

import nl.transparant.problems.Wording;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * Thrown by the engine when someone may not do a step of a case: a review of work they did themselves (the four-eyes
 * rule, {@link FourEyes}), a review without a signed-in person, or a step the four-eyes policy does not cover.
 */
public class SegregationOfDutiesViolation extends ProcessEngineException {

    private final String messageKey;
    private final boolean callersDoing;
    private final Wording reason;
    private final String caseId;

    /**
     * @param messageKey the key of a Dutch and English explanation for the person refused; null to show the message
     * @param callersDoing whether the request is refused for who makes it (work on the case, no signed-in person), as
     *                     opposed to a fault an operator must mend (a step the policy does not cover, a case without
     *                     a recorded submitter)
     */
    SegregationOfDutiesViolation(String message, String messageKey, boolean callersDoing) {
        this(message, messageKey, callersDoing, null);
    }

    /** @param reason what the person did on the case, in words for their language; null when the message is all there is */
    SegregationOfDutiesViolation(String message, String messageKey, boolean callersDoing, Wording reason) {
        this(message, messageKey, callersDoing, reason, null);
    }

    /** @param caseId the case refused (the engine's business key of its process), for the refusal's record; or null */
    SegregationOfDutiesViolation(String message, String messageKey, boolean callersDoing, Wording reason, String caseId) {
        super(message);
        this.messageKey = messageKey;
        this.callersDoing = callersDoing;
        this.reason = reason;
        this.caseId = caseId;
    }

    /** The case the refusal concerns, as the engine's history names it; or null. */
    public String caseId() {
        return caseId;
    }

    public String messageKey() {
        return messageKey;
    }

    /** What the refused person did on the case (submitted it, wrote part of it, a work step), in their language; or null. */
    public Wording reason() {
        return reason;
    }

    /**
     * Whether this refuses the request for who makes it (they did work on the case, or nobody is signed in): the caller's
     * matter. The others (no recorded submitter, a step the four-eyes policy does not cover) are faults an operator must
     * see and mend.
     */
    public boolean isCallersDoing() {
        return callersDoing;
    }

    /**
     * The engine wraps what a task listener throws in a plain ProcessEngineException; this finds the
     * violation again in the cause chain.
     */
    static java.util.Optional<SegregationOfDutiesViolation> in(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SegregationOfDutiesViolation violation) {
                return java.util.Optional.of(violation);
            }
        }
        return java.util.Optional.empty();
    }
}
