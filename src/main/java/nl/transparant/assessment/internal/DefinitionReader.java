package nl.transparant.assessment.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import nl.transparant.assessment.AssessmentDefinition;
import nl.transparant.assessment.AssessmentDefinition.Assessment;
import nl.transparant.assessment.AssessmentDefinition.Calculation;
import nl.transparant.assessment.AssessmentDefinition.Condition;
import nl.transparant.assessment.AssessmentDefinition.ConditionOperator;
import nl.transparant.assessment.AssessmentDefinition.Criterion;
import nl.transparant.assessment.AssessmentDefinition.Dependency;
import nl.transparant.assessment.AssessmentDefinition.DependencyAction;
import nl.transparant.assessment.AssessmentDefinition.DependencyType;
import nl.transparant.assessment.AssessmentDefinition.Level;
import nl.transparant.assessment.AssessmentDefinition.Option;
import nl.transparant.assessment.AssessmentDefinition.RiskScoreStep;
import nl.transparant.assessment.AssessmentDefinition.Source;
import nl.transparant.assessment.AssessmentDefinition.Task;
import nl.transparant.assessment.AssessmentDefinition.TaskType;
import nl.transparant.assessment.DefinitionId;
import nl.transparant.assessment.internal.CompiledDefinition.CompiledAssessment;
import nl.transparant.assessment.internal.CompiledDefinition.CompiledCalculation;
import nl.transparant.assessment.internal.CompiledDefinition.CompiledCriterion;
import nl.transparant.assessment.internal.CompiledDefinition.CompiledLevel;
import nl.transparant.assessment.internal.CompiledDefinition.CompiledStep;
import nl.transparant.assessment.internal.CompiledDefinition.TaskNode;
import nl.transparant.assessment.jexl.CompiledExpression;
import nl.transparant.assessment.jexl.ExpressionLanguage;
import nl.transparant.assessment.jexl.ExpressionSyntaxException;

/**
 * Reads one assessment definition file: has its structure checked against the government's JSON Schema
 * ({@link DefinitionSchema}), then reads it, compiles every expression, checks every reference between tasks, and
 * reports all problems with the file, the task and the path. A file with an error yields no definition.
 *
 * <p>What is an error: what the schema refuses (a missing required field, a wrong type, an unknown task type,
 * operator or action), a field the product needs that the schema leaves optional (the version, a condition's task
 * and operator, a calculation's expression), a duplicate id, a dependency on a task that does not exist, a cycle of
 * dependencies, an expression that does not compile. What is a warning: keys the schema allows but nobody reads, an
 * expression reading a variable that is never there (jexl reads it as undefined), {@code answers('x')} of a task
 * that does not exist (it reads null), {@code scores.x} or {@code criteria.x} that nothing sets. The government's own
 * files have such slips, and must still load.
 */
public final class DefinitionReader {

    private static final ExpressionLanguage LANGUAGE = AssessmentLanguage.forDefinitions();
    static final String OUTPUTS = "outputs";
    /** Any URN: the schema's narrower urn:nl:<name> is only a warning ({@link DefinitionSchema}), no URN at all an error. */
    static final Pattern URN = Pattern.compile("urn:[A-Za-z0-9][A-Za-z0-9-]*:\\S+");
    private static final Set<String> ALWAYS_UNDEFINED = Set.of("null", "undefined");
    /** Every key of the format, to tell a key in the wrong place from a product's own extension. */
    private static final Set<String> FORMAT_KEYS = Set.of("name", "description", "version", "urn", "tasks", "assessments",
            "task", "category", "id", "is_official_id", "type", "options", "valueType", "defaultValue",
            "instance_label_template", "item_name", "references", "dependencies", "calculation", "sources", "required_status",
            "repeatable", "value", "label", "source", "condition", "mapping_type", "action", "operator", "scoreKey",
            "expression", "riskScore", "when", "levels", "level", "result", "explanation", "criteria");

