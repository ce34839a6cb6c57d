package nl.transparant.register;

import java.util.Locale;
import java.util.Optional;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.CasePageSection;
import nl.transparant.cases.PublishedEntryLookup;
import nl.transparant.identity.StaffUser;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;

/** A published case's way to its public entry: the Algoritme-ID and a link to the register page of its latest version. */
@Component
class PublicEntryCaseSection implements CasePageSection, PublishedEntryLookup {

    private final PublishedEntries entries;

    PublicEntryCaseSection(PublishedEntries entries) {
        this.entries = entries;
    }

    /** @param version the latest published version */
    record PublicEntry(String lars, int version) {
    }

    @Override
    @Transactional(readOnly = true)
    public void addTo(StaffUser user, AlgorithmCase c, Model model, Locale locale) {
        if (!c.isPublishedEntry()) {
            return;
        }
        entries.findFirstByCaseIdOrderByVersionNumberDesc(c.getId())
                .ifPresent(entry -> model.addAttribute("publicEntry", new PublicEntry(entry.getLars(), entry.getVersionNumber())));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<PublishedEntryRef> latest(String caseId) {
        return entries.findFirstByCaseIdOrderByVersionNumberDesc(caseId)
                .map(entry -> new PublishedEntryRef(entry.getLars(), entry.getVersionNumber(), entry.getPublishedAt()));
    }
}
