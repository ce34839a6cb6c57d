package nl.transparant.cases.livingentry;

import java.time.Instant;
import java.util.Optional;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.CaseStage;
import nl.transparant.cases.Cases;
import nl.transparant.cases.PublishedEntryLookup;
import nl.transparant.identity.StaffUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** Staff API for a published entry's life: change, retirement, re-review; access is decided in {@link LivingEntries}. */
@RestController
@RequestMapping("/api/cases/{id}")
class LivingEntryController {

    private final LivingEntries livingEntries;
    private final Cases cases;
    private final PublishedEntryLookup publishedEntries;

    /** The register's configured public address ({@code transparant.public-url}), never the request's Host header. */
    private final String publicUrl;

    LivingEntryController(LivingEntries livingEntries, Cases cases, PublishedEntryLookup publishedEntries,
            @Value("${transparant.public-url}") String publicUrl) {
        this.livingEntries = livingEntries;
        this.cases = cases;
        this.publishedEntries = publishedEntries;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
    }

    /** Where the entry stands: how many versions are published, and when it is next re-reviewed (null: not planned). */
    @GetMapping("/entry")
    EntryLife entry(StaffUser user, @PathVariable String id) {
        return life(user, cases.read(user, id));
    }

    @PostMapping("/change")
    EntryLife startChange(StaffUser user, @PathVariable String id) {
        return life(user, livingEntries.startChange(user, id));
    }

    @PostMapping("/retirement")
    EntryLife requestRetirement(StaffUser user, @PathVariable String id, @RequestBody RetirementRequest request) {
        return life(user, livingEntries.requestRetirement(user, id, request.endDate(), request.reason()));
    }

    /** Moves the next re-review (project owner or privacy officer); answers where the entry now stands. */
    @PutMapping("/re-review")
    EntryLife rescheduleReReview(StaffUser user, @PathVariable String id, @RequestBody ReReviewMove move) {
        return life(user, livingEntries.rescheduleReReview(user, id, move.due(), move.reason()));
    }

    /**
     * @param due    the day the re-review falls due, {@code 2027-03-01}: after today, at most one re-review interval ahead
     * @param reason why it moves, plain text
     */
    record ReReviewMove(String due, String reason) {
    }

    /** @param endDate the month the algorithm stops being used, {@code 2026-12} (or a date within it) */
    record RetirementRequest(String endDate, String reason) {
    }

    /**
     * @param lars      the Algoritme-ID of the published entry; null for a case never published
     * @param publicUrl the public register's page of the entry (its latest version); null for a case never published
     * @param heldReReview when the re-review that a running change or retirement holds was due (it comes back if the entry
     *                     is published again without a new version); null when none is held
     */
    record EntryLife(String caseId, CaseStage stage, int publishedVersions, Instant nextReReview, Instant heldReReview, long version,
            String lars, String publicUrl) {
    }

    private EntryLife life(StaffUser user, AlgorithmCase c) {
        Optional<PublishedEntryLookup.PublishedEntryRef> published = publishedEntries.latest(c.getId());
        return new EntryLife(c.getId(), c.getStage(), c.getPublishedVersions(), livingEntries.nextReReview(user, c.getId()).orElse(null),
                livingEntries.heldReReview(user, c.getId()).orElse(null), c.getVersion(), published.map(PublishedEntryLookup.PublishedEntryRef::lars).orElse(null),
                published.map(p -> UriComponentsBuilder.fromUriString(publicUrl).path("/register/{lars}")
                        .buildAndExpand(p.lars()).toUriString()).orElse(null));
    }
}
