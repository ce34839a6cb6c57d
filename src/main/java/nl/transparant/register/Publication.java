package nl.transparant.register;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.transparant.cases.CasePublished;
import nl.transparant.cases.livingentry.EntryRetired;
import nl.transparant.organisations.OrganisationDirectory;
import nl.transparant.standard.FieldDefinition;
import nl.transparant.standard.RegisterStandard;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Composes the public register entry when a case is released: the owner's fields as reviewed, plus the
 * fields the review and publication fill in, in the standard's order, as a new immutable version.
 */
@Component
class Publication {

    static final ZoneId NETHERLANDS = ZoneId.of("Europe/Amsterdam");

    private final PublishedEntries entries;
    private final RegisterStandard standard;
    private final OrganisationDirectory organisations;
    private final RegisterListing listing;
    private final ApplicationEventPublisher events;

    Publication(PublishedEntries entries, RegisterStandard standard, OrganisationDirectory organisations, RegisterListing listing,
            ApplicationEventPublisher events) {
        this.entries = entries;
        this.standard = standard;
        this.organisations = organisations;
        this.listing = listing;
        this.events = events;
    }

    @EventListener
    void on(CasePublished published) {
        Instant now = Instant.now();
        var previous = entries.findFirstByCaseIdOrderByVersionNumberDesc(published.caseId());
        String lars = previous.map(PublishedEntry::getLars).orElseGet(() -> newLars(published.caseId()));
        int version = previous.map(p -> p.getVersionNumber() + 1).orElse(1);

        Map<String, Object> composed = new LinkedHashMap<>(published.registerFields());
        composed.put("organization", organisations.nameOf(published.organisationCode()));
        composed.put("publication_category", published.publicationCategory());
        composed.put("lang", "nld");
        composed.put("standard_version", standard.version());
        composed.put("lars", lars);
        composed.put("publication_dt", LocalDate.ofInstant(now, NETHERLANDS).toString());
        composed.put("impacttoetsen_grouping", withAssessments(composed.get("impacttoetsen_grouping"), published.assessmentsPerformed()));

        Map<String, Object> ordered = new LinkedHashMap<>();
        for (FieldDefinition field : standard.fields()) {
            if (composed.containsKey(field.key())) {
                ordered.put(field.key(), composed.get(field.key()));
            }
        }
        save(new PublishedEntry(published.caseId(), lars, version, published.organisationCode(), ordered,
                published.englishFields(), now, published.publishedBy()), NewVersionPublished.Kind.CHANGED);
    }

    /**
     * A retirement was approved: a new version that says what the last one said, except that the algorithm is out of use
     * ({@code status} "Buiten gebruik") since {@code end_date}, published today.
     */
    @EventListener
    void on(EntryRetired retired) {
        PublishedEntry last = entries.findFirstByCaseIdOrderByVersionNumberDesc(retired.caseId())
                .orElseThrow(() -> new IllegalStateException("Case " + retired.caseId() + " has no published entry to retire"));
        Instant now = Instant.now();
        Map<String, Object> fields = last.getFields();
        fields.put("status", EntryRetired.STATUS);
        fields.put("end_date", retired.endDate());
        fields.put("publication_dt", LocalDate.ofInstant(now, NETHERLANDS).toString());
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (FieldDefinition field : standard.fields()) {
            if (fields.containsKey(field.key())) {
                ordered.put(field.key(), fields.get(field.key()));
            }
        }
        save(new PublishedEntry(retired.caseId(), last.getLars(), last.getVersionNumber() + 1, last.getOrganisationCode(), ordered,
                last.getEnglishFields(), now, retired.retiredBy()), NewVersionPublished.Kind.RETIRED);
    }

    /** Stores and lists the version; every version after the first (a change or a retirement) is announced for the audit log. */
    private void save(PublishedEntry entry, NewVersionPublished.Kind kind) {
        PublishedEntry saved = entries.save(entry);
        listing.record(saved);
        events.publishEvent(new RegisterVersionPublished(saved.getLars(), saved.getVersionNumber(), saved.getOrganisationCode(),
                saved.getCaseId()));
        if (saved.getVersionNumber() > 1) {
            events.publishEvent(new NewVersionPublished(saved.getCaseId(), saved.getOrganisationCode(), saved.getLars(),
                    saved.getVersionNumber(), kind, saved.getPublishedBy()));
        }
    }

    /** The review's own assessments become rows of impacttoetsen_grouping, next to any the owner listed. */
    private static List<Map<String, String>> withAssessments(Object ownerRows, List<String> performed) {
        List<Map<String, String>> rows = new ArrayList<>();
        if (ownerRows instanceof Collection<?> existing) {
            for (Object row : existing) {
                if (row instanceof Map<?, ?> map) {
                    Map<String, String> copy = new LinkedHashMap<>();
                    map.forEach((k, v) -> copy.put(String.valueOf(k), String.valueOf(v)));
                    rows.add(copy);
                }
            }
        }
        for (String title : performed) {
            if (rows.stream().noneMatch(r -> title.equals(r.get("title")))) {
                rows.add(new LinkedHashMap<>(Map.of("title", title)));
            }
        }
        return rows;
    }

    /** A stable eight-digit register id per case, as the national register's ids look. */
    private String newLars(String caseId) {
        long candidate = Math.floorMod(caseId.hashCode(), 100_000_000L);
        while (entries.existsByLars(String.format("%08d", candidate))) {
            candidate = (candidate + 1) % 100_000_000L;
        }
        return String.format("%08d", candidate);
    }
}
