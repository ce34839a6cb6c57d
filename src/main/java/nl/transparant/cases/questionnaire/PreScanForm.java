package nl.transparant.cases.questionnaire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import nl.transparant.assessment.AssessmentDefinition;
import nl.transparant.assessment.AssessmentDefinition.Task;
import nl.transparant.assessment.AssessmentDefinitions;
import nl.transparant.assessment.DecisionTree;
import nl.transparant.assessment.DecisionTrees;
import nl.transparant.site.FormProblems;
import org.springframework.beans.factory.annotation.Value;
import nl.transparant.screening.ScreeningBindings;
import nl.transparant.screening.Screenings;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

/**
 * The pre-scan task's form, generated from the pre-scan definition and the AI Act decision tree in
 * {@code policies/}: the definition as {@link QuestionnaireForm} renders every definition, and every question of
 * the tree as a radio group. It works without scripts: every question shows, and the server walks only the tree
 * path that the answers take.
 */
@Component
class PreScanForm extends FormQuestionnaire<PreScanFormReader.Input> {

    /** The value of the BPMN property {@code assessment} on the task this form answers. */
    static final String ASSESSMENT = Screenings.PRE_SCAN;
    static final String PROBLEM_PREFIX = QuestionnaireForm.ANSWER_PREFIX;
    /** The template whose fragment {@code questions(v)} renders the form. */
    static final String TEMPLATE = "cases/prescan";

    private final AssessmentDefinitions definitions;
    private final DecisionTrees trees;
    private final QuestionnaireForm questionnaire;
    private final MessageSource messages;
    private final ScreeningBindings bindings;

    PreScanForm(AssessmentDefinitions definitions, DecisionTrees trees, QuestionnaireForm questionnaire, MessageSource messages,
            ScreeningBindings bindings, ResultsSoFar results) {
        super(ASSESSMENT, results);
        this.definitions = definitions;
        this.trees = trees;
        this.questionnaire = questionnaire;
        this.messages = messages;
        this.bindings = bindings;
    }

    /**
     * The form of one task.
     *
     * @param questions   the definition's questions
     * @param preScanId   the id of the pre-scan part, where problems about the answers as a whole show
     * @param aiActId     the id of the decision-tree part
     */
    record View(QuestionnaireForm.Questions questions, String preScanId, String preScanError, String treeName, String aiActId,
            String aiActError, List<TreeQuestion> aiAct) {

        public List<QuestionnaireForm.Item> items() {
            return questions.items();
        }
    }

    record Choice(String id, String value, String label, boolean selected) {
    }

    /** @param follows the questions whose answers lead here, in words; the start question says so */
    record TreeQuestion(String questionId, String question, String explanation, String follows, String name, String id,
            List<Choice> choices, String error) {

        public String hintId() {
            return id + "-hint";
        }

        public String errorId() {
            return id + "-error";
        }

        public String describedBy() {
            return hintId() + (error != null ? " " + errorId() : "");
        }
    }

    @Override
    public Answers read(MultiValueMap<String, String> form) {
        return bound(PreScanFormReader.input(form));
    }

    @Override
    public Answers saved(Map<String, Object> answers) {
        return bound(PreScanFormReader.fromAnswers(answers));
    }

    @Override
    public Answers none() {
        return bound(PreScanFormReader.Input.NONE);
    }

    @Override
    boolean posted(PreScanFormReader.Input input) {
        return input.posted();
    }

    /** The pre-scan is the same for every case: no case is read. */
    @Override
    Map<String, Object> answers(Supplier<String> caseId, PreScanFormReader.Input input) {
        return PreScanFormReader.answers(input, definition());
    }

    @Override
    Questions questions(String caseId, String prefix, PreScanFormReader.Input input, FormProblems problems, Locale locale) {
        View view = view(prefix, input, problems, locale);
        return new Questions(TEMPLATE, view, (key, about) -> key.startsWith(PROBLEM_PREFIX)
                ? Optional.of(summaryItem(view, prefix, key, about, locale))
                : Optional.empty());
    }

    AssessmentDefinition definition() {
        String definitionUrn = bindings.current().preScan().key();
        return definitions.current(definitionUrn)
                .orElseThrow(() -> new IllegalStateException("The pre-scan definition " + definitionUrn + " is not loaded"));
    }

    DecisionTree tree() {
        String treeKey = bindings.current().aiActTree().key();
        return trees.current(treeKey)
                .orElseThrow(() -> new IllegalStateException("The decision tree " + treeKey + " is not loaded"));
    }

