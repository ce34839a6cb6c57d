package nl.transparant.assessment;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A decision tree in the shape of the government's AI Act decision aid (MinBZK/ai-verordening-beslishulp):
 * questions whose answers lead to a next question or a conclusion, add labels, and may redirect by
 * expressions over the labels collected so far, such as {@code "aanbieder" in labels}. The first question is
 * where a walk starts. Translations written as {@code <field>_<language>} (e.g. {@code question_en}) are kept
 * in each record's {@code translations} by that key.
 */
public record DecisionTree(DecisionTreeId id, String name, String description, String sourceFile,
        List<Question> questions, List<Conclusion> conclusions, Map<String, String> translations) {

    public DecisionTree {
        questions = List.copyOf(questions);
        conclusions = List.copyOf(conclusions);
    }

    public Optional<Question> question(String questionId) {
        return questions.stream().filter(question -> question.questionId().equals(questionId)).findFirst();
    }

    public Optional<Conclusion> conclusion(String conclusionId) {
        return conclusions.stream().filter(conclusion -> conclusion.conclusionId().equals(conclusionId)).findFirst();
    }

    public record Question(String questionId, String question, String explanation, String category, String subcategory,
            List<Source> sources, List<Answer> answers, Map<String, String> translations) {

        public Question {
            sources = List.copyOf(sources);
            answers = List.copyOf(answers);
        }

        public Optional<Answer> answer(String text) {
            return answers.stream().filter(answer -> answer.answer().equals(text)).findFirst();
        }
    }

    /**
     * A possible answer. The way on: the first redirect whose {@code if} holds, else {@code nextQuestionId} or
     * {@code nextConclusionId}.
     *
     * @param subresult a remark shown with this answer, if any
     */
    public record Answer(String answer, String nextQuestionId, String nextConclusionId, List<String> labels,
            List<Redirect> redirects, String subresult, Map<String, String> translations) {

        public Answer {
            labels = List.copyOf(labels);
            redirects = List.copyOf(redirects);
        }
    }

    /** @param condition the {@code if} expression, over {@code labels} */
    public record Redirect(String nextQuestionId, String nextConclusionId, String condition) {
    }

    /** @param extensions keys the format does not define, as written (the product's {@code aiActClass}) */
    public record Conclusion(String conclusionId, String conclusion, String obligation, String explanation,
            List<Source> sources, Map<String, String> translations, Map<String, Object> extensions) {

        public Conclusion {
            sources = List.copyOf(sources);
        }
    }

    public record Source(String source, String url, Map<String, String> translations) {
    }
}
