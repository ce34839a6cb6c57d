package nl.transparant.cases;

import java.util.Locale;
import nl.transparant.identity.StaffUser;
import org.springframework.ui.Model;

/**
 * A part of the case page that another module owns (such as the ethics committee's votes): it adds what it shows to
 * the model, and the case template renders it. Lets that module build on {@code cases} without {@code cases}
 * depending on it.
 */
public interface CasePageSection {

    void addTo(StaffUser user, AlgorithmCase algorithmCase, Model model, Locale locale);
}
