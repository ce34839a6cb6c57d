package nl.transparant.cases.questionnaire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.transparant.assessment.AssessmentDefinition;
import nl.transparant.assessment.AssessmentDefinition.Option;
import nl.transparant.assessment.AssessmentDefinition.Task;
import nl.transparant.assessment.AssessmentDefinition.TaskType;
import org.springframework.util.MultiValueMap;

/**
 * A posted questionnaire form ({@link QuestionnaireForm}) as the task takes its answers. Inputs are named by a
 * root and a path in brackets: {@code dpia[1.3]} answers task 1.3; {@code dpia[3.1][0][3.1.8]} answers task 3.1.8
 * in the first instance of the repeatable group 3.1, and {@code dpia[3.1][0][3.1.7][1][3.1.7.2]} task 3.1.7.2 in
 * the second measure of that risk: group id and instance number in turns, then the task id.
 *
 * <p>The form offers more instance slots than anyone fills in; an instance with nothing in it is no instance, so
 * the reader drops it and numbers the others from 0 in the order of their slots. The form shows them again in
 * that order, so a problem the service reports about {@code answers.groups.3.1[1]} is the second instance shown.
 *
 * <p>A choice comes back as the value of the option whose value reads as the posted text, so {@code "true"} is the
 * boolean of a yes/no option; several values of a checkbox task make a list. Whatever matches no option, and names
 * no task, goes to the service as posted, which refuses it by name. Empty inputs are left out.
 */
final class QuestionnaireFormReader {

    /** Task and group ids are short codes such as "3.1.7"; anything longer is not a question of ours. */
    private static final Pattern SEGMENT = Pattern.compile("\\[([^\\[\\]]{1,40})\\]");
    private static final Pattern INDEX = Pattern.compile("\\d{1,2}");

    private QuestionnaireFormReader() {
    }

    /**
     * What was posted under one root, by input name, as the form shows it again: instances renumbered without
     * the empty ones.
     *
     * @param posted false when the form had no input of this root at all
     */
    record Input(String root, Map<String, List<String>> byName, boolean posted) {

        Input {
            byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
        }

        static Input none(String root) {
            return new Input(root, Map.of(), false);
        }

        List<String> values(String name) {
            return byName.getOrDefault(name, List.of());
        }

        /** How many instances of a repeatable group were posted under this instance's name ({@code dpia[3.1]}). */
        int instances(String groupName) {
            int count = 0;
            while (hasInstance(groupName + "[" + count + "]")) {
                count++;
            }
            return count;
        }

        private boolean hasInstance(String instanceName) {
            return byName.keySet().stream().anyMatch(name -> name.startsWith(instanceName + "["));
        }

        /** The answers of one scope as the services take them, with the root's nested groups. */
        Node tree() {
            Node root = new Node();
            byName.forEach((name, values) -> {
                List<String> path = path(this.root, name);
                if (path != null) {
                    root.put(path, 0, values);
                }
            });
            return root;
        }
    }

    /** One scope of answers: the top of the form, or one instance of a repeatable group. */
    static final class Node {

        final Map<String, List<String>> answers = new LinkedHashMap<>();
        final Map<String, TreeMap<Integer, Node>> groups = new LinkedHashMap<>();

        private void put(List<String> path, int at, List<String> values) {
            if (at == path.size() - 1) {
                answers.computeIfAbsent(path.get(at), k -> new ArrayList<>()).addAll(values);
                return;
            }
            groups.computeIfAbsent(path.get(at), k -> new TreeMap<>())
                    .computeIfAbsent(Integer.parseInt(path.get(at + 1)), k -> new Node())
                    .put(path, at + 2, values);
        }

        boolean isEmpty() {
            return answers.isEmpty() && groups.values().stream().allMatch(Map::isEmpty);
        }

        /** Without empty instances, the others numbered from 0 in their order. */
        private Node compacted() {
            Node compact = new Node();
            compact.answers.putAll(answers);
            groups.forEach((groupId, instances) -> {
                TreeMap<Integer, Node> kept = new TreeMap<>();
                instances.values().stream().map(Node::compacted).filter(n -> !n.isEmpty())
                        .forEach(n -> kept.put(kept.size(), n));
                compact.groups.put(groupId, kept);
            });
            return compact;
        }

        private void names(String prefix, Map<String, List<String>> into) {
            answers.forEach((taskId, values) -> into.put(prefix + "[" + taskId + "]", values));
            groups.forEach((groupId, instances) -> instances.forEach(
                    (index, instance) -> instance.names(prefix + "[" + groupId + "][" + index + "]", into)));
        }
    }

