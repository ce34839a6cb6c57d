package nl.transparant.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.transparant.cases.CaseEvents.CaseChanged;
import nl.transparant.cases.CaseEvents.CaseCreated;
import nl.transparant.cases.CaseEvents.CaseSubmitted;
import nl.transparant.cases.CaseEvents.EnglishTextsChanged;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.problems.ConflictException;
import nl.transparant.problems.FieldProblem;
import nl.transparant.problems.ForbiddenException;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.problems.NotFoundException;
import nl.transparant.problems.PlainText;
import nl.transparant.screening.Screenings;
import nl.transparant.standard.RegisterFieldsValidator;
import nl.transparant.workflow.review.ReviewEvents.CaseStageReached;
import nl.transparant.workflow.review.ReviewEvents.PublicationReleased;
import nl.transparant.workflow.review.ReviewEvents.SupervisorAdviceRecorded;
import nl.transparant.workflow.review.ReviewEvents.TaskDecided;
import nl.transparant.workflow.review.ReviewProcess;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cases of the organisations a person serves. Project owners create, edit and submit them; every
 * staff role of the same organisation may read them; nobody outside it learns they exist.
 */
@Service
@Transactional
public class Cases {

    static final int MAX_NOTES = 10_000;

    private final CaseRepository cases;
    private final CaseDecisionRepository decisions;
    private final RegisterFieldsValidator fieldsValidator;
    private final ReviewProcess reviewProcess;
    private final ApplicationEventPublisher events;
    private final Screenings screenings;
    private final CaseCreationKeys creationKeys;
    private final nl.transparant.organisations.OrganisationDirectory organisations;
    private final nl.transparant.identity.PeopleNames people;

    Cases(CaseRepository cases, CaseDecisionRepository decisions, RegisterFieldsValidator fieldsValidator,
            ReviewProcess reviewProcess, ApplicationEventPublisher events, Screenings screenings, CaseCreationKeys creationKeys,
            nl.transparant.organisations.OrganisationDirectory organisations, nl.transparant.identity.PeopleNames people) {
        this.people = people;
        this.creationKeys = creationKeys;
        this.organisations = organisations;
        this.cases = cases;
        this.decisions = decisions;
        this.fieldsValidator = fieldsValidator;
        this.reviewProcess = reviewProcess;
        this.events = events;
        this.screenings = screenings;
    }

    public AlgorithmCase create(StaffUser owner, String organisation, Map<String, ?> fields, String internalNotes) {
        return create(owner, organisation, fields, internalNotes, null).created();
    }

    /**
     * A creation that may be sent again: with an {@code Idempotency-Key} (null: none), the same request with the same
     * key answers with the case the first one created (see {@link CaseCreationKeys}).
     */
    public Creation create(StaffUser owner, String organisation, Map<String, ?> fields, String internalNotes, String idempotencyKey) {
        requireRole(owner, Role.PROJECT_OWNER, "Only a project owner can register a case.", "problem.case.registerNotOwner");
        if (idempotencyKey == null) {
            return new Creation(createNew(owner, organisation, fields, internalNotes), false);
        }
        String key = CaseCreationKeys.checked(idempotencyKey);
        String request = CaseCreationKeys.hashOf(organisation, fields, internalNotes);
        Optional<String> earlier = creationKeys.earlierCase(owner.id(), key, request);
        if (earlier.isPresent()) {
            return new Creation(read(owner, earlier.get()), true);
        }
        AlgorithmCase created = createNew(owner, organisation, fields, internalNotes);
        creationKeys.remember(owner.id(), key, request, created.getId());
        return new Creation(created, false);
    }

    /** A case created, or found again for a request sent again with its idempotency key ({@code replayed}). */
    public record Creation(AlgorithmCase created, boolean replayed) {
    }

    private AlgorithmCase createNew(StaffUser owner, String organisation, Map<String, ?> fields, String internalNotes) {
        String organisationCode = organisationFor(owner, organisation);
        // a switched-off organisation keeps what it has but starts nothing new
        if (organisations.findById(organisationCode).map(o -> !o.isActive()).orElse(false)) {
            throw ConflictException.of("problem.case.organisationSwitchedOff", organisationCode);
        }
        AlgorithmCase created = cases.save(new AlgorithmCase(organisationCode, owner.id(), fieldsValidator.clean(fields),
                notes(internalNotes)));
        events.publishEvent(new CaseCreated(created.getId(), ownerActing(owner, created), created.getRegisterFields()));
        return created;
    }

