package nl.transparant.cases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import nl.transparant.assessment.AssessmentDefinition;
import nl.transparant.assessment.AssessmentDefinition.Condition;
import nl.transparant.assessment.AssessmentDefinition.Dependency;
import nl.transparant.assessment.AssessmentDefinition.DependencyAction;
import nl.transparant.assessment.AssessmentDefinition.DependencyType;
import nl.transparant.assessment.AssessmentDefinition.Option;
import nl.transparant.assessment.AssessmentDefinition.Task;
import nl.transparant.assessment.AssessmentDefinition.TaskType;
import nl.transparant.assessment.AssessmentDefinitions;
import nl.transparant.assessment.DecisionTree;
import nl.transparant.assessment.DecisionTrees;
import nl.transparant.site.FormProblems;
import nl.transparant.workflow.ReviewTask;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The pre-scan task's form, generated from the pre-scan definition and the AI Act decision tree in
 * {@code policies/}: every task of the definition as the input its type asks for, and every question of the tree
 * as a radio group. It works without scripts: questions that depend on another answer are all shown, each with
 * its condition in words (the engine ignores the answers of questions whose condition does not hold), and the
 * server walks only the tree path that the answers take.
 */
@Component
class PreScanForm {

    /** The value of the BPMN property {@code assessment} on the task this form answers. */
    static final String ASSESSMENT = "pre-scan";
    static final String PROBLEM_PREFIX = CasePages.ANSWER_PREFIX;
    /** The service refuses longer texts; the browser may as well stop the typing there. */
    static final int MAX_TEXT = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AssessmentDefinitions definitions;
    private final DecisionTrees trees;
    private final MessageSource messages;
    private final String definitionUrn;
    private final String treeKey;

    PreScanForm(AssessmentDefinitions definitions, DecisionTrees trees, MessageSource messages,
            @Value("${transparant.screening.pre-scan-urn:urn:nl:transparantprescan}") String definitionUrn,
            @Value("${transparant.screening.ai-act-tree:ai-act}") String treeKey) {
        this.definitions = definitions;
        this.trees = trees;
        this.messages = messages;
        this.definitionUrn = definitionUrn;
        this.treeKey = treeKey;
    }

    enum Control { GROUP, INFORMATION, IMAGE, RADIO, SELECT, CHECKBOXES, TEXTAREA, TEXT, DATE }

    /**
     * The form of one task.
     *
     * @param preScanId   the id of the pre-scan part, where problems about the answers as a whole show
     * @param aiActId     the id of the decision-tree part
     */
    record View(List<Item> items, String preScanId, String preScanError, String treeName, String aiActId, String aiActError,
            List<TreeQuestion> aiAct) {
    }

