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
 * The IAMA task's form: {@code policies/assessments/iama.yaml} as {@link QuestionnaireForm} renders it, with the
 * affected rights (4.2) as a repeatable group. Inputs are named {@code iama[1.1]} and {@code iama[4.2][0][4.2.1]}; the
 * service names the same answers {@code answers.answers.1.1} and {@code answers.groups.4.2[0].answers.4.2.1}.
 */
@Component
class IamaForm {

    /** The value of the BPMN property {@code assessment} on the task this form answers. */
    static final String ASSESSMENT = "iama";
    static final String ROOT = "iama";
    /** The service reports problems with the answers under this key, the answers as a whole under the key itself. */
    static final String PROBLEM_ROOT = "answers";

    private final AssessmentDefinitions definitions;
    private final QuestionnaireForm questionnaire;
    private final String definitionUrn;

    IamaForm(AssessmentDefinitions definitions, QuestionnaireForm questionnaire,
            @Value("${transparant.screening.iama-urn:urn:nl:transparantiama}") String definitionUrn) {
        this.definitions = definitions;
        this.questionnaire = questionnaire;
        this.definitionUrn = definitionUrn;
    }

    /** @param id the id of the whole IAMA, where problems about the answers as a whole show */
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
                .orElseThrow(() -> new IllegalStateException("The IAMA definition " + definitionUrn + " is not loaded"));
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
