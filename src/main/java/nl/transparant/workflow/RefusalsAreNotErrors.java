package nl.transparant.workflow;

import nl.transparant.problems.ConflictException;
import nl.transparant.problems.ForbiddenException;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.problems.NotFoundException;
import nl.transparant.workflow.review.ReviewOutcomeMissing;
import nl.transparant.workflow.review.SegregationOfDutiesViolation;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextFactory;

/**
 * The engine logs every command that ends in an exception as an ERROR with its whole stack (ENGINE-16004), except the
 * exceptions it knows to be the caller's doing (a bad request, a missing authorisation, a lost race), which it logs at
 * debug level. A four-eyes refusal is one of those: the person is told why (403), the decision log records the refusal,
 * and nothing is wrong with the server. Logged as an error, each refusal put some 170 lines into the operators' log
 * and looked like a fault (outside test, 2026-12-06). So are the application's own refusals (403, 404, 409, 400) when
 * they are thrown inside an engine command, as a completion's checks are. Every other failure is still logged as the
 * engine does.
 */
class RefusalsAreNotErrors extends CommandContextFactory {

    @Override
    public CommandContext createCommandContext() {
        return new RefusalAwareContext(processEngineConfiguration);
    }

    /**
     * Whether the exception, or one of its causes, refuses a person a step of a case or a review without its outcome: the
     * engine wraps what a task listener throws, so its own test (of the outermost exception only) misses these. A
     * four-eyes policy that does not cover a step, or a case without a recorded submitter, stays an error.
     */
    static boolean isRefusal(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof SegregationOfDutiesViolation violation && violation.isCallersDoing() || t instanceof ReviewOutcomeMissing
                    || t instanceof ForbiddenException || t instanceof NotFoundException || t instanceof ConflictException
                    || t instanceof InvalidInputException) {
                return true;
            }
        }
        return false;
    }

    private static final class RefusalAwareContext extends CommandContext {

        RefusalAwareContext(ProcessEngineConfigurationImpl configuration) {
            super(configuration);
        }

        @Override
        protected boolean shouldLogFine(Throwable thrown) {
            return super.shouldLogFine(thrown) || isRefusal(thrown);
        }
    }
}