    /** How a policy folder reads definitions: keyed by URN. */
    public static final PolicyFolder.Kind<CompiledDefinition> POLICY_KIND = new PolicyFolder.Kind<>() {
        @Override
        public PolicyFolder.Loaded<CompiledDefinition> read(PolicyFile file) {
            return DefinitionReader.read(file);
        }

        @Override
        public String key(CompiledDefinition policy) {
            // Identity is URN and version, not the file name: two versions may be served side by side (a case keeps
            // the one it started with), two files with the same URN and version are refused.
            return policy.definition().urn() + " version " + policy.definition().version();
        }

        @Override
        public String describe(CompiledDefinition policy) {
            return policy.definition().id().toString();
        }
    };

    private final PolicyFile file;
    private final Problems problems;
    private final Map<Task, CompiledCalculation> calculations = new IdentityHashMap<>();
    private final Map<Task, String> taskPaths = new IdentityHashMap<>();
    private final List<Reference> references = new ArrayList<>();
    private final List<Located> expressions = new ArrayList<>();

    /** A task id written somewhere that must exist. */
    private record Reference(String subject, String path, String taskId) {
    }

    /** A compiled expression with where it was written, for the checks that need the whole definition. */
    private record Located(String subject, String path, CompiledExpression expression) {
    }

    private DefinitionReader(PolicyFile file) {
        this.file = file;
        this.problems = new Problems(file.name());
    }

    public static PolicyFolder.Loaded<CompiledDefinition> read(PolicyFile file) {
        DefinitionReader reader = new DefinitionReader(file);
        CompiledDefinition definition = reader.read();
        return new PolicyFolder.Loaded<>(reader.problems.hasErrors() ? null : definition, reader.problems.all());
    }

    private CompiledDefinition read() {
        Object document = file.parse(problems);
        if (problems.hasErrors() || Fields.root(document, problems) == null) {
            return null;
        }
        // The structure (keys, types, known values, required fields) is the schema's to check; from here on only
        // what it cannot say: the product's own required fields, unique ids, references, cycles and expressions.
        DefinitionSchema.check(document, problems);
        Fields root = Fields.schemaCheckedRoot(document, problems);
        String name = root.optionalText("name");
        String description = root.optionalText("description");
        Map<String, String> translations = root.translations("name", "description");
        String urn = urn(root);
        String version = version(root);
        List<Fields> taskFields = root.objects("tasks", false);
        if (root.has("tasks") && taskFields.isEmpty() && !problems.hasErrors()) {
            root.error("tasks", "a definition needs at least one task");
        }
        List<Task> tasks = taskFields.stream().map(this::task).toList();
        Map<String, TaskNode> nodes = index(tasks);
        checkReferences(nodes);
        checkDependencyCycles(nodes);
        List<Assessment> assessments = new ArrayList<>();
        List<CompiledAssessment> compiledAssessments = new ArrayList<>();
        assessments(root, assessments, compiledAssessments);
        Map<String, Object> extensions = root.extensions("the definition", FORMAT_KEYS);
        Map<String, CompiledExpression> outputs = outputs(root, extensions.get(OUTPUTS));
        checkExpressionsAgainstDefinition(nodes, compiledAssessments);
        if (problems.hasErrors()) {
            return null;
        }
        AssessmentDefinition definition = new AssessmentDefinition(new DefinitionId(urn, version, file.sha256()), name,
                description, file.name(), tasks, assessments, translations, extensions);
        return new CompiledDefinition(definition, nodes, compiledAssessments, outputs);
    }

    private String urn(Fields root) {
        String urn = root.optionalText("urn");
        if (urn != null && !URN.matcher(urn).matches()) {
            root.error("urn", "'" + urn + "' is not a URN such as urn:nl:prescan");
        }
        return urn;
    }

    /** The schema checks how a version is written; that there is one is the product's rule. */
    private String version(Fields root) {
        if (!root.containsKey("version")) {
            root.error("version", "'version' is required: decisions record which version of the definition they used");
        }
        return root.optionalText("version");
    }

