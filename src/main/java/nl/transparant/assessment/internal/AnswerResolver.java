package nl.transparant.assessment.internal;

import static nl.transparant.assessment.jexl.Undefined.UNDEFINED;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.transparant.assessment.AnswerSet;
import nl.transparant.assessment.AssessmentDefinition.Condition;
import nl.transparant.assessment.AssessmentDefinition.Dependency;
import nl.transparant.assessment.AssessmentDefinition.DependencyAction;
import nl.transparant.assessment.AssessmentDefinition.DependencyType;
import nl.transparant.assessment.AssessmentDefinition.Option;
import nl.transparant.assessment.AssessmentDefinition.Task;
import nl.transparant.assessment.AssessmentDefinition.TaskType;
import nl.transparant.assessment.MissingAnswer;
import nl.transparant.assessment.AssessmentOutcome.EvaluationProblem;
import nl.transparant.assessment.internal.CompiledDefinition.TaskNode;
import nl.transparant.assessment.jexl.JsSemantics;

/**
 * The answers that count: a task's answer counts only when the task is visible, that is when its parent is
 * visible and every conditional dependency allows it ({@code show}: its condition holds; {@code hide}: it does
 * not). A condition reads the other task's answer that counts, so hiding cascades. Inside a repeatable group,
 * a condition on a task of the same group reads the same instance; anything else reads the first instance,
 * as {@code answers(id)} does.
 */
final class AnswerResolver implements AnswerLookup {

    /** The instances of the repeatable groups enclosing a task, outermost first. */
    private record Scope(List<TaskNode> groups, List<AnswerSet> instances) {

        static final Scope ROOT = new Scope(List.of(), List.of());
    }

    private record VisibilityKey(String taskId, List<AnswerSet> instances) {
    }

    private final CompiledDefinition definition;
    private final AnswerSet root;
    private final Map<VisibilityKey, Boolean> visibility = new HashMap<>();
    /** Answers converted once per instance, so a list answer keeps its identity for {@code ==} within one evaluation. */
    private final Map<AnswerSet, Map<String, Object>> converted = new IdentityHashMap<>();

    AnswerResolver(CompiledDefinition definition, AnswerSet root) {
        this.definition = definition;
        this.root = root;
    }

    @Override
    public Object answer(String taskId) {
        TaskNode node = definition.task(taskId);
        if (node == null) {
            return null;
        }
        Scope scope = scopeOf(node, Scope.ROOT);
        return scope == null ? null : effectiveAnswer(node, scope);
    }

    /** For each repeatable group around the task: the instance of the context when it is the same group, else the first. */
    private Scope scopeOf(TaskNode node, Scope context) {
        List<AnswerSet> instances = new ArrayList<>();
        AnswerSet current = root;
        for (int i = 0; i < node.groups.size(); i++) {
            TaskNode group = node.groups.get(i);
            AnswerSet instance;
            if (i < context.groups().size() && context.groups().get(i) == group) {
                instance = context.instances().get(i);
            } else {
                List<AnswerSet> all = current.groups().get(group.id());
                if (all == null || all.isEmpty()) {
                    return null;
                }
                instance = all.get(0);
            }
            instances.add(instance);
            current = instance;
        }
        return new Scope(node.groups, instances);
    }

    private Object effectiveAnswer(TaskNode node, Scope scope) {
        return isVisible(node, scope) ? rawAnswer(node, scope) : null;
    }

    private Object rawAnswer(TaskNode node, Scope scope) {
        AnswerSet holder = scope.instances().isEmpty() ? root : scope.instances().get(scope.instances().size() - 1);
        Object answer = converted.computeIfAbsent(holder, h -> new HashMap<>())
                .computeIfAbsent(node.id(), id -> holder.answers().containsKey(id) ? JsSemantics.fromJava(holder.answers().get(id)) : null);
        if (node.task.repeatable() && !node.task.isRepeatableGroup() && answer instanceof List<?> instances) {
            return instances.isEmpty() ? null : instances.get(0);
        }
        return answer;
    }

