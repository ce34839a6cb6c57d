package nl.transparant.workflow;

import org.camunda.bpm.engine.ProcessEngineException;

/** Thrown by the engine when the person who submitted a case tries to review it. */
public class SegregationOfDutiesViolation extends ProcessEngineException {

    SegregationOfDutiesViolation(String message) {
        super(message);
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
