package nl.transparant.cases.questionnaire;

import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import nl.transparant.cases.TaskQuestionnaire;
import nl.transparant.site.FormProblems;

/**
 * A questionnaire whose form reads what was typed into an input of type {@code I}: what the case page gets back are
 * those inputs bound to this form, so that it can ask for the answers or the questions without knowing the type.
 *
 * @param <I> what the form reads from a post or from saved answers
 */
abstract class FormQuestionnaire<I> implements TaskQuestionnaire {

    private final String assessment;
    private final ResultsSoFar results;

    /** @param assessment the value of the BPMN property {@code assessment} on the tasks this form answers */
    FormQuestionnaire(String assessment, ResultsSoFar results) {
        this.assessment = assessment;
        this.results = results;
    }

    abstract boolean posted(I input);

    /** The answers for the task's completion. */
    abstract Map<String, Object> answers(Supplier<String> caseId, I input);

    abstract Questions questions(String caseId, String prefix, I input, FormProblems problems, Locale locale);

    final Answers bound(I input) {
        return new Bound<>(this, input);
    }

    @Override
    public final String assessment() {
        return assessment;
    }

    @Override
    public final ResultSoFar resultSoFar(String caseId, Map<String, Object> answers, Locale locale) {
        return results.of(caseId, assessment, answers, locale);
    }

    private record Bound<I>(FormQuestionnaire<I> form, I input) implements Answers {

        @Override
        public boolean posted() {
            return form.posted(input);
        }

        @Override
        public Map<String, Object> forCompletion(Supplier<String> caseId) {
            return form.answers(caseId, input);
        }

        @Override
        public Questions questions(String caseId, String prefix, FormProblems problems, Locale locale) {
            return form.questions(caseId, prefix, input, problems, locale);
        }
    }
}
