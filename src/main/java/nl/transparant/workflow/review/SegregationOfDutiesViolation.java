package nl.transparant.workflow.review;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * Thrown by the engine when someone may not do a step of a case: a review of work they did themselves (the four-eyes
 * rule, {@link FourEyes}), a review without a signed-in person, or a step the four-eyes policy does not cover.
 */
public class SegregationOfDutiesViolation extends ProcessEngineException {

    private final String messageKey;

    /** @param messageKey the key of a Dutch and English explanation for the person refused; null to show the message */
    SegregationOfDutiesViolation(String message, String messageKey) {
        super(message);
        this.messageKey = messageKey;
    }

    public String messageKey() {
        return messageKey;
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
