package nl.transparant.assessment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An assessment definition as read from {@code policies/assessments/}, in the format of the government's
 * {@code assessment-definition.v2.schema.json} (the format of the Pre-scan DPIA, the Model DPIA Rijksdienst and
 * the IAMA). Read-only; expressions are kept as written, the engine holds their compiled form.
 *
 * <p>Keys the format does not define are kept, as written, in {@code extensions} of the definition, its tasks,
 * assessments and levels: a product's own markers (such as a task marked as serving a FRIA) travel with the
 * definition without the engine giving them a meaning.
 *
 * <p>Text fields may carry translations next to them as {@code <field>_<language>} (e.g. {@code task_en},
 * {@code label_en}); each record keeps those in {@code translations} by that key, e.g.
 * {@code task.translations().getOrDefault("task_en", task.title())}.
 *
 * @param sourceFile the file it was read from, relative to the policy folder
 */
public record AssessmentDefinition(DefinitionId id, String name, String description, String sourceFile,
        List<Task> tasks, List<Assessment> assessments, Map<String, String> translations, Map<String, Object> extensions) {

    public AssessmentDefinition {
        tasks = List.copyOf(tasks);
        assessments = List.copyOf(assessments);
    }

    public String urn() {
        return id.urn();
    }

    public String version() {
        return id.version();
    }

    /** Every task, depth first in document order (a group before its tasks). */
    public List<Task> allTasks() {
        List<Task> all = new ArrayList<>();
        tasks.forEach(task -> task.collect(all));
        return all;
    }

    public Optional<Task> task(String taskId) {
        return allTasks().stream().filter(task -> task.id().equals(taskId)).findFirst();
    }

    /**
     * One question or group of the definition.
     *
     * @param title          the {@code task} text: the question or the group's heading
     * @param options        the choices of select, radio and checkbox tasks
     * @param valueType      the declared type of the answer, e.g. "boolean", "string[]"; informative only
     * @param defaultValue   a pre-filled answer, or null
     * @param requiredStatus {@code required_status}: null when not declared
     * @param calculation    null when the task has none
     * @param references     links to other assessments' tasks, kept as written
     */
    public record Task(String id, String title, String description, String category, List<TaskType> types,
            boolean repeatable, List<Option> options, String valueType, Object defaultValue, Boolean requiredStatus,
            List<Dependency> dependencies, Calculation calculation, List<Task> tasks, Map<String, Object> references,
            List<Source> sources, String instanceLabelTemplate, String itemName, Map<String, String> translations,
            Map<String, Object> extensions) {

        public Task {
            types = List.copyOf(types);
            options = List.copyOf(options);
            dependencies = List.copyOf(dependencies);
            tasks = List.copyOf(tasks);
            sources = List.copyOf(sources);
        }

        public boolean is(TaskType type) {
            return types.contains(type);
        }

        /** A repeatable task with sub-tasks: its answers come per instance. */
        public boolean isRepeatableGroup() {
            return repeatable && (is(TaskType.TASK_GROUP) || !tasks.isEmpty());
        }

        private void collect(List<Task> all) {
            all.add(this);
            tasks.forEach(task -> task.collect(all));
        }
    }

    /** The task types of the schema, by their names in the files. */
    public enum TaskType {
        TEXT_INPUT("text_input"), OPEN_TEXT("open_text"), SELECT_OPTION("select_option"),
        MULTISELECT_SCROLLABLE("multiselect_scrollable"), CHECKBOX_OPTION("checkbox_option"),
        RADIO_OPTION("radio_option"), TASK_GROUP("task_group"), INFORMATIONAL("informational"), DATE("date"),
        IMAGE("image");

        private final String fileName;

        TaskType(String fileName) {
            this.fileName = fileName;
        }

        public String fileName() {
            return fileName;
        }

        public static Optional<TaskType> fromFileName(String name) {
            return Arrays.stream(values()).filter(type -> type.fileName.equals(name)).findFirst();
        }
    }

    /** A choice; the value is a string, a boolean or null, as the schema allows. */
    public record Option(Object value, String label, Map<String, String> translations) {
    }

    public record Source(String source, String description, Map<String, String> translations) {
    }

    /**
     * A rule that shows or hides the task, or feeds it options or instances from another task.
     * Only {@link DependencyType#CONDITIONAL} rules decide visibility; the other two concern the form.
     *
     * @param condition    for conditional and source_options rules; null otherwise
     * @param sourceTaskId for instance_mapping (and source_options written with {@code source}); null otherwise
     */
    public record Dependency(DependencyType type, Condition condition, String sourceTaskId, String mappingType,
            DependencyAction action) {
    }

    public enum DependencyType {
        CONDITIONAL("conditional"), SOURCE_OPTIONS("source_options"), INSTANCE_MAPPING("instance_mapping");

        private final String fileName;

        DependencyType(String fileName) {
            this.fileName = fileName;
        }

        public String fileName() {
            return fileName;
        }

        public static Optional<DependencyType> fromFileName(String name) {
            return Arrays.stream(values()).filter(type -> type.fileName.equals(name)).findFirst();
        }
    }

    public enum DependencyAction {
        SHOW("show"), HIDE("hide"), OPTIONS("options"), SYNC_INSTANCES("sync_instances");

        private final String fileName;

        DependencyAction(String fileName) {
            this.fileName = fileName;
        }

        public String fileName() {
            return fileName;
        }

        public static Optional<DependencyAction> fromFileName(String name) {
            return Arrays.stream(values()).filter(action -> action.fileName.equals(name)).findFirst();
        }
    }

    /** {@code condition} of a dependency: the answer to task {@code taskId} compared by {@code operator}. */
    public record Condition(String taskId, ConditionOperator operator, Object value) {
    }

    /**
     * How a condition reads the other task's answer (only answers that count: of a visible task).
     * <ul>
     * <li>{@code equals}: the answer is strictly equal to the value ({@code ===}: {@code true} is not {@code "true"});</li>
     * <li>{@code contains}: the answer is a list holding the value, or a text containing it; a value written
     * with its own quotes inside ({@code "'Overige'"}, as the government's files do) is read without them;</li>
     * <li>{@code any}: the task has an answer at all (not empty, not an empty list);</li>
     * <li>{@code all}: every option of the task is among the selected answers.</li>
     * </ul>
     */
    public enum ConditionOperator {
        EQUALS("equals"), CONTAINS("contains"), ANY("any"), ALL("all");

        private final String fileName;

        ConditionOperator(String fileName) {
            this.fileName = fileName;
        }

        public String fileName() {
            return fileName;
        }

        public static Optional<ConditionOperator> fromFileName(String name) {
            return Arrays.stream(values()).filter(operator -> operator.fileName.equals(name)).findFirst();
        }
    }

    /**
     * A score: {@code expression} is evaluated, then the first {@code riskScore} step whose {@code when} holds
     * (with the expression's value bound to {@code scoreKey}) sets {@code scores.<scoreKey>} to its value.
     */
    public record Calculation(String scoreKey, String expression, List<RiskScoreStep> riskScore) {

        public Calculation {
            riskScore = List.copyOf(riskScore);
        }
    }

    public record RiskScoreStep(String when, double value) {
    }

    /** A top-level {@code assessments} entry, e.g. DPIA, DTIA, IAMA, with its levels in order of precedence. */
    public record Assessment(String id, List<Level> levels, Map<String, Object> extensions) {

        public Assessment {
            levels = List.copyOf(levels);
        }
    }

    /**
     * @param level       "required" or "recommended"
     * @param expression  decides the level; reads {@code scores} and, when the level has criteria, {@code criteria}
     * @param result      the text of the outcome, e.g. "DPIA verplicht"
     * @param explanation an optional general explanation
     */
    public record Level(String level, String expression, String result, String explanation, List<Criterion> criteria,
            Map<String, String> translations, Map<String, Object> extensions) {

        public Level {
            criteria = List.copyOf(criteria);
        }
    }

    public record Criterion(String id, String expression, String explanation, Map<String, String> translations) {
    }
}
