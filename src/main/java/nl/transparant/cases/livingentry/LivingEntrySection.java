package nl.transparant.cases.livingentry;

import java.time.Instant;
import java.util.Locale;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.CasePageSection;
import nl.transparant.cases.CaseStage;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.workflow.livingentry.EntryRetirementProcess;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** The published entry's part of the case page: its versions, the next re-review, and the owner's change and retirement forms. */
@Component
class LivingEntrySection implements CasePageSection {

    private final LivingEntries livingEntries;
    private final EntryRetirementProcess retirement;

    LivingEntrySection(LivingEntries livingEntries, EntryRetirementProcess retirement) {
        this.livingEntries = livingEntries;
        this.retirement = retirement;
    }

    /**
     * @param nextReReview when the owner next checks the entry; null while none is planned
     * @param canAct       whether this person may start a change or ask to retire it now: a project owner of the
     *                     organisation, while the entry is published and nothing else is under way
     * @param retirement   what the owner asked while a publisher decides on the retirement; null otherwise
     */
    record LivingEntryPanel(String caseId, CaseStage stage, int publishedVersions, Instant nextReReview, boolean canAct,
            EntryRetirementProcess.Request retirement) {
    }

    @Override
    public void addTo(StaffUser user, AlgorithmCase c, Model model, Locale locale) {
        if (!c.isPublishedEntry()) {
            return;
        }
        model.addAttribute("living", new LivingEntryPanel(c.getId(), c.getStage(), c.getPublishedVersions(),
                livingEntries.nextReReview(user, c.getId()).orElse(null),
                user.has(Role.PROJECT_OWNER) && c.getStage() == CaseStage.PUBLISHED,
                c.getStage() == CaseStage.RETIREMENT_REVIEW ? retirement.pendingRequest(c.getId()).orElse(null) : null));
    }
}
