package nl.transparant.workflow;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Attached by {@link CaseLifecycleParseListener} to every review task (a user task for any role but the
 * project owner). It runs inside the engine on claim and completion, so no client — our own pages, the
 * REST API or the Camunda web apps — can let the submitter approve their own case. Without a known
 * actor it refuses too: a review decision always has a person behind it.
 */
class SegregationOfDutiesListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_ASSIGNMENT.equals(task.getEventName()) && task.getAssignee() == null) {
            return; // unclaiming is always allowed
        }
        Authentication actor = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String actorId = actor == null ? null : actor.getUserId();
        if (actorId == null) {
            throw new SegregationOfDutiesViolation("A review task can only be "
                    + (EVENTNAME_COMPLETE.equals(task.getEventName()) ? "completed" : "claimed") + " by a signed-in person.");
        }
        String submitter = submitterOf(task);
        if (actorId.equals(submitter) || EVENTNAME_ASSIGNMENT.equals(task.getEventName()) && task.getAssignee().equals(submitter)) {
            throw new SegregationOfDutiesViolation("You submitted this case, so you cannot review it: someone else must.");
        }
    }

    /**
     * The person who started the process instance, as the engine's history recorded it. Not a process
     * variable: a client completing a task can set variables, but not rewrite who started the case.
     */
    static String submitterOf(DelegateTask task) {
        HistoricProcessInstance instance = task.getProcessEngineServices().getHistoryService()
                .createHistoricProcessInstanceQuery()
                .processInstanceId(task.getProcessInstanceId())
                .singleResult();
        if (instance == null || instance.getStartUserId() == null) {
            throw new SegregationOfDutiesViolation("This case has no recorded submitter, so nobody can safely review it.");
        }
        return instance.getStartUserId();
    }
}
