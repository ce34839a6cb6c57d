package nl.transparant.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.exception.NotFoundException;
import org.junit.jupiter.api.Test;

/**
 * Only the product's own refusals of a person are taken out of the error log: a bad request of the engine's own kind
 * somewhere inside a failure does not hide that failure (outside test, 2026-12-06: the first version looked for any
 * {@link BadUserRequestException} in the cause chain). The refusals themselves: {@code SegregationOfDutiesTest}.
 */
class RefusalsAreNotErrorsTest {

    @Test
    void aFailureWrappingOneOfTheEnginesOwnBadRequestsIsStillAnError() {
        assertThat(RefusalsAreNotErrors.isRefusal(new ProcessEngineException("a listener failed",
                new NotFoundException("no such variable")))).isFalse();
        assertThat(RefusalsAreNotErrors.isRefusal(new IllegalStateException("a fault", new BadUserRequestException("bad")))).isFalse();
        assertThat(RefusalsAreNotErrors.isRefusal(new ProcessEngineException("plain"))).isFalse();
    }
}
