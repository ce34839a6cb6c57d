package nl.transparant.assessment.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.transparant.assessment.DecisionTree;
import nl.transparant.assessment.DecisionTree.Answer;
import nl.transparant.assessment.DecisionTree.Conclusion;
import nl.transparant.assessment.DecisionTree.Question;
import nl.transparant.assessment.DecisionTree.Redirect;
import nl.transparant.assessment.DecisionTree.Source;
import nl.transparant.assessment.DecisionTreeId;
import nl.transparant.assessment.jexl.CompiledExpression;
import nl.transparant.assessment.jexl.ExpressionLanguage;
import nl.transparant.assessment.jexl.ExpressionSyntaxException;

/**
 * Reads one decision tree file: checks that every question has answers, every answer a way on, every
 * {@code nextQuestionId} and {@code nextConclusionId} exists, and every redirect's {@code if} compiles with
 * {@code labels} as its only variable. Questions and conclusions that no path reaches are warned about.
 */
public final class TreeReader {

    private static final ExpressionLanguage LANGUAGE = AssessmentLanguage.forDecisionTrees();

    /** How a policy folder reads trees: keyed by file name without extension. */
    public static final PolicyFolder.Kind<CompiledTree> POLICY_KIND = new PolicyFolder.Kind<>() {
        @Override
        public PolicyFolder.Loaded<CompiledTree> read(PolicyFile file) {
            return TreeReader.read(file);
        }

        @Override
        public String key(CompiledTree policy) {
            return policy.tree().id().key();
        }

        @Override
        public String describe(CompiledTree policy) {
            return policy.tree().id().toString();
        }
    };

    /** Every key of the format, to tell a key in the wrong place from an extension. */
    private static final Set<String> FORMAT_KEYS = Set.of("name", "description", "version", "questions", "conclusions",
            "questionId", "question", "explanation", "category", "subcategory", "sources", "answers", "answer",
            "nextQuestionId", "nextConclusionId", "labels", "redirects", "subresult", "if", "conclusionId", "conclusion",
            "obligation", "source", "url");

    private record Target(String subject, String path, String questionId, String conclusionId) {
    }

    private final PolicyFile file;
    private final Problems problems;
    private final List<Target> targets = new ArrayList<>();
    private final Map<Redirect, CompiledExpression> conditions = new IdentityHashMap<>();

    private TreeReader(PolicyFile file) {
        this.file = file;
        this.problems = new Problems(file.name());
    }

    public static PolicyFolder.Loaded<CompiledTree> read(PolicyFile file) {
        TreeReader reader = new TreeReader(file);
        CompiledTree tree = reader.read();
        return new PolicyFolder.Loaded<>(reader.problems.hasErrors() ? null : tree, reader.problems.all());
    }

    static String keyOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    private CompiledTree read() {
        Object document = file.parse(problems);
        if (problems.hasErrors()) {
            return null;
        }
        Fields root = Fields.root(document, problems);
        if (root == null) {
            return null;
        }
        String key = keyOf(file.name());
        String name = root.optionalText("name");
        String description = root.optionalText("description");
        Map<String, String> translations = root.translations("name", "description");
        String version = version(root);
        List<Question> questions = new ArrayList<>();
        Set<String> questionIds = new HashSet<>();
        List<Fields> questionFields = root.objects("questions", true);
        if (root.has("questions") && questionFields.isEmpty()) {
            root.error("questions", "a decision tree needs at least one question");
        }
        for (Fields fields : questionFields) {
            Question question = question(fields);
            if (question.questionId() != null && !questionIds.add(question.questionId())) {
                fields.error("questionId", "question id '" + question.questionId() + "' is used twice");
            }
            questions.add(question);
        }
        List<Conclusion> conclusions = new ArrayList<>();
        Set<String> conclusionIds = new HashSet<>();
        List<Fields> conclusionFields = root.objects("conclusions", true);
        if (root.has("conclusions") && conclusionFields.isEmpty()) {
            root.error("conclusions", "a decision tree needs at least one conclusion");
        }
        for (Fields fields : conclusionFields) {
            Conclusion conclusion = conclusion(fields);
            if (conclusion.conclusionId() != null && !conclusionIds.add(conclusion.conclusionId())) {
                fields.error("conclusionId", "conclusion id '" + conclusion.conclusionId() + "' is used twice");
            }
            conclusions.add(conclusion);
        }
        root.extensions("the decision tree", FORMAT_KEYS);
        for (Target target : targets) {
            if (target.questionId() != null && !questionIds.contains(target.questionId())) {
                problems.error(target.subject(), target.path(), "there is no question '" + target.questionId() + "'");
            }
            if (target.conclusionId() != null && !conclusionIds.contains(target.conclusionId())) {
                problems.error(target.subject(), target.path(), "there is no conclusion '" + target.conclusionId() + "'");
            }
        }
        if (problems.hasErrors()) {
            return null;
        }
        warnAboutUnreachable(questions, conclusions);
        DecisionTree tree = new DecisionTree(new DecisionTreeId(key, version, file.sha256()), name == null ? key : name,
                description, file.name(), questions, conclusions, translations);
        return new CompiledTree(tree, conditions);
    }

