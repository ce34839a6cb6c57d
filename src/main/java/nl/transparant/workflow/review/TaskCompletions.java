package nl.transparant.workflow.review;

import java.util.Map;
import nl.transparant.workflow.ProcessVariables;
import nl.transparant.workflow.history.ProcessHistory;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * A task's completion and the event that tells of it, in one engine command. The event carries the process variables
 * as they stood when the person decided, read from the task's execution, whose variables the completion loads in the
 * same command anyway. Published before the completion in a command of its own, the event's record read them again
 * from the engine's history: every variable the instance ever had, mapped row by row, four times a review cycle (the
 * largest read of the decision log in a flight recording of the benchmark).
 *
 * <p>Engine internals (the command executor, the task entity, the engine's own completion command) are used here and in
 * {@link PublicationJobs}, nowhere else in the review. The engine's checks (tenant, authorisation, the operation log
 * that four eyes reads) are those of its completion command, which runs unchanged inside this one.
 */
@Component
class TaskCompletions {

    private final ProcessEngineConfigurationImpl engine;
    private final ApplicationEventPublisher events;

    TaskCompletions(ProcessEngineConfigurationImpl engine, ApplicationEventPublisher events) {
        this.engine = engine;
        this.events = events;
    }

    /**
     * Runs the work as one engine command: every engine read in it (through the services or the command's managers)
     * and the completion it ends with share the command's session, so a row read for a check (the task, its
     * execution) is not read again by the completion, and the engine's writes are flushed once, at the end.
     */
    <T> T inOneCommand(java.util.function.Supplier<T> work) {
        return engine.getCommandExecutorTxRequired().execute(context -> work.get());
    }

    /**
     * The task, when it is of no organisation or of one of these (as the engine's tenant check has it); only inside
     * {@link #inOneCommand}. Read by the command's own task manager: a task query here was a nested command and a
     * native query built anew (1.4 % of the request threads' samples), and the completion finds the task in the
     * command's cache either way.
     */
    java.util.Optional<org.camunda.bpm.engine.task.Task> taskIn(String taskId, java.util.Collection<String> organisations) {
        TaskEntity task = org.camunda.bpm.engine.impl.context.Context.getCommandContext().getTaskManager().findTaskById(taskId);
        return java.util.Optional.ofNullable(task).filter(found -> found.getTenantId() == null || organisations.contains(found.getTenantId()))
                .map(org.camunda.bpm.engine.task.Task.class::cast);
    }

    /**
     * Reads the task's own variables by name, from the task as this command has it; only inside {@link #inOneCommand}.
     * A task gone meanwhile has none.
     */
    java.util.function.Function<String, Object> localVariablesOf(String taskId) {
        TaskEntity task = org.camunda.bpm.engine.impl.context.Context.getCommandContext().getTaskManager().findTaskById(taskId);
        return name -> task == null ? null : task.getVariableLocal(name);
    }

    /** The event of a person's decision, made once the variables it was based on are known. */
    interface Decision {
        ReviewEvents.TaskDecided with(Map<String, Object> variablesAsTheyStood);
    }

    /**
     * Publishes the event the function makes of the variables as they stand (plain values, objects left serialised;
     * null for a task outside a process), then completes the task with these variables. False, with nothing published or
     * changed, when the task is gone (completed by someone else since the caller read it): a lost race, which the caller
     * answers as such, not a failure of the engine (its completion command would log one, with its stack).
     */
    boolean complete(String taskId, Map<String, Object> variables, Decision decided) {
        return engine.getCommandExecutorTxRequired().execute(context -> {
            TaskEntity task = context.getTaskManager().findTaskById(taskId);
            if (task == null) {
                return false;
            }
            ExecutionEntity execution = task.getExecution();
            events.publishEvent(decided.with(execution == null ? null : asTheyStood(execution)));
            new CompleteTaskCmd(taskId, withTransientOutcome(execution, variables)).execute(context);
            return true;
        });
    }

    /**
     * The outcome is for the gateway after the task only: sent as a transient variable, it is never stored, so no later
     * review can inherit it ({@link ReviewOutcomeListener}). Only when another client left one stored (the engine's
     * REST API), which the engine will not overwrite with a transient one, is it stored as before, and cleared when the
     * next review opens.
     */
    private static Map<String, Object> withTransientOutcome(ExecutionEntity execution, Map<String, Object> variables) {
        if (!(variables.get(ProcessVariables.OUTCOME) instanceof String outcome)) {
            return variables;
        }
        TypedValue stored = execution == null ? null : execution.getVariableTyped(ProcessVariables.OUTCOME);
        if (stored != null && !stored.isTransient()) {
            return variables;
        }
        Map<String, Object> sent = new java.util.LinkedHashMap<>(variables);
        sent.put(ProcessVariables.OUTCOME, Variables.stringValue(outcome, true));
        return sent;
    }

    /**
     * The variables the person decided on. Who decided before them (and a stored outcome of an instance from before
     * outcomes were transient) is the previous decision's, recorded with it, not a fact this decision rests on.
     */
    private static Map<String, Object> asTheyStood(ExecutionEntity execution) {
        Map<String, Object> variables = ProcessHistory.asRecorded(execution.getVariablesTyped(false));
        variables.remove(ProcessVariables.DECIDED_BY);
        variables.remove(ProcessVariables.OUTCOME);
        return variables;
    }
}
