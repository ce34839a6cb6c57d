package nl.transparant.cases;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.transparant.assessment.AssessmentDefinition;
import nl.transparant.assessment.AssessmentDefinition.Option;
import nl.transparant.assessment.AssessmentDefinition.Task;
import nl.transparant.assessment.AssessmentDefinition.TaskType;
import org.springframework.util.MultiValueMap;

/**
 * The posted pre-scan form as the pre-scan task takes its answers: {@code prescan[<task id>]} inputs become
 * {@code {"prescan": {taskId: answer}}} and {@code aiAct[<question id>]} radios {@code {"aiAct": {questionId: answer text}}}.
 * A choice comes back as the value of the option whose value reads as the posted text, so {@code "true"} is the
 * boolean of a yes/no option and {@code "evaluation_scoring"} the string of another; several values of a checkbox
 * or multiselect task make a list. Whatever matches no option, and names no task, goes to the service as posted,
 * which refuses it by name. Empty inputs are left out: an unanswered question has no answer.
 */
final class PreScanFormReader {

    static final String PRE_SCAN = "prescan";
    static final String AI_ACT = "aiAct";

    /** Task and question ids are short codes such as "3.1"; anything longer is not a question of ours. */
    private static final Pattern NAME = Pattern.compile("(prescan|aiAct)\\[([^\\[\\]]{1,40})\\]");

    private PreScanFormReader() {
    }

    /**
     * What was posted, by task or question id, kept as typed so the form can show it again.
     *
     * @param preScan every non-empty value posted for a task, in the order posted
     * @param aiAct   the answer text chosen per question of the decision tree
     */
    record Input(Map<String, List<String>> preScan, Map<String, String> aiAct, boolean posted) {

        static final Input NONE = new Input(Map.of(), Map.of(), false);

        Input {
            preScan = Collections.unmodifiableMap(new LinkedHashMap<>(preScan));
            aiAct = Collections.unmodifiableMap(new LinkedHashMap<>(aiAct));
        }

        List<String> values(String taskId) {
            return preScan.getOrDefault(taskId, List.of());
        }

        String value(String taskId) {
            List<String> values = values(taskId);
            return values.isEmpty() ? null : values.get(0);
        }
    }

    /** The pre-scan inputs of a posted form; {@link Input#posted()} is false when the form had none at all. */
    static Input input(MultiValueMap<String, String> form) {
        Map<String, List<String>> preScan = new LinkedHashMap<>();
        Map<String, String> aiAct = new LinkedHashMap<>();
        boolean posted = false;
        for (Map.Entry<String, List<String>> parameter : form.entrySet()) {
            Matcher name = NAME.matcher(parameter.getKey());
            if (!name.matches()) {
                continue;
            }
            posted = true;
            List<String> given = parameter.getValue().stream().filter(v -> v != null && !v.isBlank()).toList();
            if (given.isEmpty()) {
                continue;
            }
            if (PRE_SCAN.equals(name.group(1))) {
                preScan.computeIfAbsent(name.group(2), id -> new ArrayList<>()).addAll(given);
            } else {
                aiAct.put(name.group(2), given.get(0));
            }
        }
        return new Input(preScan, aiAct, posted);
    }

    /** The answers {"prescan": …, "aiAct": …} for the task's completion, typed by the definition's options. */
    static Map<String, Object> answers(Input input, AssessmentDefinition definition) {
        Map<String, Object> preScan = new LinkedHashMap<>();
        input.preScan().forEach((taskId, values) -> preScan.put(taskId, definition.task(taskId)
                .map(task -> answer(task, values))
                .orElseGet(() -> values.size() == 1 ? values.get(0) : values)));
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put(PRE_SCAN, preScan);
        answers.put(AI_ACT, new LinkedHashMap<>(input.aiAct()));
        return answers;
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
