package nl.transparant.cases;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.transparant.assessment.AssessmentDefinition;
import nl.transparant.assessment.AssessmentDefinitions;
import nl.transparant.site.FormProblems;
import nl.transparant.workflow.review.ReviewTask;

/**
 * The form of a questionnaire task whose answers go to the service grouped, {@code {"answers": …, "groups": …}}: a
 * definition from {@code policies/assessments/} as {@link QuestionnaireForm} renders it, repeatable groups included.
 * Its inputs are named after the form's root, e.g. {@code dpia[1.3]} and {@code dpia[3.1][0][3.1.8]}; the service
 * names the same answers {@code answers.answers.1.3} and {@code answers.groups.3.1[0].answers.3.1.8}.
 */
abstract class GroupedQuestionnaireForm {

    /** The service reports problems with the answers under this key, the answers as a whole under the key itself. */
    static final String PROBLEM_ROOT = "answers";

    private final String assessment;
    private final String root;
    private final AssessmentDefinitions definitions;
    private final QuestionnaireForm questionnaire;
    private final java.util.function.Function<String, AssessmentDefinition> definitionOfCase;

    /**
     * @param assessment the value of the BPMN property {@code assessment} on the task this form answers
     * @param root the name the form's inputs start with
     */
    GroupedQuestionnaireForm(String assessment, String root, AssessmentDefinitions definitions, QuestionnaireForm questionnaire,
            java.util.function.Function<String, AssessmentDefinition> definitionOfCase) {
        this.assessment = assessment;
        this.root = root;
        this.definitions = definitions;
        this.questionnaire = questionnaire;
        this.definitionOfCase = definitionOfCase;
    }

    /** @param id the id of the whole questionnaire, where problems about the answers as a whole show */
    record View(QuestionnaireForm.Questions questions, String name, String id, String error) {

        public List<QuestionnaireForm.Item> items() {
            return questions.items();
        }
    }

    boolean serves(ReviewTask task) {
        return assessment.equals(task.assessment());
    }

    /** The version the case keeps (the DPIA/IAMA version named when its pre-scan was recorded). */
    AssessmentDefinition definition(String caseId) {
        return definitionOfCase.apply(caseId);
    }

    View view(String caseId, String prefix, QuestionnaireFormReader.Input input, FormProblems problems, Locale locale) {
        AssessmentDefinition definition = definition(caseId);
        QuestionnaireForm.Questions questions = questionnaire.questions(definition,
                QuestionnaireForm.Scope.grouped(root, PROBLEM_ROOT), prefix, input, problems, locale);
        return new View(questions, PolicyTexts.text(definition.name(), definition.translations(), "name", locale),
                FormProblems.inputId(prefix, PROBLEM_ROOT), problems.messageFor(PROBLEM_ROOT));
    }

    /** The summary line of a problem about the answers: the question, group or instance it names, linked to it. */
    FormProblems.SummaryItem summaryItem(View view, String prefix, String key, List<String> messagesAbout) {
        if (key.equals(PROBLEM_ROOT)) {
            return new FormProblems.SummaryItem("#" + view.id(), view.name(), String.join(" ", messagesAbout));
        }
        return view.questions().summaryItem(prefix, key, messagesAbout);
    }

    /** The answers {"answers": …, "groups": …} for the task's completion. */
    Map<String, Object> answers(String caseId, QuestionnaireFormReader.Input input) {
        return QuestionnaireFormReader.groupedAnswers(input, definition(caseId));
    }
}