    private String version(Fields root) {
        Object value = root.value("version");
        if (value == null) {
            root.warning("version", "no 'version': classifications will name this tree by its content hash only");
            return "unversioned";
        }
        if (!(value instanceof String version)) {
            root.error("version", "'version' must be a text such as \"1.0.0\" (put it in quotes)");
            return null;
        }
        return version;
    }

    private Question question(Fields fields) {
        String id = fields.requiredText("questionId");
        Fields question = fields.about(id == null ? "question at " + fields.path() : "question " + id);
        String text = question.requiredText("question");
        Map<String, String> translations = question.translations("question", "explanation");
        String explanation = question.optionalText("explanation");
        String category = question.optionalText("category");
        String subcategory = question.optionalText("subcategory");
        List<Source> sources = sources(question);
        List<Answer> answers = new ArrayList<>();
        Set<String> answerTexts = new HashSet<>();
        List<Fields> answerFields = question.objects("answers", true);
        if (question.has("answers") && answerFields.isEmpty()) {
            question.error("answers", "a question needs at least one answer");
        }
        for (Fields answerField : answerFields) {
            Answer answer = answer(answerField);
            if (answer.answer() != null && !answerTexts.add(answer.answer())) {
                answerField.error("answer", "the answer '" + answer.answer() + "' is given twice");
            }
            answers.add(answer);
        }
        question.extensions("a question", FORMAT_KEYS);
        return new Question(id, text, explanation, category, subcategory, sources, answers, translations);
    }

    private Answer answer(Fields fields) {
        String text = fields.requiredText("answer");
        Fields answer = fields.about(fields.subject() + ", answer '" + (text == null ? fields.path() : text) + "'");
        String nextQuestionId = answer.optionalText("nextQuestionId");
        String nextConclusionId = answer.optionalText("nextConclusionId");
        if (nextQuestionId != null && nextConclusionId != null) {
            answer.error("nextConclusionId", "an answer leads to a question or a conclusion, not both");
        }
        target(answer, nextQuestionId != null ? "nextQuestionId" : "nextConclusionId", nextQuestionId, nextConclusionId);
        List<String> labels = answer.texts("labels");
        String subresult = answer.optionalText("subresult");
        Map<String, String> translations = answer.translations("answer", "subresult");
        List<Redirect> redirects = new ArrayList<>();
        for (Fields redirectField : answer.objects("redirects", false)) {
            redirects.add(redirect(redirectField));
        }
        if (nextQuestionId == null && nextConclusionId == null && redirects.isEmpty()) {
            answer.error(null, "the answer leads nowhere: give nextQuestionId, nextConclusionId or redirects");
        }
        answer.extensions("an answer", FORMAT_KEYS);
        return new Answer(text, nextQuestionId, nextConclusionId, labels, redirects, subresult, translations);
    }