    private boolean isVisible(TaskNode node, Scope scope) {
        VisibilityKey key = new VisibilityKey(node.id(), scope.instances());
        Boolean known = visibility.get(key);
        if (known != null) {
            return known;
        }
        boolean visible = true;
        if (node.parent != null) {
            Scope parentScope = new Scope(node.parent.groups, scope.instances().subList(0, node.parent.groups.size()));
            visible = isVisible(node.parent, parentScope);
        }
        for (Dependency dependency : node.task.dependencies()) {
            if (!visible) {
                break;
            }
            if (dependency.type() == DependencyType.CONDITIONAL) {
                boolean holds = holds(dependency.condition(), scope);
                visible = dependency.action() == DependencyAction.SHOW ? holds : !holds;
            }
        }
        visibility.put(key, visible);
        return visible;
    }

    private boolean holds(Condition condition, Scope context) {
        TaskNode other = definition.task(condition.taskId());
        Scope scope = scopeOf(other, context);
        Object answer = scope == null ? null : effectiveAnswer(other, scope);
        Object expected = JsSemantics.fromJava(condition.value());
        return switch (condition.operator()) {
            case EQUALS -> JsSemantics.strictEquals(answer, expected);
            case CONTAINS -> contains(answer, JsSemantics.fromJava(withoutOwnQuotes(condition.value())));
            case ANY -> isAnswered(answer);
            case ALL -> selectsEveryOption(answer, other.task);
        };
    }

    private static boolean contains(Object answer, Object expected) {
        if (answer instanceof List<?> selected) {
            return selected.stream().anyMatch(value -> JsSemantics.strictEquals(value, expected));
        }
        return answer instanceof String text && text.contains(JsSemantics.toJsString(expected));
    }

    /** The government's files write contains-values as jexl strings, quotes included: "'Categorie: Overige'". */
    private static Object withoutOwnQuotes(Object value) {
        if (value instanceof String text && text.length() >= 2) {
            char first = text.charAt(0);
            if ((first == '\'' || first == '"') && text.charAt(text.length() - 1) == first) {
                return text.substring(1, text.length() - 1);
            }
        }
        return value;
    }

    private static boolean isAnswered(Object answer) {
        return answer != null && answer != UNDEFINED && !"".equals(answer) && !(answer instanceof List<?> list && list.isEmpty());
    }

