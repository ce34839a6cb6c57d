package nl.transparant.obligations;

import java.util.Locale;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.CasePageSection;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** The obligations checklist on the case page, by lifecycle phase, with the owner's form per measure. */
@Component
class ObligationsCaseSection implements CasePageSection {

    private final Obligations obligations;
    private final EuDatabaseRegistrations registrations;

    ObligationsCaseSection(Obligations obligations, EuDatabaseRegistrations registrations) {
        this.obligations = obligations;
        this.registrations = registrations;
    }

    /**
     * @param canEdit              a project owner of the case's organisation, while the case is not closed
     * @param euRegistrationNeeded the case is a high-risk Annex III system the organisation deploys
     */
    record ObligationsPanel(Obligations.Checklist checklist, boolean canEdit, boolean euRegistrationNeeded, boolean euRegistrationConfirmed,
            java.util.List<String> statuses) {
    }

    @Override
    public void addTo(StaffUser user, AlgorithmCase c, Model model, Locale locale) {
        Obligations.Checklist checklist = obligations.checklistOf(c);
        boolean needed = checklist.profile().highRiskDeployer();
        model.addAttribute("obligations", new ObligationsPanel(checklist, user.has(Role.PROJECT_OWNER) && !c.getStage().closed(), needed,
                needed && registrations.confirmed(c.getId()), Obligations.STATUSES));
    }
}
