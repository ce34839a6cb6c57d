package nl.transparant.assessment.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.transparant.assessment.AssessmentDefinition;
import nl.transparant.assessment.AssessmentDefinition.Criterion;
import nl.transparant.assessment.AssessmentDefinition.Level;
import nl.transparant.assessment.AssessmentDefinition.Task;
import nl.transparant.assessment.jexl.CompiledExpression;

/** An assessment definition whose expressions are compiled and whose tasks are indexed; immutable. */
public final class CompiledDefinition {

    private final AssessmentDefinition definition;
    private final Map<String, TaskNode> tasks;
    private final List<CompiledAssessment> assessments;
    private final Map<String, CompiledExpression> outputs;

    CompiledDefinition(AssessmentDefinition definition, Map<String, TaskNode> tasks, List<CompiledAssessment> assessments,
            Map<String, CompiledExpression> outputs) {
        this.definition = definition;
        this.tasks = Collections.unmodifiableMap(new LinkedHashMap<>(tasks));
        this.assessments = List.copyOf(assessments);
        this.outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    public AssessmentDefinition definition() {
        return definition;
    }

    TaskNode task(String taskId) {
        return tasks.get(taskId);
    }

    /** Depth first, in document order: the order in which calculations run. */
    Iterable<TaskNode> tasksInOrder() {
        return tasks.values();
    }

    List<CompiledAssessment> assessments() {
        return assessments;
    }

    /** The product extension {@code outputs}: named values derived from the answers, in the file's order. */
    Map<String, CompiledExpression> outputs() {
        return outputs;
    }

    /**
     * A task with what evaluation needs: its parent and its enclosing repeatable groups (outermost first, not
     * the task itself), whose instances hold its answers.
     */
    static final class TaskNode {

        final Task task;
        final TaskNode parent;
        final List<TaskNode> groups;
        final CompiledCalculation calculation;

        TaskNode(Task task, TaskNode parent, List<TaskNode> groups, CompiledCalculation calculation) {
            this.task = task;
            this.parent = parent;
            this.groups = List.copyOf(groups);
            this.calculation = calculation;
        }

        String id() {
            return task.id();
        }
    }

    record CompiledCalculation(String scoreKey, CompiledExpression expression, List<CompiledStep> steps) {
    }

    record CompiledStep(CompiledExpression when, double value) {
    }

    record CompiledAssessment(String id, List<CompiledLevel> levels) {
    }

    record CompiledLevel(Level level, CompiledExpression expression, List<CompiledCriterion> criteria) {
    }

    record CompiledCriterion(Criterion criterion, CompiledExpression expression) {
    }
}
