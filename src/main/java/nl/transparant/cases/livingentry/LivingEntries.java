package nl.transparant.cases.livingentry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.CaseEvents;
import nl.transparant.cases.CaseEvents.ChangeStarted;
import nl.transparant.cases.CaseEvents.ReReviewRescheduled;
import nl.transparant.cases.CaseEvents.RetirementRequested;
import nl.transparant.cases.CaseRepository;
import nl.transparant.cases.CaseStage;
import nl.transparant.cases.Cases;
import nl.transparant.cases.PublishedEntryLookup;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.problems.ConflictException;
import nl.transparant.problems.FieldProblem;
import nl.transparant.problems.ForbiddenException;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.problems.PlainText;
import nl.transparant.screening.ScreeningRecord;
import nl.transparant.screening.Screenings;
import nl.transparant.workflow.livingentry.EntryRetirementProcess;
import nl.transparant.workflow.livingentry.EntryUpkeepProcess;
import nl.transparant.workflow.livingentry.LivingEntryEvents.RetirementApproved;
import nl.transparant.workflow.review.ReviewEvents.CaseStageReached;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A published entry lives on (the lifecycle's last step): its owner changes it through the review again, asks to
 * retire it, and re-reviews it periodically. A release (the first, or of a change) plans a new re-review; a change or
 * a retirement request holds the pending one, which comes back as it was when the entry becomes published again
 * without a new version (a refused retirement, a change that the review turned down); a retirement drops it.
 */
@Service
@Transactional
public class LivingEntries {

    static final int MAX_REASON = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The kind of the screening records that hold a DPIA (as the DPIA task records it). */
    private static final String DPIA = "dpia";

    private final CaseRepository cases;
    private final Cases access;
    private final PublishedEntryLookup publishedEntries;
    private final EntryUpkeepProcess upkeep;
    private final EntryRetirementProcess retirement;
    private final Screenings screenings;
    private final Path policyFile;
    private final ApplicationEventPublisher events;

    LivingEntries(CaseRepository cases, Cases access, PublishedEntryLookup publishedEntries, EntryUpkeepProcess upkeep,
            EntryRetirementProcess retirement,
            Screenings screenings, @Value("${transparant.re-review-policy:${transparant.policies-dir}/re-review.yaml}") Path policyFile,
            ApplicationEventPublisher events) {
        this.cases = cases;
        this.access = access;
        this.publishedEntries = publishedEntries;
        this.upkeep = upkeep;
        this.retirement = retirement;
        this.screenings = screenings;
        this.policyFile = policyFile;
        this.events = events;
        ReReviewPolicy.read(policyFile); // a broken policy stops the start, not a publisher's release later
    }

    /**
     * The owner starts a change of the published entry: the fields become editable, and submitting them starts the
     * review again. The public keeps seeing the published version until the change is released.
     */
    public AlgorithmCase startChange(StaffUser owner, String caseId) {
        AlgorithmCase entry = publishedEntryOf(owner, caseId, "Only a project owner of the organisation can change its entry.",
                "problem.living.changeNotOwner");
        holdReReview(entry);
        entry.startChange();
        events.publishEvent(new ChangeStarted(entry.getId(), ownerActing(owner, entry), entry.getPublishedVersions()));
        return entry;
    }

    /**
     * The owner asks to take the algorithm out of use from {@code endDate} (a month, {@code 2026-12}, or a day of it)
     * for {@code reason}; a register publisher who did not ask decides in {@code processes/entry-retirement.bpmn}.
     */
    public AlgorithmCase requestRetirement(StaffUser owner, String caseId, String endDate, String reason) {
        AlgorithmCase entry = publishedEntryOf(owner, caseId, "Only a project owner of the organisation can ask to retire its entry.",
                "problem.living.retireNotOwner");
        List<FieldProblem> problems = new ArrayList<>();
        YearMonth month = endMonth(endDate, problems);
        String text = reason(reason, "problem.retirement.reason", problems);
        if (month != null) {
            beginMonth(entry).filter(month::isBefore).ifPresent(begin -> problems.add(FieldProblem.of("endDate",
                    "problem.retirement.endDate.beforeBegin", begin.toString())));
        }
        if (!problems.isEmpty()) {
            throw InvalidInputException.of("problem.retirement.invalid", problems);
        }
        holdReReview(entry);
        String instance = retirement.start(owner, entry.getId(), entry.getOrganisationCode(), month.toString(), text);
        events.publishEvent(new RetirementRequested(entry.getId(), ownerActing(owner, entry), month.toString(), text, instance));
        return entry;
    }

    /**
     * A project owner or privacy officer of the organisation moves the entry's next re-review to {@code due} (a day,
     * {@code 2027-03-01}; the re-review falls due that day at the policy's hour) for {@code reason}. Only while it is
     * planned or the running upkeep waits on its timer: an open task is due now and is completed, not moved. The day lies
     * after today and no further than one interval of {@code policies/re-review.yaml} after the entry was last reviewed
     * ({@link #latestReReviewDay(ReReviewPolicy, String)}), so a legal re-review cannot be put off indefinitely, and is not the
     * day it already has (a 400 naming {@code due}); each move is recorded with the date it had and the reason.
     */
    public AlgorithmCase rescheduleReReview(StaffUser user, String caseId, String due, String reason) {
        if (!mayReschedule(user)) {
            throw new ForbiddenException("Only a project owner or a privacy officer of the organisation can move its entry's re-review.",
                    "problem.living.rescheduleNotAllowed");
        }
        AlgorithmCase entry = publishedEntry(user, caseId, "problem.reReview.retired", "problem.reReview.notPublished");
        ReReviewPolicy policy = policy();
        List<FieldProblem> problems = new ArrayList<>();
        Optional<LocalDate> planned = upkeep.nextReReview(entry.getId()).map(ReReviewPolicy::dayOf);
        LocalDate day = reReviewDay(due, latestReReviewDay(policy, entry.getId()), planned, problems);
        String text = reason(reason, "problem.reReview.reason", problems);
        if (!problems.isEmpty()) {
            throw InvalidInputException.of("problem.reReview.invalid", problems);
        }
        if (upkeep.reReviewTaskOpen(entry.getId())) {
            throw ConflictException.of("problem.reReview.taskOpen");
        }
        Instant moment = policy.dueOn(day);
        Instant previous = upkeep.reschedule(entry.getId(), moment)
                .orElseThrow(() -> ConflictException.of("problem.reReview.notPlanned"));
        if (ReReviewPolicy.dayOf(previous).equals(day)) {
            // two moves to one day at once: the second reads the first one's date under the plan's lock; refused as the
            // check above refuses it, and rolled back with it, so the log holds no move that moved nothing
            throw InvalidInputException.of("problem.reReview.invalid", List.of(unchanged(day)));
        }
        events.publishEvent(new ReReviewRescheduled(entry.getId(), acting(user, entry), previous, moment, text));
        return entry;
    }

    /** Whether the person holds a role that may move a re-review; the case's organisation is checked with the case. */
    static boolean mayReschedule(StaffUser user) {
        return user.has(Role.PROJECT_OWNER) || user.has(Role.PRIVACY_OFFICER);
    }

    /** Whether the owner's re-review task is open: then the re-review is due now and cannot be moved. */
    @Transactional(readOnly = true)
    public boolean reReviewTaskOpen(String caseId) {
        return upkeep.reReviewTaskOpen(caseId);
    }

    /** The latest day the entry's re-review may be moved to today (Dutch time), by the policy as the file now says. */
    LocalDate latestReReviewDay(String caseId) {
        return latestReReviewDay(policy(), caseId);
    }

    /**
     * One interval after the entry was last reviewed as a whole (its latest version published, or an owner's confirmation
     * in a re-review), and never more than one interval from today; or the date the re-review has, if that is later (the
     * DPIA's own date of the next review): moving it earlier is never a postponement. Anchored to the last review, not to today, so moving it again and again cannot put a
     * legal re-review off without end (outside review of the first version, which counted from today).
     */
    private LocalDate latestReReviewDay(ReReviewPolicy policy, String caseId) {
        LocalDate today = LocalDate.now(ReReviewPolicy.NETHERLANDS);
        Optional<Instant> published = publishedEntries.latest(caseId).map(PublishedEntryLookup.PublishedEntryRef::publishedAt);
        Optional<Instant> reviewed = java.util.stream.Stream.of(published, upkeep.lastConfirmed(caseId)).flatMap(Optional::stream)
                .max(Instant::compareTo);
        LocalDate byReview = reviewed.map(at -> at.atZone(ReReviewPolicy.NETHERLANDS).toLocalDate().plus(policy.interval()))
                .orElse(policy.latestMoveOn(today));
        LocalDate cap = policy.latestMoveOn(today);
        LocalDate latest = byReview.isAfter(cap) ? cap : byReview;
        // earlier than the date it has is never a postponement, even where the DPIA set that date beyond the cap
        LocalDate current = upkeep.nextReReview(caseId).map(ReReviewPolicy::dayOf).orElse(latest);
        return current.isAfter(latest) ? current : latest;
    }

    /** When the re-review held by a running change or retirement was due; empty when none is held. */
    @Transactional(readOnly = true)
    public Optional<Instant> heldReReview(StaffUser user, String caseId) {
        return upkeep.held(access.read(user, caseId).getId());
    }

    /** When the entry's next re-review is due; empty when none is planned (not published, or being changed or retired). */
    @Transactional(readOnly = true)
    public Optional<Instant> nextReReview(StaffUser user, String caseId) {
        return upkeep.nextReReview(access.read(user, caseId).getId());
    }

    /** A publisher approved the retirement: the case says what the register's new version will say. */
    @EventListener
    void on(RetirementApproved approved) {
        AlgorithmCase entry = cases.findById(approved.caseId())
                .orElseThrow(() -> new IllegalStateException("Retired case " + approved.caseId() + " does not exist"));
        entry.retired(EntryRetired.STATUS, approved.endDate());
        events.publishEvent(new EntryRetired(entry.getId(), entry.getOrganisationCode(), approved.endDate(), approved.reason(),
                approved.requestedBy(), approved.approvedBy()));
    }

    /**
     * The process made the case published again, or ended a change of a published entry without a release (the
     * review rejected or stopped it: {@link AlgorithmCase#moveTo} keeps such a case published): its re-review is planned,
     * the held one if no new version came; a retired entry's is dropped.
     */
    @EventListener
    void on(CaseStageReached reached) {
        CaseStage stage = CaseStage.valueOf(reached.stage());
        if (stage == CaseStage.RETIRED) {
            upkeep.drop(reached.caseId());
            return;
        }
        if (stage != CaseStage.PUBLISHED && stage != CaseStage.REJECTED && stage != CaseStage.STOPPED) {
            return;
        }
        cases.findById(reached.caseId()).filter(AlgorithmCase::isPublishedEntry).ifPresent(entry -> {
            ReReviewPolicy policy = policy();
            // published again without a new version (a refused retirement, a change turned down): nobody checked the
            // entry, so the re-review that was pending comes back as it was, an overdue one at once
            Instant due = upkeep.heldDue(entry.getId(), entry.getPublishedVersions()).orElseGet(() ->
                    policy.firstDue(LocalDate.now(ReReviewPolicy.NETHERLANDS), dpiaReviewDate(entry.getId(), policy)));
            upkeep.plan(entry.getId(), entry.getOrganisationCode(), due, policy.interval());
        });
    }

    /** A change or retirement starts: the pending re-review waits for its outcome ({@link EntryUpkeepProcess#hold}). */
    private void holdReReview(AlgorithmCase entry) {
        upkeep.hold(entry.getId(), entry.getOrganisationCode(), entry.getPublishedVersions(), policy().interval());
    }

    /** The policy as the file now says; read again only when the file has changed (its time or size). */
    private ReReviewPolicy policy() {
        PolicyAsRead last = policyAsRead;
        try {
            java.nio.file.attribute.BasicFileAttributes now = java.nio.file.Files.readAttributes(policyFile,
                    java.nio.file.attribute.BasicFileAttributes.class);
            if (last != null && last.modified().equals(now.lastModifiedTime()) && last.size() == now.size()) {
                return last.policy();
            }
            ReReviewPolicy read = ReReviewPolicy.read(policyFile);
            policyAsRead = new PolicyAsRead(now.lastModifiedTime(), now.size(), read);
            return read;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot read the re-review policy " + policyFile, e);
        }
    }

    /**
     * The policy file as last read. Parsing its YAML at every release was a visible part of a publication's time
     * (issue 14); a stat of the file is not, and an edit still counts from the next release on.
     */
    private record PolicyAsRead(java.nio.file.attribute.FileTime modified, long size, ReReviewPolicy policy) {
    }

    private volatile PolicyAsRead policyAsRead;

    /** The answer to the DPIA's "date of the next review" in the case's latest DPIA, if it holds a date. */
    private Optional<LocalDate> dpiaReviewDate(String caseId, ReReviewPolicy policy) {
        return screenings.all(caseId).stream()
                .filter(record -> DPIA.equals(record.getKind()))
                .max(Comparator.comparing(ScreeningRecord::getRecordedAt))
                .flatMap(record -> {
                    try {
                        String answer = JSON.readTree(record.getAnswers()).path("answers").path(policy.dpiaReviewDateQuestion()).asText("");
                        return Optional.of(LocalDate.parse(answer.length() > 10 ? answer.substring(0, 10) : answer));
                    } catch (JsonProcessingException | DateTimeParseException e) {
                        return Optional.empty();
                    }
                });
    }

    private AlgorithmCase publishedEntryOf(StaffUser owner, String caseId, String notOwner, String notOwnerKey) {
        if (!owner.has(Role.PROJECT_OWNER)) {
            throw new ForbiddenException(notOwner, notOwnerKey);
        }
        return publishedEntry(owner, caseId, "problem.living.retired", "problem.living.notPublished");
    }

    /**
     * The case, if the person's organisation has it (else 404) and it is published with nothing else under way (else 409,
     * {@code retiredKey} or {@code notPublishedKey} with the stage).
     */
    private AlgorithmCase publishedEntry(StaffUser user, String caseId, String retiredKey, String notPublishedKey) {
        AlgorithmCase entry = access.read(user, caseId);
        if (!entry.isPublishedEntry() || entry.getStage() != CaseStage.PUBLISHED) {
            // the stage by its name in the reader's language, never its code (outside tester: "this case is PRE_SCAN")
            throw entry.getStage() == CaseStage.RETIRED ? ConflictException.of(retiredKey)
                    : ConflictException.of(notPublishedKey, nl.transparant.problems.Wording.of("stage." + entry.getStage().name()));
        }
        return entry;
    }

    /** A reason as people write it: required, plain text (no markup), at most {@link #MAX_REASON} characters. */
    private static String reason(String reason, String missingKey, List<FieldProblem> problems) {
        // line breaks as one character, as the browser counted them against the form's limit
        String text = reason == null ? "" : reason.replace("\r\n", "\n").strip();
        if (!PlainText.hasVisibleText(text)) {
            problems.add(FieldProblem.of("reason", missingKey));
        } else if (text.length() > MAX_REASON) {
            problems.add(FieldProblem.of("reason", "problem.text.tooLong", MAX_REASON));
        } else if (PlainText.containsMarkup(text)) {
            problems.add(FieldProblem.of("reason", "problem.text.markup"));
        }
        return text;
    }

    /**
     * The day a re-review is moved to: a date ({@code 2027-03-01}) after today, not after {@code latest}, and not the day it
     * is {@code planned} for already: such a move would change nothing, yet be logged as a move with its reason.
     */
    private static LocalDate reReviewDay(String due, LocalDate latest, Optional<LocalDate> planned, List<FieldProblem> problems) {
        LocalDate day;
        try {
            day = LocalDate.parse(due == null ? "" : due.strip());
        } catch (DateTimeException e) {
            problems.add(FieldProblem.of("due", "problem.reReview.due"));
            return null;
        }
        if (!day.isAfter(LocalDate.now(ReReviewPolicy.NETHERLANDS))) {
            problems.add(FieldProblem.of("due", "problem.reReview.due.notAfterToday"));
        } else if (day.isAfter(latest)) {
            problems.add(FieldProblem.of("due", "problem.reReview.due.tooLate", latest.toString()));
        } else if (planned.filter(day::equals).isPresent()) {
            problems.add(unchanged(day));
        }
        return day;
    }

    private static FieldProblem unchanged(LocalDate day) {
        return FieldProblem.of("due", "problem.reReview.due.unchanged", day.toString());
    }

    /** The month the algorithm stops: {@code 2026-12} as the standard writes it, or a day within it; not after this month. */
    private static YearMonth endMonth(String endDate, List<FieldProblem> problems) {
        String text = endDate == null ? "" : endDate.strip();
        YearMonth month = null;
        try {
            month = text.length() == 7 ? YearMonth.parse(text) : YearMonth.from(LocalDate.parse(text));
        } catch (DateTimeException e) {
            problems.add(FieldProblem.of("endDate", "problem.retirement.endDate"));
            return null;
        }
        if (month.isAfter(YearMonth.now(ReReviewPolicy.NETHERLANDS))) {
            problems.add(FieldProblem.of("endDate", "problem.retirement.endDate.future"));
            return null;
        }
        return month;
    }

    private static Optional<YearMonth> beginMonth(AlgorithmCase entry) {
        Object begin = entry.getRegisterFields().get("begin_date");
        try {
            return begin == null ? Optional.empty() : Optional.of(YearMonth.parse(begin.toString().strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The role a re-review is moved in: project owner when the person is one, else privacy officer. */
    private static CaseEvents.Actor acting(StaffUser user, AlgorithmCase algorithmCase) {
        Role role = user.has(Role.PROJECT_OWNER) ? Role.PROJECT_OWNER : Role.PRIVACY_OFFICER;
        return new CaseEvents.Actor(user.id(), role.roleName(), algorithmCase.getOrganisationCode());
    }

    private static CaseEvents.Actor ownerActing(StaffUser owner, AlgorithmCase algorithmCase) {
        return new CaseEvents.Actor(owner.id(), Role.PROJECT_OWNER.roleName(), algorithmCase.getOrganisationCode());
    }
}
