package nl.transparant.assessment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answers to one assessment definition.
 *
 * @param answers by task id. A checkbox or multiselect answer is a list of the selected option values; a
 *                radio or select answer is the option's value (a string, a boolean); text and dates are strings.
 *                For a repeatable task that is not a group, the answer is the list of its instances' answers.
 *                A task without an answer is absent (a null value counts as absent).
 * @param groups  by id of a repeatable group: its instances, each the answers to the tasks inside the group
 *                (nested repeatable groups again under {@code groups} of the instance)
 */
public record AnswerSet(Map<String, Object> answers, Map<String, List<AnswerSet>> groups) {

    public AnswerSet {
        Map<String, Object> given = new LinkedHashMap<>();
        answers.forEach((taskId, answer) -> {
            if (answer != null) {
                given.put(taskId, answer);
            }
        });
        answers = Collections.unmodifiableMap(given);
        Map<String, List<AnswerSet>> instances = new LinkedHashMap<>();
        groups.forEach((groupId, list) -> instances.put(groupId, List.copyOf(list)));
        groups = Collections.unmodifiableMap(instances);
    }

    public static AnswerSet of(Map<String, ?> answers) {
        return new AnswerSet(new LinkedHashMap<>(answers), Map.of());
    }

    public static AnswerSet empty() {
        return new AnswerSet(Map.of(), Map.of());
    }

    public AnswerSet withInstances(String groupId, List<AnswerSet> instances) {
        Map<String, List<AnswerSet>> more = new LinkedHashMap<>(groups);
        more.put(groupId, instances);
        return new AnswerSet(answers, more);
    }
}
