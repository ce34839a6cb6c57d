package nl.transparant.cases.questionnaire;

import java.util.List;
import java.util.Locale;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.CasePageSection;
import nl.transparant.cases.TaskQuestionnaire;
import nl.transparant.identity.StaffUser;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The questionnaires' part of the case page: what the case's last pre-scan, DPIA and IAMA concluded, and the
 * questions of each in the form of the task that asks for it.
 */
@Component
class QuestionnaireSection implements CasePageSection {

    private final PreScanOutcome preScanOutcome;
    private final DpiaOutcome dpiaOutcome;
    private final IamaOutcome iamaOutcome;
    private final List<TaskQuestionnaire> questionnaires;

    QuestionnaireSection(PreScanOutcome preScanOutcome, DpiaOutcome dpiaOutcome, IamaOutcome iamaOutcome, PreScanForm preScan,
            DpiaForm dpia, IamaForm iama) {
        this.preScanOutcome = preScanOutcome;
        this.dpiaOutcome = dpiaOutcome;
        this.iamaOutcome = iamaOutcome;
        // the order in which a posted form's inputs are read: the pre-scan's first, as the case page always did
        this.questionnaires = List.of(preScan, dpia, iama);
    }

    @Override
    public void addTo(StaffUser user, AlgorithmCase c, Model model, Locale locale) {
        model.addAttribute("preScanOutcome", preScanOutcome.latest(c.getId(), locale).orElse(null));
        model.addAttribute("dpiaOutcome", dpiaOutcome.latest(c.getId(), locale).orElse(null));
        model.addAttribute("iamaOutcome", iamaOutcome.latest(c.getId()).orElse(null));
    }

    @Override
    public List<TaskQuestionnaire> questionnaires() {
        return questionnaires;
    }
}