    private Redirect redirect(Fields redirect) {
        String nextQuestionId = redirect.optionalText("nextQuestionId");
        String nextConclusionId = redirect.optionalText("nextConclusionId");
        if ((nextQuestionId == null) == (nextConclusionId == null)) {
            redirect.error(null, "a redirect needs exactly one of nextQuestionId and nextConclusionId");
        }
        target(redirect, nextQuestionId != null ? "nextQuestionId" : "nextConclusionId", nextQuestionId, nextConclusionId);
        String condition = redirect.requiredText("if");
        redirect.extensions("a redirect", FORMAT_KEYS);
        Redirect read = new Redirect(nextQuestionId, nextConclusionId, condition);
        if (condition != null) {
            try {
                CompiledExpression compiled = LANGUAGE.compile(condition);
                compiled.contextVariables().stream().filter(variable -> !variable.equals("labels")).forEach(variable ->
                        redirect.warning("if", "'" + variable + "' is not available in a redirect (available: labels); jexl reads it as undefined"));
                conditions.put(read, compiled);
            } catch (ExpressionSyntaxException e) {
                redirect.error("if", e.getMessage());
            }
        }
        return read;
    }

    private void target(Fields fields, String key, String questionId, String conclusionId) {
        if (questionId != null || conclusionId != null) {
            targets.add(new Target(fields.subject(), fields.path(key), questionId, conclusionId));
        }
    }

    private Conclusion conclusion(Fields fields) {
        String id = fields.requiredText("conclusionId");
        Fields conclusion = fields.about(id == null ? "conclusion at " + fields.path() : "conclusion " + id);
        return new Conclusion(id, conclusion.requiredText("conclusion"), conclusion.optionalText("obligation"),
                conclusion.optionalText("explanation"), sources(conclusion),
                conclusion.translations("conclusion", "obligation", "explanation"),
                conclusion.extensions("a conclusion", FORMAT_KEYS));
    }

    private List<Source> sources(Fields fields) {
        List<Source> sources = new ArrayList<>();
        for (Fields source : fields.objects("sources", false)) {
            sources.add(new Source(source.requiredText("source"), source.optionalText("url"), source.translations("source")));
            source.extensions("a source", FORMAT_KEYS);
        }
        return sources;
    }

    /** Everything reachable from the first question along answers and redirects; the rest is probably a mistake. */
    private void warnAboutUnreachable(List<Question> questions, List<Conclusion> conclusions) {
        Map<String, Question> byId = new LinkedHashMap<>();
        questions.forEach(question -> byId.put(question.questionId(), question));
        Set<String> reachedQuestions = new HashSet<>();
        Set<String> reachedConclusions = new HashSet<>();
        Deque<String> toVisit = new ArrayDeque<>(List.of(questions.get(0).questionId()));
        while (!toVisit.isEmpty()) {
            String id = toVisit.pop();
            if (!reachedQuestions.add(id)) {
                continue;
            }
            for (Answer answer : byId.get(id).answers()) {
                List<String[]> ways = new ArrayList<>();
                ways.add(new String[] {answer.nextQuestionId(), answer.nextConclusionId()});
                answer.redirects().forEach(redirect -> ways.add(new String[] {redirect.nextQuestionId(), redirect.nextConclusionId()}));
                for (String[] way : ways) {
                    if (way[0] != null) {
                        toVisit.push(way[0]);
                    }
                    if (way[1] != null) {
                        reachedConclusions.add(way[1]);
                    }
                }
            }
        }
        questions.stream().filter(question -> !reachedQuestions.contains(question.questionId())).forEach(question ->
                problems.warning("question " + question.questionId(), "", "no path leads to this question"));
        conclusions.stream().filter(conclusion -> !reachedConclusions.contains(conclusion.conclusionId())).forEach(conclusion ->
                problems.warning("conclusion " + conclusion.conclusionId(), "", "no path leads to this conclusion"));
    }
}
