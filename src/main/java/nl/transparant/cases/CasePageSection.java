package nl.transparant.cases;

import java.util.List;
import java.util.Locale;
import nl.transparant.identity.StaffUser;
import org.springframework.ui.Model;

/**
 * A part of the case page that another module, or a sub-package of this one, owns (such as the ethics committee's
 * votes, or the questionnaires): it adds what it shows to the model, and the case template renders it. Lets that
 * part build on {@code cases} without {@code cases} depending on it.
 *
 * <p>A section may also put a questionnaire into the form of the open tasks that ask for one
 * ({@link #questionnaires()}). That is more than adding to the model: the case page reads the posted form, keeps a
 * draft and completes the task, so it needs the questionnaire's answers back, not only its view.
 */
public interface CasePageSection {

    void addTo(StaffUser user, AlgorithmCase algorithmCase, Model model, Locale locale);

    /**
     * The questionnaires this section puts into task forms, each for the tasks whose {@code assessment} it names; none
     * by default. When a posted form carries the inputs of more than one, the first of them in this order counts.
     */
    default List<TaskQuestionnaire> questionnaires() {
        return List.of();
    }
}
