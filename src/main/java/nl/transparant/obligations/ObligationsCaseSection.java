package nl.transparant.obligations;

import java.util.List;
import java.util.Locale;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.CasePageSection;
import nl.transparant.cases.Cases;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The obligations checklist on the case page, by lifecycle phase, with the owner's form per measure and the changes
 * of the catalogue waiting for the owner; the auditor's case view shows the same, read-only ({@link #readOnly}).
 */
@Component("obligationsPanels")
public class ObligationsCaseSection implements CasePageSection {

    private final Obligations obligations;
    private final EuDatabaseRegistrations registrations;
    private final ObligationsUpkeep upkeep;
    private final Cases cases;

    ObligationsCaseSection(Obligations obligations, EuDatabaseRegistrations registrations, ObligationsUpkeep upkeep, Cases cases) {
        this.obligations = obligations;
        this.registrations = registrations;
        this.upkeep = upkeep;
        this.cases = cases;
    }

    /**
     * @param canEdit              a project owner of the case's organisation, while the case is not rejected, stopped or retired
     * @param euRegistrationNeeded the case is a high-risk Annex III system the organisation deploys
     * @param notices              changed items of the catalogue the owner has not looked at yet
     * @param risksDraft           a text for the register field {@code risks} from the measures done, for the owner to edit
     * @param impactDraft          a text for the register field {@code impacttoetsen} from the recorded DPIA and IAMA
     */
    public record ObligationsPanel(Obligations.Checklist checklist, boolean canEdit, boolean euRegistrationNeeded,
            boolean euRegistrationConfirmed, List<ObligationsUpkeep.Notice> notices, List<String> statuses, String risksDraft,
            String impactDraft) {
    }

    @Override
    public void addTo(StaffUser user, AlgorithmCase c, Model model, Locale locale) {
        model.addAttribute("obligations", panel(c, user.has(Role.PROJECT_OWNER) && !Obligations.ended(c)));
    }

    /** For the auditor's case view: everything the owner sees, without the forms. */
    public ObligationsPanel readOnly(StaffUser user, String caseId) {
        return panel(cases.read(user, caseId), false);
    }

    private ObligationsPanel panel(AlgorithmCase c, boolean canEdit) {
        Obligations.Checklist checklist = obligations.checklistOf(c);
        boolean needed = checklist.profile().highRiskDeployer();
        return new ObligationsPanel(checklist, canEdit, needed, needed && registrations.confirmed(c.getId()), upkeep.open(c.getId()),
                Obligations.STATUSES, canEdit ? risksDraft(checklist) : "", canEdit ? impactDraft(c.getId()) : "");
    }

    /** Each measure done, with what the owner recorded as evidence: what the organisation does about its risks. */
    static String risksDraft(Obligations.Checklist checklist) {
        return checklist.measures().stream().filter(m -> "done".equals(m.state().status()))
                .map(m -> "- " + m.measure().name() + (m.state().evidenceText() == null ? "" : ": " + m.state().evidenceText()))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    private String impactDraft(String caseId) {
        return java.util.stream.Stream.of(registrations.dpiaDraft(caseId), registrations.friaDraft(caseId)).filter(t -> !t.isEmpty())
                .collect(java.util.stream.Collectors.joining("\n"));
    }
}
