package nl.transparant.cases.questionnaire;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.transparant.assessment.AssessmentDefinition;
import org.springframework.util.MultiValueMap;

/**
 * The posted pre-scan form as the pre-scan task takes its answers: the questionnaire's {@code prescan[<task id>]}
 * inputs become {@code {"prescan": {taskId: answer}}} as {@link QuestionnaireFormReader} reads them, and
 * {@code aiAct[<question id>]} radios {@code {"aiAct": {questionId: answer text}}}.
 */
final class PreScanFormReader {

    static final String PRE_SCAN = "prescan";
    static final String AI_ACT = "aiAct";

    /** Question ids are short codes such as "2.1"; anything longer is not a question of ours. */
    private static final Pattern TREE_NAME = Pattern.compile("aiAct\\[([^\\[\\]]{1,40})\\]");

    private PreScanFormReader() {
    }

    /**
     * What was posted, kept as typed so the form can show it again.
     *
     * @param questions the questionnaire's inputs
     * @param aiAct     the answer text chosen per question of the decision tree
     */
    record Input(QuestionnaireFormReader.Input questions, Map<String, String> aiAct, boolean posted) {

        static final Input NONE = new Input(QuestionnaireFormReader.Input.none(PRE_SCAN), Map.of(), false);

        Input {
            aiAct = Collections.unmodifiableMap(new LinkedHashMap<>(aiAct));
        }
    }

    /** The pre-scan inputs of a posted form; {@link Input#posted()} is false when the form had none at all. */
    static Input input(MultiValueMap<String, String> form) {
        QuestionnaireFormReader.Input questions = QuestionnaireFormReader.input(form, PRE_SCAN);
        Map<String, String> aiAct = new LinkedHashMap<>();
        boolean posted = questions.posted();
        for (Map.Entry<String, List<String>> parameter : form.entrySet()) {
            Matcher name = TREE_NAME.matcher(parameter.getKey());
            if (!name.matches()) {
                continue;
            }
            posted = true;
            parameter.getValue().stream().filter(v -> v != null && !v.isBlank()).findFirst()
                    .ifPresent(answer -> aiAct.put(name.group(1), answer));
        }
        return new Input(questions, aiAct, posted);
    }

    /** Saved answers {"prescan": …, "aiAct": …} (a draft) as the form shows them. */
    static Input fromAnswers(Map<String, Object> saved) {
        Map<String, String> aiAct = new LinkedHashMap<>();
        if (saved.get(AI_ACT) instanceof Map<?, ?> answers) {
            answers.forEach((question, answer) -> {
                if (answer != null) {
                    aiAct.put(String.valueOf(question), String.valueOf(answer));
                }
            });
        }
        return new Input(QuestionnaireFormReader.fromAnswers(PRE_SCAN, saved.get(PRE_SCAN), false), aiAct, true);
    }

    /** The answers {"prescan": …, "aiAct": …} for the task's completion, typed by the definition's options. */
    static Map<String, Object> answers(Input input, AssessmentDefinition definition) {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put(PRE_SCAN, QuestionnaireFormReader.flatAnswers(input.questions(), definition));
        answers.put(AI_ACT, new LinkedHashMap<>(input.aiAct()));
        return answers;
    }
}
