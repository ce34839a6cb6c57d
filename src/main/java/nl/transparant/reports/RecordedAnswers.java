package nl.transparant.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.transparant.assessment.AnswerSet;

/**
 * The answers of a record as the screening module stores them, as submitted:
 * <ul>
 * <li>with repeatable groups (DPIA, IAMA): {@code {"answers": {...}, "groups": {"<group>": [{"answers": ..., "groups": ...}]}}};</li>
 * <li>a pre-scan: the definition's answers by task id under {@code prescan}, the decision tree's under {@code aiAct};</li>
 * <li>otherwise the definition's answers by task id.</li>
 * </ul>
 */
record RecordedAnswers(AnswerSet definitionAnswers) {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PRE_SCAN_ANSWERS = "prescan";

    static RecordedAnswers of(JsonNode document) {
        if (document.has("answers") || document.has("groups")) {
            return new RecordedAnswers(grouped(document));
        }
        if (document.path(PRE_SCAN_ANSWERS).isObject()) {
            return new RecordedAnswers(AnswerSet.of(flat(document.path(PRE_SCAN_ANSWERS))));
        }
        return new RecordedAnswers(AnswerSet.of(flat(document)));
    }

    private static AnswerSet grouped(JsonNode set) {
        AnswerSet answers = AnswerSet.of(flat(set.path("answers")));
        var groups = set.path("groups").fields();
        while (groups.hasNext()) {
            var group = groups.next();
            List<AnswerSet> instances = new ArrayList<>();
            for (JsonNode instance : group.getValue()) {
                instances.add(grouped(instance));
            }
            answers = answers.withInstances(group.getKey(), instances);
        }
        return answers;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> flat(JsonNode answers) {
        if (!answers.isObject()) {
            return Map.of();
        }
        return new LinkedHashMap<>(JSON.convertValue(answers, Map.class));
    }
}
