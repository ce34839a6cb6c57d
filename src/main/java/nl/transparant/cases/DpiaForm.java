package nl.transparant.cases;

import java.util.List;
import java.util.Map;
import java.util.Locale;
import nl.transparant.assessment.AssessmentDefinition;
import nl.transparant.assessment.AssessmentDefinitions;
import nl.transparant.site.FormProblems;
import nl.transparant.workflow.ReviewTask;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The DPIA task's form: {@code policies/assessments/dpia.yaml} as {@link QuestionnaireForm} renders it, with the
 * risk register (3.1) and each risk's measures (3.1.7) as repeatable groups. Its inputs are named
 * {@code dpia[1.3]}, {@code dpia[3.1][0][3.1.8]} and {@code dpia[3.1][0][3.1.7][1][3.1.7.1]}; the service names the
 * same answers {@code answers.answers.1.3}, {@code answers.groups.3.1[0].answers.3.1.8} and so on.
 */
@Component
class DpiaForm {

    /** The value of the BPMN property {@code assessment} on the task this form answers. */
    static final String ASSESSMENT = "dpia";
    static final String ROOT = "dpia";
    /** The service reports problems with the answers under this key, the answers as a whole under the key itself. */
    static final String PROBLEM_ROOT = "answers";

    private final AssessmentDefinitions definitions;
    private final QuestionnaireForm questionnaire;
    private final String definitionUrn;

    DpiaForm(AssessmentDefinitions definitions, QuestionnaireForm questionnaire,
            @Value("${transparant.screening.dpia-urn:urn:nl:transparantdpia}") String definitionUrn) {
        this.definitions = definitions;
        this.questionnaire = questionnaire;
        this.definitionUrn = definitionUrn;
    }

    /** @param id the id of the whole DPIA, where problems about the answers as a whole show */
    record View(QuestionnaireForm.Questions questions, String name, String id, String error) {

        public List<QuestionnaireForm.Item> items() {
            return questions.items();
        }
    }

    boolean serves(ReviewTask task) {
        return ASSESSMENT.equals(task.assessment());
    }

    AssessmentDefinition definition() {
        return definitions.current(definitionUrn)
                .orElseThrow(() -> new IllegalStateException("The DPIA definition " + definitionUrn + " is not loaded"));
    }

    View view(String prefix, QuestionnaireFormReader.Input input, FormProblems problems, Locale locale) {
        AssessmentDefinition definition = definition();
        QuestionnaireForm.Questions questions = questionnaire.questions(definition,
                QuestionnaireForm.Scope.grouped(ROOT, PROBLEM_ROOT), prefix, input, problems, locale);
        return new View(questions, PolicyTexts.text(definition.name(), definition.translations(), "name", locale),
                FormProblems.inputId(prefix, PROBLEM_ROOT), problems.messageFor(PROBLEM_ROOT));
    }

    /** The summary line of a problem about the answers: the question, group or risk it names, linked to it. */
    FormProblems.SummaryItem summaryItem(View view, String prefix, String key, List<String> messagesAbout) {
        if (key.equals(PROBLEM_ROOT)) {
            return new FormProblems.SummaryItem("#" + view.id(), view.name(), String.join(" ", messagesAbout));
        }
        return view.questions().summaryItem(prefix, key, messagesAbout);
    }

    /** The answers {"answers": …, "groups": …} for the task's completion. */
    Map<String, Object> answers(QuestionnaireFormReader.Input input) {
        return QuestionnaireFormReader.groupedAnswers(input, definition());
    }
}