    private static boolean selectsEveryOption(Object answer, Task task) {
        if (!(answer instanceof List<?> selected) || task.options().isEmpty()) {
            return false;
        }
        for (Option option : task.options()) {
            Object value = JsSemantics.fromJava(option.value());
            if (selected.stream().noneMatch(chosen -> JsSemantics.strictEquals(chosen, value))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Every required question that is visible and unanswered, in the definition's order; inside repeatable groups,
     * per instance. A required repeatable group without instances is missing itself.
     */
    List<MissingAnswer> missingRequired() {
        return missingRequired(false);
    }

    /**
     * @param everyVisibleWhenNoneMarked when the definition marks no question as required (the government's files
     *        may carry no {@code required_status}), every visible question counts as required: an unanswered
     *        question would otherwise count as "no" and an empty questionnaire would conclude that nothing is needed
     */
    List<MissingAnswer> missingRequired(boolean everyVisibleWhenNoneMarked) {
        List<MissingAnswer> missing = new ArrayList<>();
        allVisible = everyVisibleWhenNoneMarked && noneMarkedRequired(definition.definition().tasks());
        try {
            missingIn(definition.definition().tasks(), Scope.ROOT, root, List.of(), missing);
        } finally {
            allVisible = false;
        }
        return missing;
    }

    private boolean allVisible;

    private static boolean noneMarkedRequired(List<Task> tasks) {
        return tasks.stream().noneMatch(task -> Boolean.TRUE.equals(task.requiredStatus()) || !noneMarkedRequired(task.tasks()));
    }

    private void missingIn(List<Task> tasks, Scope scope, AnswerSet holder, List<MissingAnswer.Instance> within,
            List<MissingAnswer> missing) {
        for (Task task : tasks) {
            TaskNode node = definition.task(task.id());
            if (node == null || !isVisible(node, scope)) {
                continue;
            }
            boolean required = Boolean.TRUE.equals(task.requiredStatus()) || (allVisible && !task.isRepeatableGroup());
            if (task.isRepeatableGroup()) {
                List<AnswerSet> instances = holder.groups().getOrDefault(task.id(), List.of());
                if (required && instances.isEmpty()) {
                    missing.add(new MissingAnswer(task.id(), within));
                }
                for (int i = 0; i < instances.size(); i++) {
                    List<TaskNode> groups = new ArrayList<>(scope.groups());
                    groups.add(node);
                    List<AnswerSet> opened = new ArrayList<>(scope.instances());
                    opened.add(instances.get(i));
                    List<MissingAnswer.Instance> path = new ArrayList<>(within);
                    path.add(new MissingAnswer.Instance(task.id(), i));
                    missingIn(task.tasks(), new Scope(groups, opened), instances.get(i), path, missing);
                }
                continue;
            }
            if (required && answerable(task) && !isAnswered(rawAnswer(node, scope))) {
                missing.add(new MissingAnswer(task.id(), within));
            }
            missingIn(task.tasks(), scope, holder, within, missing);
        }
    }

    private static boolean answerable(Task task) {
        return !task.is(TaskType.TASK_GROUP) && !task.is(TaskType.INFORMATIONAL) && !task.is(TaskType.IMAGE);
    }

    /**
     * The answers as given, less those of hidden tasks (and of groups and instances inside hidden tasks), and
     * less those the definition cannot place: what a report of the answer set shows.
     */
    AnswerSet countingAnswers() {
        return counting(root, List.of(), List.of());
    }

    private AnswerSet counting(AnswerSet holder, List<TaskNode> groups, List<AnswerSet> instances) {
        Scope scope = new Scope(groups, instances);
        Map<String, Object> kept = new LinkedHashMap<>();
        holder.answers().forEach((taskId, answer) -> {
            TaskNode node = definition.task(taskId);
            if (node != null && node.groups.equals(groups) && isVisible(node, scope)) {
                kept.put(taskId, answer);
            }
        });
        Map<String, List<AnswerSet>> keptGroups = new LinkedHashMap<>();
        holder.groups().forEach((groupId, list) -> {
            TaskNode group = definition.task(groupId);
            if (group != null && group.task.isRepeatableGroup() && group.groups.equals(groups) && isVisible(group, scope)) {
                List<TaskNode> inner = new ArrayList<>(groups);
                inner.add(group);
                List<AnswerSet> keptInstances = new ArrayList<>();
                for (AnswerSet instance : list) {
                    List<AnswerSet> path = new ArrayList<>(instances);
                    path.add(instance);
                    keptInstances.add(counting(instance, inner, path));
                }
                keptGroups.put(groupId, keptInstances);
            }
        });
        return new AnswerSet(kept, keptGroups);
    }

    /** Answers that the definition cannot place: they are ignored, and said so. */
    List<EvaluationProblem> misplacedAnswers() {
        List<EvaluationProblem> problems = new ArrayList<>();
        check(root, null, problems);
        return problems;
    }

    private void check(AnswerSet answers, TaskNode group, List<EvaluationProblem> problems) {
        String where = group == null ? "answers" : "answers of an instance of " + group.id();
        for (String taskId : answers.answers().keySet()) {
            TaskNode node = definition.task(taskId);
            if (node == null) {
                problems.add(new EvaluationProblem(where, "there is no task '" + taskId + "'; its answer is ignored"));
            } else if (innermostGroup(node) != group) {
                problems.add(new EvaluationProblem(where, "task " + taskId + " belongs to " + (innermostGroup(node) == null
                        ? "no repeatable group" : "repeatable group " + innermostGroup(node).id()) + "; its answer here is ignored"));
            }
        }
        answers.groups().forEach((groupId, instances) -> {
            TaskNode node = definition.task(groupId);
            if (node == null || !node.task.isRepeatableGroup() || innermostGroup(node) != group) {
                problems.add(new EvaluationProblem(where, "'" + groupId + "' is not a repeatable group here; its instances are ignored"));
                return;
            }
            instances.forEach(instance -> check(instance, node, problems));
        });
    }

    private static TaskNode innermostGroup(TaskNode node) {
        return node.groups.isEmpty() ? null : node.groups.get(node.groups.size() - 1);
    }
}