    private Task task(Fields fields) {
        String id = fields.optionalText("id");
        Fields task = fields.about(id == null ? "task at " + fields.path() : "task " + id);
        String title = task.optionalText("task");
        Map<String, String> translations = task.translations("task", "description", "instance_label_template", "item_name");
        String description = task.optionalText("description");
        String category = task.optionalText("category");
        task.optionalBoolean("is_official_id");
        List<TaskType> types = types(task);
        Boolean repeatable = task.optionalBoolean("repeatable");
        List<Option> options = options(task);
        String valueType = task.optionalText("valueType");
        Object defaultValue = task.value("defaultValue");
        String instanceLabelTemplate = task.optionalText("instance_label_template");
        String itemName = task.optionalText("item_name");
        Map<String, Object> references = task.rawMapping("references");
        List<Dependency> dependencies = task.objects("dependencies", false).stream().map(this::dependency).toList();
        Calculation calculation = null;
        Fields calculationFields = task.object("calculation");
        if (calculationFields != null) {
            calculation = calculation(calculationFields);
        }
        List<Source> sources = task.objects("sources", false).stream().map(source -> {
            Source read = new Source(source.optionalText("source"), source.optionalText("description"),
                    source.translations("description"));
            source.extensions("a source", FORMAT_KEYS);
            return read;
        }).toList();
        Boolean requiredStatus = task.optionalBoolean("required_status");
        List<Task> children = task.objects("tasks", false).stream().map(this::task).toList();
        Map<String, Object> extensions = task.extensions("a task", FORMAT_KEYS);
        Task read = new Task(id, title, description, category, types, Boolean.TRUE.equals(repeatable), options, valueType,
                defaultValue, requiredStatus, dependencies, calculation, children, references, sources,
                instanceLabelTemplate, itemName, translations, extensions);
        taskPaths.put(read, task.path());
        if (calculation != null && calculationFields != null) {
            compileCalculation(calculationFields, calculation).ifPresent(compiled -> calculations.put(read, compiled));
        }
        return read;
    }

    /** The schema checks the list and its names; one name written as a text (a warning there) is read as a list of it. */
    private List<TaskType> types(Fields task) {
        Object value = task.value("type");
        List<?> names;
        if (value instanceof List<?> list) {
            names = list;
        } else if (value instanceof String single) {
            names = List.of(single);
            if (TaskType.fromFileName(single).isEmpty()) {
                task.error("type", "unknown task type '" + single + "' (known: " + Arrays.stream(TaskType.values())
                        .map(TaskType::fileName).collect(Collectors.joining(", ")) + ")");
            }
        } else {
            return List.of();
        }
        if (names.isEmpty()) {
            task.error("type", "'type' needs at least one task type");
        }
        List<TaskType> types = new ArrayList<>();
        names.forEach(name -> TaskType.fromFileName(String.valueOf(name)).ifPresent(types::add));
        return types;
    }

    private List<Option> options(Fields task) {
        List<Option> options = new ArrayList<>();
        for (Fields option : task.objects("options", false)) {
            Object value = option.value("value");
            options.add(new Option(value, option.optionalText("label"), option.translations("label")));
            option.extensions("an option", FORMAT_KEYS);
        }
        return options;
    }

    private Dependency dependency(Fields dependency) {
        String typeName = dependency.requiredText("type");
        DependencyType type = typeName == null ? null : DependencyType.fromFileName(typeName).orElse(null);
        String actionName = dependency.optionalText("action");
        DependencyAction action = actionName == null ? null : DependencyAction.fromFileName(actionName).orElse(null);
        Condition condition = null;
        Fields conditionFields = dependency.object("condition");
        if (conditionFields != null) {
            condition = condition(conditionFields);
        }
        String sourceTaskId = null;
        Fields source = dependency.object("source");
        if (source != null) {
            sourceTaskId = source.requiredText("id");
            if (sourceTaskId != null) {
                references.add(new Reference(source.subject(), source.path("id"), sourceTaskId));
            }
            source.extensions("a dependency's source", FORMAT_KEYS);
        }
        String mappingType = dependency.optionalText("mapping_type");
        if (type == DependencyType.CONDITIONAL) {
            if (condition == null) {
                dependency.error("condition", "a conditional dependency needs a 'condition'");
            }
            if (action != DependencyAction.SHOW && action != DependencyAction.HIDE) {
                dependency.error("action", "a conditional dependency needs action 'show' or 'hide'");
            }
        } else if (type == DependencyType.SOURCE_OPTIONS && condition == null && source == null) {
            dependency.error("condition", "a source_options dependency needs a 'condition' or 'source' naming the task");
        } else if (type == DependencyType.INSTANCE_MAPPING && source == null) {
            dependency.error("source", "an instance_mapping dependency needs a 'source'");
        }
        dependency.extensions("a dependency", FORMAT_KEYS);
        return new Dependency(type, condition, sourceTaskId, mappingType, action);
    }