    public AlgorithmCase edit(StaffUser owner, String caseId, Long expectedVersion, Map<String, ?> fields, String internalNotes) {
        AlgorithmCase existing = ownedCase(owner, caseId);
        if (!existing.getStage().editableByOwner()) {
            throw ConflictException.of("problem.case.beingReviewed", stage(existing.getStage()));
        }
        if (expectedVersion == null) {
            throw InvalidInputException.of("problem.case.versionMissing",
                    List.of(FieldProblem.of("version", "problem.field.requiredValue")));
        }
        if (expectedVersion != existing.getVersion()) {
            throw changedMeanwhile(owner, existing, expectedVersion);
        }
        existing.edit(fieldsValidator.clean(fields), notes(internalNotes), owner.id());
        existing.writtenBy(owner.id());
        reviewProcess.authorsChanged(existing.getProcessInstanceId(), existing.getAuthors());
        cases.flush(); // the new version number belongs in the event
        events.publishEvent(new CaseChanged(existing.getId(), ownerActing(owner, existing), existing.getRegisterFields(),
                existing.getVersion()));
        return existing;
    }

    /**
     * The owner's English version of the register texts (all of them at once; an empty map removes them). Checked by the
     * standard's rules like the Dutch texts, editable while the Dutch ones are, and reviewed and published with them.
     */
    public AlgorithmCase editEnglish(StaffUser owner, String caseId, Long expectedVersion, Map<String, ?> englishFields) {
        AlgorithmCase existing = ownedCase(owner, caseId);
        if (!existing.getStage().editableByOwner()) {
            throw ConflictException.of("problem.case.beingReviewed", stage(existing.getStage()));
        }
        if (expectedVersion == null) {
            // a missing version is asked for, as for the Dutch texts; it is no conflict with anyone (outside tester: it
            // said the person had changed the case themselves)
            throw InvalidInputException.of("problem.case.versionMissing",
                    List.of(FieldProblem.of("version", "problem.field.requiredValue")));
        }
        if (expectedVersion != existing.getVersion()) {
            throw changedMeanwhile(owner, existing, expectedVersion);
        }
        existing.editEnglish(fieldsValidator.cleanEnglish(englishFields), owner.id());
        existing.writtenBy(owner.id());
        reviewProcess.authorsChanged(existing.getProcessInstanceId(), existing.getAuthors());
        cases.flush(); // the new version number belongs in the event
        events.publishEvent(new EnglishTextsChanged(existing.getId(), ownerActing(owner, existing), existing.getEnglishFields(),
                existing.getVersion()));
        return existing;
    }

    public AlgorithmCase submit(StaffUser owner, String caseId) {
        AlgorithmCase draft = ownedCase(owner, caseId);
        if (draft.getStage() != CaseStage.DRAFT && draft.getStage() != CaseStage.CHANGE) {
            throw ConflictException.of("problem.case.notSubmittable", stage(draft.getStage()));
        }
        List<FieldProblem> missing = fieldsValidator.missingBeforeSubmission(draft.getRegisterFields());
        if (!missing.isEmpty()) {
            throw InvalidInputException.of("problem.case.fieldsMissing", missing);
        }
        String processInstanceId = draft.getStage() == CaseStage.CHANGE
                ? reviewProcess.startChange(owner, draft.getId(), draft.getOrganisationCode(), draft.getPublishedVersions(), draft.getAuthors())
                : reviewProcess.start(owner, draft.getId(), draft.getOrganisationCode(), draft.getAuthors());
        draft.submitted(owner.id(), processInstanceId);
        // written now, not at the commit: the answer tells the version the case is stored as (an outside tester's edit
        // with the version the submission answered was refused, the stage's change having been written before)
        cases.flush();
        events.publishEvent(new CaseSubmitted(draft.getId(), ownerActing(owner, draft), processInstanceId));
        return draft;
    }

    /**
     * Someone did work on the case that its reviewers judge besides its texts (a measure's status and evidence, the EU
     * database registration): the four-eyes rule counts them as one of its authors, so they do not review, approve or
     * release that work themselves. The running review is told, as when an owner edits the texts.
     */
    public void workedOnBy(String caseId, String person) {
        AlgorithmCase existing = cases.findById(caseId)
                .orElseThrow(() -> NotFoundException.of("problem.notFound.case", caseId));
        if (!existing.getAuthors().contains(person)) {
            existing.writtenBy(person);
            reviewProcess.authorsChanged(existing.getProcessInstanceId(), existing.getAuthors());
        }
    }