    /** Every input of this root in a posted form. */
    static Input input(MultiValueMap<String, String> form, String root) {
        Node posted = new Node();
        boolean any = false;
        for (Map.Entry<String, List<String>> parameter : form.entrySet()) {
            List<String> path = path(root, parameter.getKey());
            if (path == null) {
                continue;
            }
            any = true;
            List<String> given = parameter.getValue().stream().filter(v -> v != null && !v.isBlank()).toList();
            if (!given.isEmpty()) {
                posted.put(path, 0, given);
            }
        }
        Map<String, List<String>> byName = new LinkedHashMap<>();
        posted.compacted().names(root, byName);
        return new Input(root, byName, any);
    }

    /**
     * Saved answers (a draft) as the form shows them: flat answers by task id, or {@code {"answers", "groups"}} with
     * repeatable groups; a list is the values of a checkbox task.
     */
    static Input fromAnswers(String root, Object saved, boolean grouped) {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        if (saved instanceof Map<?, ?> set) {
            names(root, grouped ? set.get("answers") : set, grouped ? set.get("groups") : null, byName);
        }
        return new Input(root, byName, true);
    }

    private static void names(String prefix, Object answers, Object groups, Map<String, List<String>> into) {
        if (answers instanceof Map<?, ?> byTask) {
            byTask.forEach((taskId, answer) -> {
                List<String> values = answer instanceof List<?> list
                        ? list.stream().filter(Objects::nonNull).map(String::valueOf).toList()
                        : answer == null ? List.of() : List.of(String.valueOf(answer));
                if (!values.isEmpty()) {
                    into.put(prefix + "[" + taskId + "]", values);
                }
            });
        }
        if (groups instanceof Map<?, ?> byGroup) {
            byGroup.forEach((groupId, instances) -> {
                if (instances instanceof List<?> list) {
                    for (int i = 0; i < list.size(); i++) {
                        if (list.get(i) instanceof Map<?, ?> instance) {
                            names(prefix + "[" + groupId + "][" + i + "]", instance.get("answers"), instance.get("groups"), into);
                        }
                    }
                }
            });
        }
    }

    /** The segments of a name of this root: an odd number, with an instance number after each group id; else null. */
    private static List<String> path(String root, String name) {
        if (!name.startsWith(root + "[")) {
            return null;
        }
        Matcher segment = SEGMENT.matcher(name);
        List<String> path = new ArrayList<>();
        int at = root.length();
        while (at < name.length() && segment.find(at) && segment.start() == at) {
            path.add(segment.group(1));
            at = segment.end();
        }
        if (at != name.length() || path.size() % 2 == 0) {
            return null;
        }
        for (int i = 1; i < path.size(); i += 2) {
            if (!INDEX.matcher(path.get(i)).matches()) {
                return null;
            }
        }
        return path;
    }

    /** Answers by task id, for a questionnaire without repeatable groups. */
    static Map<String, Object> flatAnswers(Input input, AssessmentDefinition definition) {
        return typed(input.tree().answers, definition);
    }

    /** {@code {"answers": {...}, "groups": {"3.1": [ {"answers": {...}, "groups": {...}} ]}}}. */
    static Map<String, Object> groupedAnswers(Input input, AssessmentDefinition definition) {
        return grouped(input.tree(), definition);
    }

    private static Map<String, Object> grouped(Node node, AssessmentDefinition definition) {
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("answers", typed(node.answers, definition));
        if (!node.groups.isEmpty()) {
            Map<String, Object> groups = new LinkedHashMap<>();
            node.groups.forEach((groupId, instances) -> groups.put(groupId,
                    instances.values().stream().map(instance -> grouped(instance, definition)).toList()));
            set.put("groups", groups);
        }
        return set;
    }

    private static Map<String, Object> typed(Map<String, List<String>> answers, AssessmentDefinition definition) {
        Map<String, Object> typed = new LinkedHashMap<>();
        answers.forEach((taskId, values) -> typed.put(taskId, definition.task(taskId)
                .map(task -> answer(task, values))
                .orElseGet(() -> values.size() == 1 ? values.get(0) : values)));
        return typed;
    }

    private static Object answer(Task task, List<String> values) {
        if (task.is(TaskType.CHECKBOX_OPTION) || task.is(TaskType.MULTISELECT_SCROLLABLE)) {
            return values.stream().map(value -> optionValue(task, value)).toList();
        }
        if (task.is(TaskType.RADIO_OPTION) || task.is(TaskType.SELECT_OPTION)) {
            return optionValue(task, values.get(0));
        }
        return values.get(0);
    }

    /** The option's own value (a boolean stays a boolean); the posted text when no option reads like it. */
    private static Object optionValue(Task task, String posted) {
        Optional<Option> option = task.options().stream()
                .filter(o -> o.value() != null && Objects.equals(String.valueOf(o.value()), posted))
                .findFirst();
        return option.<Object>map(Option::value).orElse(posted);
    }
}
