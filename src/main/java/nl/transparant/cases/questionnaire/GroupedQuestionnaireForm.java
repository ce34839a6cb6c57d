package nl.transparant.cases.questionnaire;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import nl.transparant.assessment.AssessmentDefinition;
import nl.transparant.assessment.AssessmentDefinitions;
import nl.transparant.site.FormProblems;
import org.springframework.util.MultiValueMap;

/**
 * The form of a questionnaire task whose answers go to the service grouped, {@code {"answers": …, "groups": …}}: a
 * definition from {@code policies/assessments/} as {@link QuestionnaireForm} renders it, repeatable groups included.
 * Its inputs are named after the form's root, e.g. {@code dpia[1.3]} and {@code dpia[3.1][0][3.1.8]}; the service
 * names the same answers {@code answers.answers.1.3} and {@code answers.groups.3.1[0].answers.3.1.8}.
 */
abstract class GroupedQuestionnaireForm extends FormQuestionnaire<QuestionnaireFormReader.Input> {

    /** The service reports problems with the answers under this key, the answers as a whole under the key itself. */
    static final String PROBLEM_ROOT = "answers";

    private final String root;
    private final AssessmentDefinitions definitions;
    private final QuestionnaireForm questionnaire;
    private final Function<String, AssessmentDefinition> definitionOfCase;

    /**
     * @param assessment the value of the BPMN property {@code assessment} on the task this form answers
     * @param root the name the form's inputs start with, and of its template under {@code cases/}
     */
    GroupedQuestionnaireForm(String assessment, String root, AssessmentDefinitions definitions, QuestionnaireForm questionnaire,
            Function<String, AssessmentDefinition> definitionOfCase, ResultsSoFar results) {
        super(assessment, results);
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

    @Override
    public Answers read(MultiValueMap<String, String> form) {
        return bound(QuestionnaireFormReader.input(form, root));
    }

    @Override
    public Answers saved(Map<String, Object> answers) {
        return bound(QuestionnaireFormReader.fromAnswers(root, answers, true));
    }

    @Override
    public Answers none() {
        return bound(QuestionnaireFormReader.Input.none(root));
    }

    @Override
    boolean posted(QuestionnaireFormReader.Input input) {
        return input.posted();
    }

    /** The questions are those of the definition's version the case keeps: the case is read. */
    @Override
    Map<String, Object> answers(Supplier<String> caseId, QuestionnaireFormReader.Input input) {
        return answers(caseId.get(), input);
    }

    @Override
    Questions questions(String caseId, String prefix, QuestionnaireFormReader.Input input, FormProblems problems, Locale locale) {
        View view = view(caseId, prefix, input, problems, locale);
        return new Questions("cases/" + root, view, (key, about) -> key.startsWith(QuestionnaireForm.ANSWER_PREFIX) || key.equals(PROBLEM_ROOT)
                ? Optional.of(summaryItem(view, prefix, key, about))
                : Optional.empty());
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