    private Condition condition(Fields condition) {
        String taskId = condition.requiredText("id");
        if (taskId != null) {
            references.add(new Reference(condition.subject(), condition.path("id"), taskId));
        }
        String operatorName = condition.requiredText("operator");
        ConditionOperator operator = operatorName == null ? null : ConditionOperator.fromFileName(operatorName).orElse(null);
        Object value = condition.value("value");
        condition.extensions("a condition", FORMAT_KEYS);
        return new Condition(taskId, operator, value);
    }

    private Calculation calculation(Fields calculation) {
        String scoreKey = calculation.optionalText("scoreKey");
        String expression = calculation.requiredText("expression");
        List<RiskScoreStep> steps = new ArrayList<>();
        for (Fields step : calculation.objects("riskScore", false)) {
            String when = step.optionalText("when");
            Double value = step.number("value", false);
            steps.add(new RiskScoreStep(when, value == null ? 0 : value));
            step.extensions("a riskScore step", FORMAT_KEYS);
        }
        if (scoreKey != null && !ExpressionLanguage.isVariableName(scoreKey)) {
            calculation.error("scoreKey", "'" + scoreKey + "' cannot be used as a name in expressions (letters, digits and _ only)");
        }
        if (!steps.isEmpty() && scoreKey == null) {
            calculation.error("scoreKey", "'scoreKey' is required: the riskScore steps read the value by that name");
        }
        if (steps.isEmpty()) {
            calculation.warning("riskScore", "no riskScore steps: the expression is evaluated but sets no score");
        }
        calculation.extensions("a calculation", FORMAT_KEYS);
        return new Calculation(scoreKey, expression, steps);
    }

    private Optional<CompiledCalculation> compileCalculation(Fields fields, Calculation calculation) {
        CompiledExpression expression = compile(fields, "expression", calculation.expression(), Set.of(),
                "a calculation's expression, which the tool evaluates without variables");
        List<CompiledStep> steps = new ArrayList<>();
        List<Fields> stepFields = fields.objects("riskScore", false);
        for (int i = 0; i < calculation.riskScore().size() && i < stepFields.size(); i++) {
            RiskScoreStep step = calculation.riskScore().get(i);
            Set<String> available = calculation.scoreKey() == null ? Set.of() : Set.of(calculation.scoreKey());
            CompiledExpression when = compile(stepFields.get(i), "when", step.when(), available, "a riskScore step");
            if (when != null) {
                steps.add(new CompiledStep(when, step.value()));
            }
        }
        if (expression == null || steps.size() != calculation.riskScore().size()) {
            return Optional.empty();
        }
        return Optional.of(new CompiledCalculation(calculation.scoreKey(), expression, steps));
    }

    /**
     * The product's extension {@code outputs}: a map of names to expressions over the answers and scores,
     * evaluated after the assessments (for instance the inputs of the review route's decision table). Compiled
     * here like every other expression, so a mistake is a load-time error, not a silent value at run time.
     */
    private Map<String, CompiledExpression> outputs(Fields root, Object declared) {
        Map<String, CompiledExpression> outputs = new LinkedHashMap<>();
        if (declared == null) {
            return outputs;
        }
        if (!(declared instanceof Map<?, ?> map)) {
            root.error(OUTPUTS, "must map names to expressions");
            return outputs;
        }
        map.forEach((name, source) -> {
            if (!(source instanceof String text) || !ExpressionLanguage.isVariableName(String.valueOf(name))) {
                root.error(OUTPUTS, "'" + name + "' must be a name with an expression as its value");
                return;
            }
            CompiledExpression compiled = compile(root, OUTPUTS + "." + name, text, Set.of("scores"), "an output");
            if (compiled != null) {
                outputs.put(String.valueOf(name), compiled);
            }
        });
        return outputs;
    }