    /**
     * @param prefix the task's id prefix, so two task forms on a page never share an id
     * @param input  what was posted (after a refusal); the definition's default answers otherwise
     */
    View view(String prefix, PreScanFormReader.Input input, FormProblems problems, Locale locale) {
        DecisionTree tree = tree();
        QuestionnaireForm.Questions questions = questionnaire.questions(definition(),
                QuestionnaireForm.Scope.flat(PreScanFormReader.PRE_SCAN, PROBLEM_PREFIX + PreScanFormReader.PRE_SCAN), prefix,
                input.questions(), problems, locale);
        String preScanKey = PROBLEM_PREFIX + PreScanFormReader.PRE_SCAN;
        String aiActKey = PROBLEM_PREFIX + PreScanFormReader.AI_ACT;
        Map<String, Set<String>> predecessors = predecessors(tree);
        List<TreeQuestion> treeQuestions = new ArrayList<>();
        for (DecisionTree.Question question : tree.questions()) {
            treeQuestions.add(treeQuestion(question, question == tree.questions().get(0), predecessors, prefix, input, problems, locale));
        }
        return new View(questions, FormProblems.inputId(prefix, preScanKey), problems.messageFor(preScanKey),
                PolicyTexts.text(tree.name(), tree.translations(), "name", locale), FormProblems.inputId(prefix, aiActKey),
                problems.messageFor(aiActKey), treeQuestions);
    }

    /** The summary line of a problem about the answers: the question it names, linked to its input. */
    FormProblems.SummaryItem summaryItem(View view, String prefix, String key, List<String> messagesAbout, Locale locale) {
        String message = String.join(" ", messagesAbout);
        String preScan = PROBLEM_PREFIX + PreScanFormReader.PRE_SCAN;
        String aiAct = PROBLEM_PREFIX + PreScanFormReader.AI_ACT;
        if (key.equals(preScan) || key.equals(aiAct)) {
            String part = key.equals(preScan)
                    ? PolicyTexts.text(definition().name(), definition().translations(), "name", locale)
                    : PolicyTexts.text(tree().name(), tree().translations(), "name", locale);
            return new FormProblems.SummaryItem("#" + FormProblems.inputId(prefix, key), part, message);
        }
        if (key.startsWith(preScan + ".")) {
            return view.questions().summaryItem(prefix, key, messagesAbout);
        }
        if (key.startsWith(aiAct + ".")) {
            String questionId = key.substring(aiAct.length() + 1);
            return tree().question(questionId)
                    .map(question -> new FormProblems.SummaryItem("#" + FormProblems.inputId(prefix, key),
                            messages.getMessage("prescan.aiAct.questionLabel", new Object[] {questionId,
                                    PolicyTexts.text(question.question(), question.translations(), "question", locale)}, locale), message))
                    .orElseGet(() -> new FormProblems.SummaryItem(null, questionId, message));
        }
        return new FormProblems.SummaryItem(null, key, message);
    }

    private TreeQuestion treeQuestion(DecisionTree.Question question, boolean first, Map<String, Set<String>> predecessors,
            String prefix, PreScanFormReader.Input input, FormProblems problems, Locale locale) {
        String key = PROBLEM_PREFIX + PreScanFormReader.AI_ACT + "." + question.questionId();
        String id = FormProblems.inputId(prefix, key);
        String chosen = input.aiAct().get(question.questionId());
        List<Choice> choices = new ArrayList<>();
        for (int i = 0; i < question.answers().size(); i++) {
            DecisionTree.Answer answer = question.answers().get(i);
            choices.add(new Choice(i == 0 ? id : id + "-" + (i + 1), answer.answer(),
                    PolicyTexts.text(answer.answer(), answer.translations(), "answer", locale), answer.answer().equals(chosen)));
        }
        Set<String> before = predecessors.getOrDefault(question.questionId(), Set.of());
        String follows = first
                ? messages.getMessage("prescan.aiAct.start", null, locale)
                : before.isEmpty() ? null : messages.getMessage("prescan.aiAct.after", new Object[] {String.join(", ", before)}, locale);
        return new TreeQuestion(question.questionId(), PolicyTexts.text(question.question(), question.translations(), "question", locale),
                PolicyTexts.text(question.explanation(), question.translations(), "explanation", locale), follows,
                PreScanFormReader.AI_ACT + "[" + question.questionId() + "]", id, choices, problems.messageFor(key));
    }

    /** For each question, the questions with an answer (or a redirect) leading to it, in the tree's order. */
    private static Map<String, Set<String>> predecessors(DecisionTree tree) {
        Map<String, Set<String>> before = new LinkedHashMap<>();
        for (DecisionTree.Question question : tree.questions()) {
            for (DecisionTree.Answer answer : question.answers()) {
                List<String> next = new ArrayList<>();
                next.add(answer.nextQuestionId());
                answer.redirects().forEach(redirect -> next.add(redirect.nextQuestionId()));
                next.stream().filter(Objects::nonNull)
                        .forEach(target -> before.computeIfAbsent(target, k -> new LinkedHashSet<>()).add(question.questionId()));
            }
        }
        return before;
    }
}
