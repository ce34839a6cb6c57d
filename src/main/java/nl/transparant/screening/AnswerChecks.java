package nl.transparant.screening;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import nl.transparant.assessment.AnswerSet;
import nl.transparant.assessment.AssessmentDefinition;
import nl.transparant.assessment.AssessmentDefinition.Task;
import nl.transparant.assessment.AssessmentDefinition.TaskType;
import nl.transparant.assessment.MissingAnswer;
import nl.transparant.problems.FieldProblem;
import nl.transparant.problems.PlainText;

/**
 * Reads submitted answers into an {@link AnswerSet}, checking each against the definition: every answer names
 * one of its tasks and is one of the task's options, or plain text for a text task. Repeatable groups come as
 * {@code {"answers": {...}, "groups": {"<group id>": [ {instance}, ... ]}}}, nested the same way.
 */
final class AnswerChecks {

    static final int MAX_TEXT = 10_000;

    private AnswerChecks() {
    }

    /** Flat answers by task id (no repeatable groups), as the pre-scan has them. */
    static Map<String, Object> flat(AssessmentDefinition definition, Object submitted, String path, List<FieldProblem> problems) {
        if (!(submitted instanceof Map<?, ?> answers)) {
            problems.add(FieldProblem.of(path, "problem.answers.byTask"));
            return Map.of();
        }
        Map<String, Object> checked = new LinkedHashMap<>();
        answers.forEach((id, answer) -> {
            String field = path + "." + id;
            Task task = definition.task(String.valueOf(id)).orElse(null);
            if (task == null) {
                problems.add(FieldProblem.of(field, "problem.answers.unknownQuestion"));
            } else if (task.isRepeatableGroup()) {
                problems.add(FieldProblem.of(field, "problem.answers.groupNotHere"));
            } else if (answer != null && !fits(task, asOption(task, answer))) {
                problems.add(expectation(field, task));
            } else if (answer != null) {
                checked.put(task.id(), asOption(task, answer));
            }
        });
        return checked;
    }

    /** Answers with repeatable groups: {@code {"answers": {...}, "groups": {...}}}. */
    static AnswerSet withGroups(AssessmentDefinition definition, Object submitted, String path, List<FieldProblem> problems) {
        if (!(submitted instanceof Map<?, ?> set)) {
            problems.add(FieldProblem.of(path, "problem.answers.shape"));
            return AnswerSet.empty();
        }
        set.keySet().stream().filter(key -> !"answers".equals(key) && !"groups".equals(key))
                .forEach(key -> problems.add(FieldProblem.of(path + "." + key, "problem.answers.onlyAnswersAndGroups")));
        AnswerSet answers = AnswerSet.of(set.containsKey("answers") ? flat(definition, set.get("answers"), path + ".answers", problems) : Map.of());
        Object groups = set.get("groups");
        if (groups == null) {
            return answers;
        }
        if (!(groups instanceof Map<?, ?> byGroup)) {
            problems.add(FieldProblem.of(path + ".groups", "problem.answers.byGroup"));
            return answers;
        }
        for (var group : byGroup.entrySet()) {
            String groupPath = path + ".groups." + group.getKey();
            Task task = definition.task(String.valueOf(group.getKey())).orElse(null);
            if (task == null || !task.isRepeatableGroup()) {
                problems.add(FieldProblem.of(groupPath, "problem.answers.unknownGroup"));
            } else if (!(group.getValue() instanceof List<?> instances)) {
                problems.add(FieldProblem.of(groupPath, "problem.answers.instances"));
            } else {
                List<AnswerSet> read = new ArrayList<>();
                for (int i = 0; i < instances.size(); i++) {
                    read.add(withGroups(definition, instances.get(i), groupPath + "[" + i + "]", problems));
                }
                answers = answers.withInstances(task.id(), read);
            }
        }
        return answers;
    }

    /**
     * Adds the problems of required questions left empty, except for a question already refused for what was sent: it
     * was answered, and was reported as unanswered as well (outside tester).
     */
    static void addMissing(List<FieldProblem> problems, List<FieldProblem> missing) {
        java.util.Set<String> named = new java.util.HashSet<>();
        problems.forEach(problem -> named.add(problem.field()));
        missing.stream().filter(problem -> !named.contains(problem.field())).forEach(problems::add);
    }