    /** Compiles an expression, reporting a syntax error or a variable that is not available where it is written. */
    private CompiledExpression compile(Fields fields, String key, String source, Set<String> available, String where) {
        if (source == null) {
            return null;
        }
        try {
            CompiledExpression expression = LANGUAGE.compile(source);
            for (String variable : expression.contextVariables()) {
                if (!available.contains(variable) && !ALWAYS_UNDEFINED.contains(variable)) {
                    fields.warning(key, "'" + variable + "' is not available in " + where
                            + (available.isEmpty() ? "" : " (available: " + String.join(", ", available) + ")")
                            + "; jexl reads it as undefined");
                }
            }
            expressions.add(new Located(fields.subject(), fields.path(key), expression));
            return expression;
        } catch (ExpressionSyntaxException e) {
            fields.error(key, e.getMessage());
            return null;
        }
    }

    private void assessments(Fields root, List<Assessment> assessments, List<CompiledAssessment> compiled) {
        Set<String> ids = new HashSet<>();
        for (Fields fields : root.objects("assessments", false)) {
            String id = fields.optionalText("id");
            Fields assessment = fields.about(id == null ? "assessment at " + fields.path() : "assessment " + id);
            if (id != null && !ids.add(id)) {
                assessment.error("id", "assessment id '" + id + "' is used twice");
            }
            List<Level> levels = new ArrayList<>();
            List<CompiledLevel> compiledLevels = new ArrayList<>();
            List<Fields> levelFields = assessment.objects("levels", false);
            if (assessment.has("levels") && levelFields.isEmpty()) {
                assessment.warning("levels", "no levels: this assessment never reaches a level");
            }
            for (Fields levelField : levelFields) {
                level(levelField, levels, compiledLevels);
            }
            assessments.add(new Assessment(id, levels, assessment.extensions("an assessment", FORMAT_KEYS)));
            compiled.add(new CompiledAssessment(id, compiledLevels));
        }
    }

    private void level(Fields fields, List<Level> levels, List<CompiledLevel> compiledLevels) {
        String name = fields.optionalText("level");
        Fields level = fields.about(fields.subject() + ", level " + (name == null ? fields.path() : name));
        String expression = level.optionalText("expression");
        String result = level.optionalText("result");
        String explanation = level.optionalText("explanation");
        List<Criterion> criteria = new ArrayList<>();
        List<CompiledCriterion> compiledCriteria = new ArrayList<>();
        Set<String> criterionIds = new HashSet<>();
        for (Fields criterionFields : level.objects("criteria", false)) {
            String id = criterionFields.optionalText("id");
            Fields criterion = criterionFields.about(level.subject() + ", criterion " + (id == null ? criterionFields.path() : id));
            if (id != null && !criterionIds.add(id)) {
                criterion.error("id", "criterion id '" + id + "' is used twice in this level");
            }
            if (id != null && !ExpressionLanguage.isVariableName(id)) {
                criterion.warning("id", "'" + id + "' cannot be read as criteria." + id + " in the level's expression");
            }
            Criterion read = new Criterion(id, criterion.optionalText("expression"), criterion.optionalText("explanation"),
                    criterion.translations("explanation"));
            criterion.extensions("a criterion", FORMAT_KEYS);
            criteria.add(read);
            CompiledExpression compiled = compile(criterion, "expression", read.expression(), Set.of("scores"), "a criterion");
            if (compiled != null) {
                compiledCriteria.add(new CompiledCriterion(read, compiled));
            }
        }
        Set<String> available = criteria.isEmpty() ? Set.of("scores") : Set.of("scores", "criteria");
        CompiledExpression compiled = compile(level, "expression", expression, available, "this level's expression");
        if (compiled != null && !criteria.isEmpty()) {
            for (String criterion : compiled.propertiesOf("criteria")) {
                if (!criterionIds.contains(criterion)) {
                    level.warning("expression", "criteria." + criterion + " is not a criterion of this level; it is always undefined");
                }
            }
        }
        Map<String, String> translations = level.translations("result", "explanation");
        Level read = new Level(name, expression, result, explanation, criteria, translations,
                level.extensions("a level", FORMAT_KEYS));
        levels.add(read);
        if (compiled != null) {
            compiledLevels.add(new CompiledLevel(read, compiled, compiledCriteria));
        }
    }

