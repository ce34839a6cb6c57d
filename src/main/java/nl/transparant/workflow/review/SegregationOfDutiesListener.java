package nl.transparant.workflow.review;

import nl.transparant.workflow.CaseLifecycleParseListener;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Attached by {@link CaseLifecycleParseListener} to every user task, on claim (assignment) and completion. It runs
 * inside the engine, so no client — our own pages, the REST API or the Camunda web apps — can let anyone review work
 * they did on the case ({@link FourEyes}), nor act on a task the four-eyes policy does not cover. A review without a
 * known actor is refused too: a review decision always has a person behind it.
 */
public class SegregationOfDutiesListener implements TaskListener {

    private final FourEyes fourEyes;
    private final String processKey;
    private final String taskKey;

    public SegregationOfDutiesListener(FourEyes fourEyes, String processKey, String taskKey) {
        this.fourEyes = fourEyes;
        this.processKey = processKey;
        this.taskKey = taskKey;
    }

    @Override
    public void notify(DelegateTask task) {
        boolean assignment = EVENTNAME_ASSIGNMENT.equals(task.getEventName());
        if (assignment && task.getAssignee() == null) {
            return; // unclaiming is always allowed
        }
        if (fourEyes.kindOf(processKey, taskKey) != FourEyesPolicy.Kind.REVIEW) {
            return;
        }
        Authentication actor = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String actorId = actor == null ? null : actor.getUserId();
        if (actorId == null) {
            throw new SegregationOfDutiesViolation("A review task can only be "
                    + (EVENTNAME_COMPLETE.equals(task.getEventName()) ? "completed" : "claimed") + " by a signed-in person.", null, true);
        }
        var history = task.getProcessEngineServices().getHistoryService();
        fourEyes.requireReviewer(history, task.getProcessInstanceId(), processKey, taskKey, actorId, true);
        if (assignment && !task.getAssignee().equals(actorId)) {
            fourEyes.requireReviewer(history, task.getProcessInstanceId(), processKey, taskKey, task.getAssignee(), false);
        }
    }
}