    @Transactional(readOnly = true)
    public AlgorithmCase read(StaffUser user, String caseId) {
        return cases.findById(caseId)
                .filter(c -> user.serves(c.getOrganisationCode()) && !user.roles().isEmpty())
                .orElseThrow(() -> NotFoundException.of("problem.notFound.case", caseId));
    }

    /** Like {@link #read}, for callers that also meet tasks without a case here (imported register entries). */
    @Transactional(readOnly = true)
    public java.util.Optional<AlgorithmCase> find(StaffUser user, String caseId) {
        return cases.findById(caseId).filter(c -> user.serves(c.getOrganisationCode()) && !user.roles().isEmpty());
    }

    @Transactional(readOnly = true)
    public List<AlgorithmCase> visibleTo(StaffUser user) {
        if (user.roles().isEmpty() || user.organisations().isEmpty()) {
            return List.of();
        }
        return cases.findByOrganisationCodeInOrderByUpdatedAtDesc(user.organisations());
    }

    @Transactional(readOnly = true)
    public boolean any() {
        return cases.count() > 0;
    }

    /** The decisions on a case, for those who may read the case. */
    @Transactional(readOnly = true)
    public List<CaseDecision> decisions(StaffUser user, String caseId) {
        return decisions.findByCaseIdOrderByDecidedAtAscIdAsc(read(user, caseId).getId());
    }

    /**
     * The send-back an open questionnaire task came from: the case's last decision, when it sent the case back and was
     * made before the task was created (within a second: the engine and the database keep time at different precisions);
     * empty when the task is not a return.
     *
     * @param decisions the case's decisions, oldest first ({@link #decisions})
     */
    public static java.util.Optional<CaseDecision> sentBack(java.time.Instant taskCreated, List<CaseDecision> decisions) {
        if (decisions.isEmpty()) {
            return java.util.Optional.empty();
        }
        CaseDecision last = decisions.get(decisions.size() - 1);
        return SEND_BACK.equals(last.getOutcome()) && (taskCreated == null || !last.getDecidedAt().isAfter(taskCreated.plusSeconds(1)))
                ? java.util.Optional.of(last)
                : java.util.Optional.empty();
    }

    /** The outcome with which a reviewer sends the case back to the one who filled in the step before. */
    public static final String SEND_BACK = "send-back";

    @EventListener
    void on(CaseStageReached reached) {
        cases.findById(reached.caseId()).ifPresent(c -> c.moveTo(CaseStage.valueOf(reached.stage()), reached.closingReason()));
    }

    /**
     * Tasks about a register entry without a case here (an imported entry's problem report) leave no case decision.
     * Whether the case is here is asked with findById, not existsById: the completion's transaction has usually loaded
     * the case already, so this is answered from the persistence context instead of another query.
     */
    @EventListener
    void on(TaskDecided decided) {
        if (cases.findById(decided.caseId()).isPresent()) {
            decisions.save(new CaseDecision(decided.caseId(), decided.activityId(), decided.activityName(), decided.outcome(),
                    decided.rationale(), decided.decidedBy(), decided.decidedRole()));
        }
    }

    /** The supervisor's advice is one of the case's decisions, as the privacy officer recorded it. */
    @EventListener
    void on(SupervisorAdviceRecorded recorded) {
        if (cases.findById(recorded.caseId()).isPresent()) {
            decisions.save(new CaseDecision(recorded.caseId(), recorded.activityId(), recorded.activityName(), "recorded",
                    recorded.advice(), recorded.recordedBy(), recorded.recordedRole()));
        }
    }

    @EventListener
    void on(PublicationReleased released) {
        AlgorithmCase released_ = cases.findById(released.caseId())
                .orElseThrow(() -> new IllegalStateException("Released case " + released.caseId() + " does not exist"));
        released_.published();
        List<String> assessments = new ArrayList<>(List.of("Pre-scan DPIA"));
        if (released.dpiaPerformed()) {
            assessments.add("Data Protection Impact Assessment (DPIA)");
        }
        // the IAMA row stands for the IAMA the owner filled in (recorded with its definition version), not for the route
        if (screenings.latest(released_.getId(), Screenings.IAMA).isPresent()) {
            assessments.add("Impact Assessment Mensenrechten en Algoritmes (IAMA)");
        }
        events.publishEvent(new CasePublished(released_.getId(), released_.getOrganisationCode(), released_.getRegisterFields(),
                released.releasedBy(), released.publicationCategory(), List.copyOf(assessments), released_.getEnglishFields()));
    }

