package nl.transparant.cases.livingentry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.CasePageSection;
import nl.transparant.cases.CaseStage;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.workflow.livingentry.EntryRetirementProcess;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The published entry's part of the case page: its versions, the next re-review, the owner's change and retirement forms,
 * and the form that moves the re-review.
 */
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
     * @param canMoveReReview whether this person may move the next re-review now: a project owner or privacy officer of
     *                     the organisation, while the entry is published and its re-review planned, not yet due
     * @param earliestReReview the first day the re-review may be moved to (tomorrow); null when it cannot be moved
     * @param latestReReview the last day it may be moved to (one policy interval ahead); null when it cannot be moved
     */
    record LivingEntryPanel(String caseId, CaseStage stage, int publishedVersions, Instant nextReReview, Instant heldReReview, boolean canAct,
            EntryRetirementProcess.Request retirement, boolean canMoveReReview, LocalDate earliestReReview, LocalDate latestReReview) {
    }

    @Override
    public void addTo(StaffUser user, AlgorithmCase c, Model model, Locale locale) {
        if (!c.isPublishedEntry()) {
            return;
        }
        Instant nextReReview = livingEntries.nextReReview(user, c.getId()).orElse(null);
        // an open task is due now: the owner completes it, nobody moves it
        boolean canMoveReReview = LivingEntries.mayReschedule(user) && c.getStage() == CaseStage.PUBLISHED && nextReReview != null
                && !livingEntries.reReviewTaskOpen(c.getId());
        model.addAttribute("living", new LivingEntryPanel(c.getId(), c.getStage(), c.getPublishedVersions(), nextReReview,
                nextReReview == null ? livingEntries.heldReReview(user, c.getId()).orElse(null) : null,
                user.has(Role.PROJECT_OWNER) && c.getStage() == CaseStage.PUBLISHED,
                c.getStage() == CaseStage.RETIREMENT_REVIEW ? retirement.pendingRequest(c.getId()).orElse(null) : null,
                canMoveReReview, canMoveReReview ? LocalDate.now(ReReviewPolicy.NETHERLANDS).plusDays(1) : null,
                canMoveReReview ? livingEntries.latestReReviewDay(c.getId()) : null));
    }
}
