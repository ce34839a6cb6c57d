package nl.transparant.workflow.review;

import org.camunda.bpm.engine.BadUserRequestException;

/** A review was completed without one of the outcomes its BPMN element lists: the caller's mistake, answered with a 400. */
public class ReviewOutcomeMissing extends BadUserRequestException {

    ReviewOutcomeMissing(String message) {
        super(message);
    }
}