    /**
     * One problem per required question left empty, named as the answers are sent: {@code <path>.<task id>} for flat
     * answers, {@code <path>.answers.<task id>} and {@code <path>.groups.<group id>[<n>].answers.<task id>} with groups.
     */
    static List<FieldProblem> missing(AssessmentDefinition definition, List<MissingAnswer> missing, String path, boolean grouped) {
        return missing.stream().map(answer -> {
            StringBuilder key = new StringBuilder(path);
            for (MissingAnswer.Instance instance : answer.within()) {
                key.append(".groups.").append(instance.groupId()).append('[').append(instance.index()).append(']');
            }
            Task task = definition.task(answer.taskId()).orElseThrow();
            if (task.isRepeatableGroup()) {
                key.append(".groups.").append(answer.taskId());
            } else {
                key.append(grouped ? ".answers." : ".").append(answer.taskId());
            }
            String english = task.translations() == null ? null : task.translations().get("task_en");
            return FieldProblem.of(key.toString(), task.isRepeatableGroup() ? "problem.answers.requiredGroup" : "problem.answers.required",
                    answer.taskId(), task.title(), english == null || english.isBlank() ? task.title() : english);
        }).toList();
    }

    private static String label(AssessmentDefinition.Option option, String translation) {
        String translated = translation == null || option.translations() == null ? null : option.translations().get(translation);
        String text = translated != null && !translated.isBlank() ? translated : option.label();
        return text == null ? String.valueOf(option.value()) : text;
    }

        private static boolean fits(Task task, Object answer) {
        if (task.is(TaskType.TASK_GROUP) || task.is(TaskType.INFORMATIONAL) || task.is(TaskType.IMAGE)) {
            return false;
        }
        if (task.is(TaskType.CHECKBOX_OPTION) || task.is(TaskType.MULTISELECT_SCROLLABLE)) {
            return answer instanceof Collection<?> chosen && chosen.stream().allMatch(value -> isOption(task, value));
        }
        if (task.is(TaskType.RADIO_OPTION) || task.is(TaskType.SELECT_OPTION)) {
            return isOption(task, answer);
        }
        // held to the characters of every other text: a reading-direction override went into the answers (outside tester)
        // a line break counts as one character, as the browser counted it against the limit (it sends CR LF)
        return answer instanceof String text && text.replace("\r\n", "\n").length() <= MAX_TEXT && !PlainText.containsMarkup(text)
                && PlainText.characterProblem(text) == null;
    }

    /**
     * An answer written as the text of an option's value ({@code "true"} for the option {@code true}, {@code "2"} for
     * {@code 2}) is that option, stored with the option's own value: the government's form tool and the JSON it saves
     * treat them alike (its {@code bool('true')} is true), so a file or client in that shape is not refused here.
     */
    private static Object asOption(Task task, Object answer) {
        if (task.options().isEmpty()) {
            return answer;
        }
        if (answer instanceof Collection<?> chosen) {
            return chosen.stream().map(value -> optionValue(task, value)).toList();
        }
        return optionValue(task, answer);
    }

    private static Object optionValue(Task task, Object value) {
        if (value == null || value instanceof Collection<?> || value instanceof Map<?, ?> || isOption(task, value)) {
            return value;
        }
        String text = String.valueOf(value);
        return task.options().stream().map(AssessmentDefinition.Option::value)
                .filter(option -> option != null && String.valueOf(option).equals(text)).findFirst().orElse(value);
    }

    private static boolean isOption(Task task, Object value) {
        return task.options().stream().anyMatch(option -> Objects.equals(option.value(), value));
    }

    private static FieldProblem expectation(String field, Task task) {
        if (task.options().isEmpty()) {
            return FieldProblem.of(field, "problem.answers.plainText", MAX_TEXT);
        }
        // the options by their labels (Dutch, English), not their values: codes are no words for a person
        return FieldProblem.of(field, "problem.answers.chooseFrom",
                String.join("; ", task.options().stream().map(o -> label(o, null)).toList()),
                String.join("; ", task.options().stream().map(o -> label(o, "label_en")).toList()));
    }
}