    /** Indexes the tasks depth first, reporting duplicate ids; links each to its parent and repeatable groups. */
    private Map<String, TaskNode> index(List<Task> tasks) {
        Map<String, TaskNode> nodes = new LinkedHashMap<>();
        for (Task task : tasks) {
            index(task, null, List.of(), nodes);
        }
        return nodes;
    }

    private void index(Task task, TaskNode parent, List<TaskNode> groups, Map<String, TaskNode> nodes) {
        TaskNode node = new TaskNode(task, parent, groups, calculations.get(task));
        if (task.id() != null && nodes.putIfAbsent(task.id(), node) != null) {
            problems.error("task " + task.id(), taskPaths.get(task) + ".id", "task id '" + task.id() + "' is used twice");
        }
        List<TaskNode> childGroups = groups;
        if (task.isRepeatableGroup()) {
            childGroups = new ArrayList<>(groups);
            childGroups.add(node);
        }
        for (Task child : task.tasks()) {
            index(child, node, childGroups, nodes);
        }
    }

    private void checkReferences(Map<String, TaskNode> nodes) {
        for (Reference reference : references) {
            if (!nodes.containsKey(reference.taskId())) {
                problems.error(reference.subject(), reference.path(), "there is no task '" + reference.taskId() + "'");
            }
        }
    }

    /** A task shown only when another is shown, and so on, must not come back to itself: visibility would be undecidable. */
    private void checkDependencyCycles(Map<String, TaskNode> nodes) {
        Map<String, Integer> state = new HashMap<>();
        for (String id : nodes.keySet()) {
            List<String> trail = new ArrayList<>();
            if (cycleFrom(id, nodes, state, trail)) {
                TaskNode start = nodes.get(trail.get(0));
                problems.error("task " + start.id(), taskPaths.get(start.task) + ".dependencies",
                        "dependencies go round in a circle: " + String.join(" → ", trail));
                return;
            }
        }
    }

    private boolean cycleFrom(String id, Map<String, TaskNode> nodes, Map<String, Integer> state, List<String> trail) {
        Integer seen = state.get(id);
        if (seen != null && seen == 2) {
            return false;
        }
        if (seen != null && seen == 1) {
            trail.subList(0, trail.indexOf(id)).clear();
            trail.add(id);
            return true;
        }
        TaskNode node = nodes.get(id);
        if (node == null) {
            return false;
        }
        state.put(id, 1);
        trail.add(id);
        List<String> next = new ArrayList<>();
        if (node.parent != null) {
            next.add(node.parent.id());
        }
        node.task.dependencies().stream()
                .filter(dependency -> dependency.type() == DependencyType.CONDITIONAL && dependency.condition() != null)
                .forEach(dependency -> next.add(dependency.condition().taskId()));
        for (String target : next) {
            if (target != null && cycleFrom(target, nodes, state, trail)) {
                return true;
            }
        }
        trail.remove(trail.size() - 1);
        state.put(id, 2);
        return false;
    }

    /** Reads of answers and scores that can never find anything: allowed by jexl, so warnings. */
    private void checkExpressionsAgainstDefinition(Map<String, TaskNode> nodes, List<CompiledAssessment> assessments) {
        Set<String> scoreKeys = new HashSet<>();
        nodes.values().stream().filter(node -> node.task.calculation() != null && node.task.calculation().scoreKey() != null
                && !node.task.calculation().riskScore().isEmpty()).forEach(node -> scoreKeys.add(node.task.calculation().scoreKey()));
        for (Located located : expressions) {
            for (String function : List.of("answers", "countSelectedOptions")) {
                for (String taskId : located.expression().literalFirstArguments(function)) {
                    if (!nodes.containsKey(taskId)) {
                        problems.warning(located.subject(), located.path(), function + "('" + taskId + "'): there is no task '"
                                + taskId + "', so this reads " + (function.equals("answers") ? "null" : "0"));
                    }
                }
            }
            for (String score : located.expression().propertiesOf("scores")) {
                if (!scoreKeys.contains(score)) {
                    problems.warning(located.subject(), located.path(), "scores." + score
                            + " is never set: no calculation with riskScore steps has scoreKey '" + score + "'");
                }
            }
        }
    }
}