    /**
     * One task of the definition. {@code id} is the input's id (the first choice's for a group of choices, the
     * section's for a task group), as {@link FormProblems#inputId} makes it from the problem key.
     *
     * @param conditions     when the task counts, in words; empty when it always does
     * @param conditionsData the same for the optional script: [{name, operator, value, show}]
     * @param headingLevel   for a task group: 4 at the top, one deeper per nesting
     */
    record Item(Control control, String taskId, String title, String description, boolean required, String name, String id,
            String value, List<Choice> choices, List<String> conditions, String conditionsData, String error,
            List<Item> children, int headingLevel) {

        public boolean isGroup() {
            return control == Control.GROUP;
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

    record Choice(String id, String value, String label, boolean selected) {
    }

    /** @param follows the questions whose answers lead here, in words; the start question says so */
    record TreeQuestion(String questionId, String question, String explanation, String follows, String name, String id,
            List<Choice> choices, String error) {

        public String hintId() {
            return id + "-hint";
        }

        public String errorId() {
            return id + "-error";
        }

        public String describedBy() {
            return hintId() + (error != null ? " " + errorId() : "");
        }
    }

    boolean serves(ReviewTask task) {
        return ASSESSMENT.equals(task.assessment());
    }

    AssessmentDefinition definition() {
        return definitions.current(definitionUrn)
                .orElseThrow(() -> new IllegalStateException("The pre-scan definition " + definitionUrn + " is not loaded"));
    }

    DecisionTree tree() {
        return trees.current(treeKey)
                .orElseThrow(() -> new IllegalStateException("The decision tree " + treeKey + " is not loaded"));
    }

    /**
     * @param prefix the task's id prefix, so two task forms on a page never share an id
     * @param input  what was posted (after a refusal); the definition's default answers otherwise
     */
    View view(String prefix, PreScanFormReader.Input input, FormProblems problems, Locale locale) {
        AssessmentDefinition definition = definition();
        DecisionTree tree = tree();
        List<Item> items = definition.tasks().stream()
                .map(task -> item(definition, task, prefix, input, problems, locale, 4))
                .toList();
        String preScanKey = PROBLEM_PREFIX + PreScanFormReader.PRE_SCAN;
        String aiActKey = PROBLEM_PREFIX + PreScanFormReader.AI_ACT;
        Map<String, Set<String>> predecessors = predecessors(tree);
        List<TreeQuestion> questions = new ArrayList<>();
        for (DecisionTree.Question question : tree.questions()) {
            questions.add(treeQuestion(question, question == tree.questions().get(0), predecessors, prefix, input, problems, locale));
        }
        return new View(items, FormProblems.inputId(prefix, preScanKey), problems.messageFor(preScanKey),
                PolicyTexts.text(tree.name(), tree.translations(), "name", locale), FormProblems.inputId(prefix, aiActKey),
                problems.messageFor(aiActKey), questions);
    }

    /** The summary line of a problem about the answers: the question it names, linked to its input. */
    FormProblems.SummaryItem summaryItem(String prefix, String key, List<String> messagesAbout, Locale locale) {
        String message = String.join(" ", messagesAbout);
        String preScan = PROBLEM_PREFIX + PreScanFormReader.PRE_SCAN;
        String aiAct = PROBLEM_PREFIX + PreScanFormReader.AI_ACT;
        if (key.equals(preScan) || key.equals(aiAct)) {
            String part = key.equals(preScan)
                    ? PolicyTexts.text(definition().name(), definition().translations(), "name", locale)
                    : PolicyTexts.text(tree().name(), tree().translations(), "name", locale);
            return new FormProblems.SummaryItem("#" + FormProblems.inputId(prefix, key), part, message);
        }
        if (key.startsWith(preScan + ".")) {
            String taskId = key.substring(preScan.length() + 1);
            return definition().task(taskId)
                    .map(task -> new FormProblems.SummaryItem("#" + FormProblems.inputId(prefix, key),
                            messages.getMessage("prescan.questionLabel", new Object[] {taskId, title(task, locale)}, locale), message))
                    .orElseGet(() -> new FormProblems.SummaryItem(null, taskId, message));
        }
        if (key.startsWith(aiAct + ".")) {
            String questionId = key.substring(aiAct.length() + 1);
            return tree().question(questionId)
                    .map(question -> new FormProblems.SummaryItem("#" + FormProblems.inputId(prefix, key),
                            messages.getMessage("prescan.aiAct.questionLabel", new Object[] {questionId,
                                    PolicyTexts.text(question.question(), question.translations(), "question", locale)}, locale), message))
                    .orElseGet(() -> new FormProblems.SummaryItem(null, questionId, message));
        }
        return new FormProblems.SummaryItem(null, key, message);
    }

    private Item item(AssessmentDefinition definition, Task task, String prefix, PreScanFormReader.Input input,
            FormProblems problems, Locale locale, int headingLevel) {
        String key = PROBLEM_PREFIX + PreScanFormReader.PRE_SCAN + "." + task.id();
        String id = FormProblems.inputId(prefix, key);
        Control control = control(task);
        List<String> chosen = chosen(task, input);
        List<Choice> choices = new ArrayList<>();
        for (int i = 0; i < task.options().size(); i++) {
            Option option = task.options().get(i);
            String value = String.valueOf(option.value());
            choices.add(new Choice(i == 0 ? id : id + "-" + (i + 1), value, optionLabel(option, locale), chosen.contains(value)));
        }
        List<Item> children = task.tasks().stream()
                .map(child -> item(definition, child, prefix, input, problems, locale, Math.min(headingLevel + 1, 6)))
                .toList();
        List<Dependency> conditional = task.dependencies().stream()
                .filter(d -> d.type() == DependencyType.CONDITIONAL && d.condition() != null)
                .toList();
        return new Item(control, task.id(), title(task, locale),
                PolicyTexts.text(task.description(), task.translations(), "description", locale),
                Boolean.TRUE.equals(task.requiredStatus()), PreScanFormReader.PRE_SCAN + "[" + task.id() + "]", id,
                chosen.isEmpty() ? null : chosen.get(0), choices,
                conditional.stream().map(d -> condition(definition, d, locale)).toList(),
                conditional.isEmpty() ? null : conditionsData(conditional, prefix), problems.messageFor(key), children,
                headingLevel);
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
    private static List<String> chosen(Task task, PreScanFormReader.Input input) {
        if (input.posted()) {
            return input.values(task.id());
        }
        if (task.defaultValue() instanceof Collection<?> values) {
            return values.stream().filter(Objects::nonNull).map(String::valueOf).toList();
        }
        return task.defaultValue() == null ? List.of() : List.of(String.valueOf(task.defaultValue()));
    }

    private static String title(Task task, Locale locale) {
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

    /** The conditions for {@code static/js/pre-scan.js}, which hides questions that do not count as one answers. */
    private static String conditionsData(List<Dependency> dependencies, String prefix) {
        List<Map<String, Object>> data = dependencies.stream().map(d -> {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("name", PreScanFormReader.PRE_SCAN + "[" + d.condition().taskId() + "]");
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
            throw new IllegalStateException("Cannot describe the conditions of the pre-scan form", e);
        }
    }

    private TreeQuestion treeQuestion(DecisionTree.Question question, boolean first, Map<String, Set<String>> predecessors,
            String prefix, PreScanFormReader.Input input, FormProblems problems, Locale locale) {
        String key = PROBLEM_PREFIX + PreScanFormReader.AI_ACT + "." + question.questionId();
        String id = FormProblems.inputId(prefix, key);
        String chosen = input.aiAct().get(question.questionId());
        List<Choice> choices = new ArrayList<>();
        for (int i = 0; i < question.answers().size(); i++) {
            DecisionTree.Answer answer = question.answers().get(i);
            choices.add(new Choice(i == 0 ? id : id + "-" + (i + 1), answer.answer(),
                    PolicyTexts.text(answer.answer(), answer.translations(), "answer", locale), answer.answer().equals(chosen)));
        }
        Set<String> before = predecessors.getOrDefault(question.questionId(), Set.of());
        String follows = first
                ? messages.getMessage("prescan.aiAct.start", null, locale)
                : before.isEmpty() ? null : messages.getMessage("prescan.aiAct.after", new Object[] {String.join(", ", before)}, locale);
        return new TreeQuestion(question.questionId(), PolicyTexts.text(question.question(), question.translations(), "question", locale),
                PolicyTexts.text(question.explanation(), question.translations(), "explanation", locale), follows,
                PreScanFormReader.AI_ACT + "[" + question.questionId() + "]", id, choices, problems.messageFor(key));
    }

    /** For each question, the questions with an answer (or a redirect) leading to it, in the tree's order. */
    private static Map<String, Set<String>> predecessors(DecisionTree tree) {
        Map<String, Set<String>> before = new LinkedHashMap<>();
        for (DecisionTree.Question question : tree.questions()) {
            for (DecisionTree.Answer answer : question.answers()) {
                List<String> next = new ArrayList<>();
                next.add(answer.nextQuestionId());
                answer.redirects().forEach(redirect -> next.add(redirect.nextQuestionId()));
                next.stream().filter(Objects::nonNull)
                        .forEach(target -> before.computeIfAbsent(target, k -> new LinkedHashSet<>()).add(question.questionId()));
            }
        }
        return before;
    }
}
