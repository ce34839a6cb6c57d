package nl.transparant.workflow;

import org.camunda.bpm.engine.ProcessEngineException;

/** Thrown by the engine when the person who submitted a case tries to review it. */
public class SegregationOfDutiesViolation extends ProcessEngineException {

    SegregationOfDutiesViolation(String message) {
        super(message);
    }
}