    /**
     * The refusal of a save made from an out-of-date form: who saved the texts meanwhile, by name, or that it was the
     * person themselves (another window or tab), where it said "someone else" for both; unnamed for a case saved before
     * this was kept.
     */
    private ConflictException changedMeanwhile(StaffUser owner, AlgorithmCase existing, long opened) {
        if (opened < 0 || opened > existing.getVersion()) {
            // not a version this case had: nobody changed anything meanwhile (outside tester: it blamed a colleague)
            throw InvalidInputException.of("problem.case.versionUnknown",
                    List.of(FieldProblem.of("version", "problem.case.versionUnknown.field", String.valueOf(opened),
                            String.valueOf(existing.getVersion()))));
        }
        if (!existing.textsChangedSince(opened)) {
            // the case moved on (submitted, sent back) but its texts are as they were: whoever wrote them last did not
            // change anything since the form was read
            return ConflictException.of("problem.case.changedMeanwhile.moved");
        }
        return existing.getTextsChangedBy()
                .map(by -> by.equals(owner.id()) ? ConflictException.of("problem.case.changedMeanwhile.self")
                        : ConflictException.of("problem.case.changedMeanwhile.by", people.name(by)))
                .orElseGet(() -> ConflictException.of("problem.case.changedMeanwhile"));
    }

    private static CaseEvents.Actor ownerActing(StaffUser owner, AlgorithmCase algorithmCase) {
        return new CaseEvents.Actor(owner.id(), Role.PROJECT_OWNER.roleName(), algorithmCase.getOrganisationCode());
    }

    private AlgorithmCase ownedCase(StaffUser owner, String caseId) {
        requireRole(owner, Role.PROJECT_OWNER, "Only a project owner of the organisation can change a case.", "problem.case.changeNotOwner");
        return read(owner, caseId);
    }

    private static void requireRole(StaffUser user, Role role, String message, String messageKey) {
        if (!user.has(role)) {
            throw new ForbiddenException(message, messageKey);
        }
    }

    /** A stage as its label in the reader's language, never as its code. */
    private static org.springframework.context.MessageSourceResolvable stage(CaseStage stage) {
        return new org.springframework.context.support.DefaultMessageSourceResolvable(new String[] {"stage." + stage.name()}, null,
                stage.name());
    }

    private static String organisationFor(StaffUser owner, String requested) {
        if (requested != null && !requested.isBlank()) {
            if (!owner.serves(requested)) {
                throw new ForbiddenException("You do not work for organisation " + PlainText.echoed(requested) + ".");
            }
            return requested;
        }
        if (owner.organisations().size() != 1) {
            throw InvalidInputException.of("problem.case.chooseOrganisation",
                    List.of(FieldProblem.of("organisation", "problem.case.organisation.oneOf", String.join(", ", owner.organisations()))));
        }
        return owner.organisations().iterator().next();
    }

    private static String notes(String internalNotes) {
        if (internalNotes == null || internalNotes.isBlank()) {
            return null;
        }
        String trimmed = nl.transparant.standard.RegisterFieldsValidator.lineBreaks(internalNotes).strip();
        if (trimmed.length() > MAX_NOTES) {
            throw InvalidInputException.of("problem.case.notes.tooLong",
                    List.of(FieldProblem.of("internalNotes", "problem.text.tooLong", MAX_NOTES)));
        }
        if (PlainText.containsMarkup(trimmed)) {
            throw InvalidInputException.of("problem.case.notes.markup",
                    List.of(FieldProblem.of("internalNotes", "problem.text.markup")));
        }
        // held to the register texts' characters: a stop character came in through the form, where the API refused it
        String characters = nl.transparant.standard.RegisterFieldsValidator.characterProblem(trimmed);
        if (characters != null) {
            throw InvalidInputException.of("problem.case.notes.characters", List.of(FieldProblem.of("internalNotes", characters)));
        }
        return trimmed;
    }
}
