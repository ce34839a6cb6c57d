package nl.transparant.workflow.review;

import nl.transparant.workflow.ProcessVariables;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Makes every review decide for itself, whichever client completes it: when the task is created an outcome left by an
 * earlier completion is cleared, and a completion must name one of the outcomes the BPMN element lists. Who decided is
 * taken from the engine's signed-in user, never from what the client sent, and overwrites who decided before.
 *
 * <p>The application's own completions send the outcome as a transient variable ({@link TaskCompletions}): the gateway
 * after the task reads it in the same command and nothing is stored, so there is nothing to clear. An outcome sent as
 * an ordinary variable (the engine's REST API, Cockpit) is stored and cleared here. Stored by every completion, then
 * removed at the next review and stored again, the outcome and who decided cost about twenty statements a review cycle
 * (issue 14); what was decided is in the case's decisions and the decision log.
 */
public class ReviewOutcomeListener implements TaskListener {

    private final List<String> outcomes;

    public ReviewOutcomeListener(List<String> outcomes) {
        this.outcomes = List.copyOf(outcomes);
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            task.getExecution().removeVariable(ProcessVariables.OUTCOME);
            return;
        }
        Object outcome = task.getVariable(ProcessVariables.OUTCOME);
        if (!(outcome instanceof String chosen) || !outcomes.contains(chosen)) {
            throw new ReviewOutcomeMissing("A review of '" + task.getName() + "' needs an outcome: one of " + outcomes + ".");
        }
        Authentication actor = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String decidedBy = actor == null ? null : actor.getUserId();
        // the application's own completion already set it to the signed-in user: setting the same value again would
        // write the variable, its history and a history detail once more, for nothing
        if (!java.util.Objects.equals(task.getExecution().getVariable(ProcessVariables.DECIDED_BY), decidedBy)) {
            task.getExecution().setVariable(ProcessVariables.DECIDED_BY, decidedBy);
        }
    }
}
