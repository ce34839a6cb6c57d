package nl.transparant.cases.questionnaire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import nl.transparant.assessment.AssessmentDefinition;
import nl.transparant.assessment.AssessmentDefinition.Condition;
import nl.transparant.assessment.AssessmentDefinition.Dependency;
import nl.transparant.assessment.AssessmentDefinition.DependencyAction;
import nl.transparant.assessment.AssessmentDefinition.DependencyType;
import nl.transparant.assessment.AssessmentDefinition.Option;
import nl.transparant.assessment.AssessmentDefinition.Task;
import nl.transparant.assessment.AssessmentDefinition.TaskType;
import nl.transparant.site.FormProblems;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The form of an assessment definition in {@code policies/assessments/}: every task as the input its type asks
 * for, task groups as sections, and repeatable groups as a number of instance slots. It works without scripts:
 * questions that depend on another answer are all shown, each with its condition in words (the engine ignores the
 * answers of questions whose condition does not hold), and a repeatable group offers {@link #SLOTS} empty
 * instances, of which the reader ignores those left empty. The pre-scan and the DPIA are two uses.
 *
 * <p>Inputs are named as {@link QuestionnaireFormReader} reads them; each input's id is made by
 * {@link FormProblems#inputId} from the key under which the service reports a problem with it, so a problem shows
 * at its question.
 */
@Component
class QuestionnaireForm {

    /** The service reports a problem with a questionnaire's answers under a key that starts so. */
    static final String ANSWER_PREFIX = "answers.";
    /** The service refuses longer texts; the browser may as well stop the typing there. */
    static final int MAX_TEXT = 10_000;
    /** Empty instances of a repeatable group shown without scripts: at the top, and inside an instance. */
    static final int SLOTS = 3;
    static final int NESTED_SLOTS = 2;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MessageSource messages;

    QuestionnaireForm(MessageSource messages) {
        this.messages = messages;
    }

    enum Control { GROUP, REPEAT, INFORMATION, IMAGE, RADIO, SELECT, CHECKBOXES, TEXTAREA, TEXT, DATE }

    /**
     * Where questions sit: how their inputs are named, and how the service names their problems. The pre-scan's
     * answers are flat ({@code answers.prescan.1.1}); the DPIA's come as answers and groups
     * ({@code answers.answers.1.3}, {@code answers.groups.3.1[0].answers.3.1.8}).
     *
     * @param group         the repeatable group of this instance; null at the top
     * @param instanceLabel the instance's heading ("Risico 1"); null at the top
     */
    record Scope(String name, String key, boolean grouped, Task group, String instanceLabel, Scope parent) {

        static Scope flat(String name, String key) {
            return new Scope(name, key, false, null, null, null);
        }

        static Scope grouped(String name, String key) {
            return new Scope(name, key, true, null, null, null);
        }

        String inputName(String taskId) {
            return name + "[" + taskId + "]";
        }

        String problemKey(String taskId) {
            return key + (grouped ? ".answers." : ".") + taskId;
        }

        String groupKey(String groupId) {
            return key + ".groups." + groupId;
        }

        String groupName(String groupId) {
            return name + "[" + groupId + "]";
        }

        Scope instance(Task repeatable, int index, String label) {
            return new Scope(groupName(repeatable.id()) + "[" + index + "]", groupKey(repeatable.id()) + "[" + index + "]", true,
                    repeatable, label, this);
        }

        boolean nested() {
            return parent != null;
        }

        /** A condition names a task of the same instance when there is one, else one further out. */
        String nameOf(String taskId) {
            for (Scope scope = this; scope != null; scope = scope.parent) {
                if (scope.group == null || contains(scope.group, taskId)) {
                    return scope.inputName(taskId);
                }
            }
            return inputName(taskId);
        }

        private static boolean contains(Task group, String taskId) {
            return group.tasks().stream().anyMatch(t -> t.id().equals(taskId) || (!t.isRepeatableGroup() && contains(t, taskId)));
        }
    }

    /**
     * The questions of a definition on the form.
     *
     * @param labels what the error summary calls each question, group and instance, by problem key
     */
    record Questions(List<Item> items, Map<String, String> labels) {

        FormProblems.SummaryItem summaryItem(String prefix, String key, List<String> messagesAbout) {
            String message = String.join(" ", messagesAbout);
            String label = labels.get(key);
            return label == null
                    ? new FormProblems.SummaryItem(null, key, message)
                    : new FormProblems.SummaryItem("#" + FormProblems.inputId(prefix, key), label, message);
        }
    }

    /**
     * One task of the definition. {@code id} is the input's id (the first choice's for a group of choices, the
     * section's for a task group), as {@link FormProblems#inputId} makes it from the problem key.
     *
     * @param conditions     when the task counts, in words; empty when it always does
     * @param conditionsData the same for the optional script: [{name, operator, value, show}]
     * @param headingLevel   for a task group: 4 at the top, one deeper per nesting
     * @param instances      for a repeatable group: its instance slots
     * @param repeat         for a repeatable group: what the optional script needs to add a slot; null otherwise
     */
    record Item(Control control, String taskId, String title, String description, boolean required, String name, String id,
            String value, List<Choice> choices, List<String> conditions, String conditionsData, String error,
            List<Item> children, int headingLevel, List<Instance> instances, Repeat repeat) {

        public boolean isGroup() {
            return control == Control.GROUP;
        }

        public boolean isRepeatable() {
            return control == Control.REPEAT;
        }

        /** Radios or checkboxes: a fieldset with a legend. */
        public boolean isChoiceGroup() {
            return control == Control.RADIO || control == Control.CHECKBOXES;
        }

        /** One input with its own label. */
        public boolean isSingleInput() {
            return control == Control.SELECT || control == Control.TEXTAREA || control == Control.TEXT || control == Control.DATE;
        }

        public int maxLength() {
            return MAX_TEXT;
        }

        public String hintId() {
            return id + "-hint";
        }

        public String errorId() {
            return id + "-error";
        }

        public boolean hasHint() {
            return description != null || !conditions.isEmpty();
        }

        /** For {@code aria-describedby}: the hint and the error, whichever there are; null when neither. */
        public String describedBy() {
            String ids = ((hasHint() ? hintId() : "") + (error != null ? " " + errorId() : "")).strip();
            return ids.isEmpty() ? null : ids;
        }
    }

    /** One slot of a repeatable group, numbered from 1 for people and from 0 in its inputs' names. */
    record Instance(int number, String id, String title, String error, List<Item> children, int headingLevel) {

        public String errorId() {
            return id + "-error";
        }
    }

    /**
     * @param name      the group's inputs' common start ({@code dpia[3.1]}), after which the instance number comes
     * @param label     the heading of a new slot, with {@code {n}} for its number
     * @param addButton the text of the button that adds a slot
     */
    record Repeat(String name, String hint, String label, String addButton) {
    }

    record Choice(String id, String value, String label, boolean selected) {
    }

    /**
     * @param prefix the task's id prefix, so two task forms on a page never share an id
     * @param input  what was posted (after a refusal); the definition's default answers otherwise
     */
    Questions questions(AssessmentDefinition definition, Scope scope, String prefix, QuestionnaireFormReader.Input input,
            FormProblems problems, Locale locale) {
        Map<String, String> labels = new LinkedHashMap<>();
        List<Item> items = items(definition, definition.tasks(), scope, prefix, input, problems, locale, 4, labels);
        return new Questions(items, labels);
    }

    private List<Item> items(AssessmentDefinition definition, List<Task> tasks, Scope scope, String prefix,
            QuestionnaireFormReader.Input input, FormProblems problems, Locale locale, int headingLevel, Map<String, String> labels) {
        return tasks.stream().map(task -> task.isRepeatableGroup()
                ? repeat(definition, task, scope, prefix, input, problems, locale, headingLevel, labels)
                : item(definition, task, scope, prefix, input, problems, locale, headingLevel, labels)).toList();
    }

    private Item item(AssessmentDefinition definition, Task task, Scope scope, String prefix, QuestionnaireFormReader.Input input,
            FormProblems problems, Locale locale, int headingLevel, Map<String, String> labels) {
        String key = scope.problemKey(task.id());
        String id = FormProblems.inputId(prefix, key);
        labels.put(key, inInstance(scope, messages.getMessage("prescan.questionLabel", new Object[] {task.id(), title(task, locale)}, locale),
                locale));
        Control control = control(task);
        String name = scope.inputName(task.id());
        List<String> chosen = chosen(task, name, input);
        List<Choice> choices = new ArrayList<>();
        for (int i = 0; i < task.options().size(); i++) {
            Option option = task.options().get(i);
            String value = String.valueOf(option.value());
            choices.add(new Choice(i == 0 ? id : id + "-" + (i + 1), value, optionLabel(option, locale), chosen.contains(value)));
        }
        List<Item> children = items(definition, task.tasks(), scope, prefix, input, problems, locale, Math.min(headingLevel + 1, 6), labels);
        List<Dependency> conditional = task.dependencies().stream()
                .filter(d -> d.type() == DependencyType.CONDITIONAL && d.condition() != null)
                .toList();
        return new Item(control, task.id(), title(task, locale),
                PolicyTexts.text(task.description(), task.translations(), "description", locale),
                Boolean.TRUE.equals(task.requiredStatus()), name, id, chosen.isEmpty() ? null : chosen.get(0), choices,
                conditional.stream().map(d -> condition(definition, d, locale)).toList(),
                conditional.isEmpty() ? null : conditionsData(conditional, scope), problems.messageFor(key), children,
                headingLevel, List.of(), null);
    }

    /** A repeatable group: as many slots as were posted, and at least {@link #SLOTS} (inside an instance {@link #NESTED_SLOTS}). */
    private Item repeat(AssessmentDefinition definition, Task task, Scope scope, String prefix, QuestionnaireFormReader.Input input,
            FormProblems problems, Locale locale, int headingLevel, Map<String, String> labels) {
        String key = scope.groupKey(task.id());
        String id = FormProblems.inputId(prefix, key);
        String title = title(task, locale);
        labels.put(key, inInstance(scope, messages.getMessage("prescan.questionLabel", new Object[] {task.id(), title}, locale), locale));
        String itemName = PolicyTexts.text(task.itemName(), task.translations(), "item_name", locale);
        String itemTitle = capitalised(itemName == null ? title : itemName, locale);
        String lowerName = itemName == null ? title.toLowerCase(locale) : itemName;
        int slots = Math.max(input.instances(scope.groupName(task.id())), scope.nested() ? NESTED_SLOTS : SLOTS);
        int instanceLevel = Math.min(headingLevel + 1, 6);
        List<Instance> instances = new ArrayList<>();
        for (int i = 0; i < slots; i++) {
            String label = messages.getMessage("questionnaire.instance", new Object[] {itemTitle, i + 1}, locale);
            Scope instance = scope.instance(task, i, inInstance(scope, label, locale));
            labels.put(instance.key(), instance.instanceLabel());
            instances.add(new Instance(i + 1, FormProblems.inputId(prefix, instance.key()), label, problems.messageFor(instance.key()),
                    items(definition, task.tasks(), instance, prefix, input, problems, locale, Math.min(instanceLevel + 1, 6), labels),
                    instanceLevel));
        }
        Repeat repeat = new Repeat(scope.groupName(task.id()),
                messages.getMessage("questionnaire.repeat.hint", new Object[] {lowerName, slots}, locale),
                messages.getMessage("questionnaire.instance", new Object[] {itemTitle, "{n}"}, locale),
                messages.getMessage("questionnaire.repeat.add", new Object[] {lowerName}, locale));
        return new Item(Control.REPEAT, task.id(), title, PolicyTexts.text(task.description(), task.translations(), "description", locale),
                Boolean.TRUE.equals(task.requiredStatus()), repeat.name(), id, null, List.of(), List.of(), null, problems.messageFor(key),
                List.of(), headingLevel, instances, repeat);
    }

    /** "Risico 1 – Vraag 3.1.8: Kans na maatregelen": a question inside an instance says which. */
    private String inInstance(Scope scope, String label, Locale locale) {
        return scope.instanceLabel() == null
                ? label
                : messages.getMessage("questionnaire.inInstance", new Object[] {scope.instanceLabel(), label}, locale);
    }

    private static String capitalised(String text, Locale locale) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(locale) + text.substring(1);
    }

    private static Control control(Task task) {
        if (task.is(TaskType.TASK_GROUP)) {
            return Control.GROUP;
        }
        if (task.is(TaskType.INFORMATIONAL)) {
            return Control.INFORMATION;
        }
        if (task.is(TaskType.IMAGE)) {
            return Control.IMAGE;
        }
        if (task.is(TaskType.RADIO_OPTION)) {
            return Control.RADIO;
        }
        if (task.is(TaskType.SELECT_OPTION)) {
            return Control.SELECT;
        }
        if (task.is(TaskType.CHECKBOX_OPTION) || task.is(TaskType.MULTISELECT_SCROLLABLE)) {
            return Control.CHECKBOXES;
        }
        if (task.is(TaskType.DATE)) {
            return Control.DATE;
        }
        if (task.is(TaskType.TEXT_INPUT)) {
            return Control.TEXT;
        }
        return task.is(TaskType.OPEN_TEXT) || task.tasks().isEmpty() ? Control.TEXTAREA : Control.GROUP;
    }

    /** The posted values after a refusal; before anything was posted, the definition's default answer. */
    private static List<String> chosen(Task task, String name, QuestionnaireFormReader.Input input) {
        if (input.posted()) {
            return input.values(name);
        }
        if (task.defaultValue() instanceof Collection<?> values) {
            return values.stream().filter(Objects::nonNull).map(String::valueOf).toList();
        }
        return task.defaultValue() == null ? List.of() : List.of(String.valueOf(task.defaultValue()));
    }

    static String title(Task task, Locale locale) {
        return PolicyTexts.text(task.title(), task.translations(), "task", locale);
    }

    private static String optionLabel(Option option, Locale locale) {
        String label = PolicyTexts.text(option.label(), option.translations(), "label", locale);
        return label == null ? String.valueOf(option.value()) : label;
    }

    /** "Only if you answered “Yes” to question 1.1", naming the option by its label where the value is one. */
    private String condition(AssessmentDefinition definition, Dependency dependency, Locale locale) {
        Condition condition = dependency.condition();
        String action = dependency.action() == DependencyAction.HIDE ? "hide" : "show";
        Object expected = condition.operator() == AssessmentDefinition.ConditionOperator.CONTAINS
                ? withoutOwnQuotes(condition.value())
                : condition.value();
        String value = definition.task(condition.taskId())
                .flatMap(other -> other.options().stream()
                        .filter(o -> Objects.equals(o.value(), expected) || String.valueOf(o.value()).equals(String.valueOf(expected)))
                        .findFirst())
                .map(option -> optionLabel(option, locale))
                .orElse(String.valueOf(expected));
        return messages.getMessage("prescan.condition." + action + "." + condition.operator().fileName(),
                new Object[] {condition.taskId(), value}, locale);
    }

    /** The government's files quote contains-values as jexl strings ("'Overige'"); the engine reads them without. */
    private static Object withoutOwnQuotes(Object value) {
        if (value instanceof String text && text.length() >= 2) {
            char first = text.charAt(0);
            if ((first == '\'' || first == '"') && text.charAt(text.length() - 1) == first) {
                return text.substring(1, text.length() - 1);
            }
        }
        return value;
    }

    /** The conditions for {@code static/js/questionnaire.js}, which hides questions that do not count as one answers. */
    private static String conditionsData(List<Dependency> dependencies, Scope scope) {
        List<Map<String, Object>> data = dependencies.stream().map(d -> {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("name", scope.nameOf(d.condition().taskId()));
            rule.put("operator", d.condition().operator().fileName());
            Object value = d.condition().operator() == AssessmentDefinition.ConditionOperator.CONTAINS
                    ? withoutOwnQuotes(d.condition().value())
                    : d.condition().value();
            rule.put("value", value == null ? null : String.valueOf(value));
            rule.put("show", d.action() != DependencyAction.HIDE);
            return rule;
        }).toList();
        try {
            return JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot describe the conditions of the form", e);
        }
    }
}
