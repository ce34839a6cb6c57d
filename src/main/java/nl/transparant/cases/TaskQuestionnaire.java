package nl.transparant.cases;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import nl.transparant.site.FormProblems;
import org.springframework.util.MultiValueMap;

/**
 * A questionnaire in the form of a task that asks for one (the task's BPMN property {@code assessment}), contributed
 * by a {@link CasePageSection}: the case page shows its questions, reads them back from the posted form, keeps them
 * as a draft and sends them in with the task, without knowing which questionnaire it is.
 */
public interface TaskQuestionnaire {

    /** The value of the BPMN property {@code assessment} on the tasks whose form asks this questionnaire. */
    String assessment();

    /** This questionnaire's inputs in a posted task form; {@link Answers#posted()} is false when it has none of them. */
    Answers read(MultiValueMap<String, String> form);

    /** Answers saved earlier (a draft, or those last sent in), as the form shows them again. */
    Answers saved(Map<String, Object> answers);

    /** Nothing typed yet: the form shows the definition's defaults. */
    Answers none();

    /** What the answers conclude so far (levels and the criteria that fired), not recorded. */
    ResultSoFar resultSoFar(String caseId, Map<String, Object> answers, Locale locale);

    /** The answers a person typed into (or saved for) this questionnaire. */
    interface Answers {

        /** Whether the posted form carried any of the questionnaire's inputs. */
        boolean posted();

        /**
         * The answers as the task's completion takes them.
         *
         * @param caseId the case's id, asked only by a questionnaire whose questions depend on the case (the version
         *               of the definition the case keeps), so that the others read no case
         */
        Map<String, Object> forCompletion(Supplier<String> caseId);

        /**
         * The questions with these answers in the form of one task.
         *
         * @param prefix the task's id prefix, so two task forms on a page never share an id
         */
        Questions questions(String caseId, String prefix, FormProblems problems, Locale locale);
    }

    /**
     * The questions of one task's form, as the case template renders them: {@code ~{template :: questions(view)}}.
     *
     * @param view    what the template's fragment shows; only the template reads it
     * @param summary the error summary's line for a problem with this key and these messages, linked to its question;
     *                empty when the problem is not about these answers
     */
    record Questions(String template, Object view, BiFunction<String, List<String>, Optional<FormProblems.SummaryItem>> summary) {

        Optional<FormProblems.SummaryItem> summaryItem(String key, List<String> messages) {
            return summary.apply(key, messages);
        }
    }

    /**
     * What the answers typed so far conclude, as the case template shows it (the fragment {@code cases/resultsofar}).
     *
     * @param results            the conclusion of each assessment; null when the answers tell nothing yet
     * @param residualDifference for a DPIA: the declared residual risk where it differs from the risk matrix; else null
     */
    record ResultSoFar(List<?> results, Object residualDifference) {

        public static final ResultSoFar NONE = new ResultSoFar(null, null);
    }
}
