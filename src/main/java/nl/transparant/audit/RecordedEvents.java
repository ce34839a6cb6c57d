package nl.transparant.audit;

import static nl.transparant.audit.EventMapping.Execution.CURRENT;
import static nl.transparant.audit.EventMapping.Execution.CURRENT_OR_LATEST;
import static nl.transparant.audit.EventMapping.Execution.LATEST;
import static nl.transparant.audit.EventMapping.ordered;
import static nl.transparant.audit.EventMapping.record;
import static nl.transparant.audit.CaseRecord.CASE_CHANGED;
import static nl.transparant.audit.CaseRecord.CASE_CREATED;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import nl.transparant.assessment.PoliciesReloaded;
import nl.transparant.cases.CaseEvents.CaseChanged;
import nl.transparant.cases.CaseEvents.CaseCreated;
import nl.transparant.cases.CaseEvents.CaseSubmitted;
import nl.transparant.cases.CaseEvents.ChangeStarted;
import nl.transparant.cases.CaseEvents.EnglishTextsChanged;
import nl.transparant.cases.CaseEvents.ReReviewRescheduled;
import nl.transparant.cases.CaseEvents.RetirementRequested;
import nl.transparant.cases.CasePublished;
import nl.transparant.cases.livingentry.EntryRetired;
import nl.transparant.ethics.EthicsEvents.EthicsConditionMet;
import nl.transparant.ethics.EthicsEvents.EthicsDecisionReached;
import nl.transparant.ethics.EthicsEvents.EthicsVoteCast;
import nl.transparant.ethics.EthicsVotes;
import nl.transparant.identity.CurrentStaff;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.obligations.ObligationEvents.CatalogueChangeAcknowledged;
import nl.transparant.obligations.ObligationEvents.CatalogueChangeNoticed;
import nl.transparant.obligations.ObligationEvents.EuRegistrationConfirmed;
import nl.transparant.obligations.ObligationEvents.EuRegistrationSaved;
import nl.transparant.obligations.ObligationEvents.MeasureRecorded;
import nl.transparant.organisations.OrganisationChanged;
import nl.transparant.register.NewVersionPublished;
import nl.transparant.register.problemreports.ProblemReportReceived;
import nl.transparant.screening.DpiaAssessed;
import nl.transparant.screening.IamaAssessed;
import nl.transparant.screening.PreScanAssessed;
import nl.transparant.workflow.history.ProcessHistory.ExecutionFacts;
import nl.transparant.workflow.livingentry.LivingEntryEvents.ReReviewConfirmed;
import nl.transparant.workflow.livingentry.LivingEntryEvents.ReReviewDue;
import nl.transparant.workflow.problemreports.ProblemReportHandled;
import nl.transparant.workflow.problemreports.ProblemReportReminded;
import nl.transparant.workflow.review.ReviewEvents.CaseStageReached;
import nl.transparant.workflow.review.ReviewEvents.PolicyEvaluated;
import nl.transparant.workflow.review.ReviewEvents.PriorConsultationRequested;
import nl.transparant.workflow.review.ReviewEvents.PublicationReleased;
import nl.transparant.workflow.review.ReviewEvents.SupervisorAdviceRecorded;
import nl.transparant.workflow.review.ReviewEvents.TaskAssigned;
import nl.transparant.workflow.review.ReviewEvents.TaskDecided;
import nl.transparant.workflow.review.ReviewEvents.TaskDraftSaved;

/**
 * The one table of which module event becomes which decision log record (its type, the word an auditor filters on and
 * {@code audit.eventType.<type>} labels), and from what. A new event that an auditor
 * must see gets a row here (and labels {@code audit.eventType.<type>}); {@code RecordedEventsTest} fails for an event
 * that is published and neither recorded nor listed there as deliberately not recorded.
 */
final class RecordedEvents {

    static final String TASK_DECIDED = "task-decided";

    private static final Map<Class<?>, EventMapping<?>> TABLE = table(List.of(

            // A case and its texts, as its owner wrote them.
            record(CaseCreated.class, CASE_CREATED, CaseCreated::caseId).actedBy(CaseCreated::actor)
                    .payload(e -> ordered("registerFields", e.registerFields())),
            record(CaseChanged.class, CASE_CHANGED, CaseChanged::caseId).actedBy(CaseChanged::actor)
                    .payload(e -> ordered("registerFields", e.registerFields(), "version", e.version())),
            record(EnglishTextsChanged.class, "english-texts-changed", EnglishTextsChanged::caseId).actedBy(EnglishTextsChanged::actor)
                    .payload(e -> ordered("englishFields", e.englishFields(), "version", e.version())),
            record(CaseSubmitted.class, "case-submitted", CaseSubmitted::caseId).in(LATEST).actedBy(CaseSubmitted::actor)
                    .processInstance(CaseSubmitted::processInstanceId)
                    .payload((e, facts) -> ordered("process", facts.process())),

            // Moved by the process; the actor is the person whose action moved it, as the engine knows them.
            record(CaseStageReached.class, "stage-reached", CaseStageReached::caseId).in(CURRENT_OR_LATEST)
                    .definitionInUse((e, facts) -> facts.execution().map(ExecutionFacts::processDefinitionId).orElse(null))
                    .actor((e, facts) -> facts.actingUserId()).activity(CaseStageReached::activityId)
                    .payload((e, facts) -> ordered("stage", e.stage(), "closingReason", e.closingReason(), "process", facts.process())),

            // Published in the engine's completion of the task, just before it: the variables are those the person
            // decided on, as the event carries them.
            record(TaskDecided.class, TASK_DECIDED, TaskDecided::caseId).inOwnOrLatest(TaskDecided::process)
                    .actor(TaskDecided::decidedBy).role(TaskDecided::decidedRole).activity(TaskDecided::activityId)
                    .outcome(TaskDecided::outcome)
                    .payload((e, facts) -> ordered("activityName", e.activityName(), "outcome", e.outcome(), "rationale", e.rationale(),
                            "answers", e.answers(), "process", facts.process(), "variables", e.variables())),

            // A questionnaire's answers saved for later: nothing moves, but the case changed (and four eyes counts it as
            // work), so the log says who saved a draft; the answers by their SHA-256 only (the completion records them).
            record(TaskDraftSaved.class, "task-draft-saved", TaskDraftSaved::caseId).in(LATEST)
                    .actor(TaskDraftSaved::savedBy).role(TaskDraftSaved::savedRole).activity(TaskDraftSaved::activityId)
                    .outcome("saved")
                    .payload((e, facts) -> ordered("activityName", e.activityName(), "answersSha256", e.answersSha256(),
                            "answersBytes", e.answersBytes(), "process", facts.process())),

            // Claims come only through the engine's own clients (REST API, Cockpit).
            record(TaskAssigned.class, "task-assigned", TaskAssigned::caseId).in(CURRENT_OR_LATEST).actor(TaskAssigned::assignedBy)
                    .activity(TaskAssigned::activityId)
                    .outcome(a -> a.assignee() == null ? "released" : a.assignee().equals(a.assignedBy()) ? "claimed" : "assigned")
                    .payload((e, facts) -> ordered("activityName", e.activityName(), "assignee", e.assignee(), "process", facts.process())),

            // A policy table decided part of the route; the actor is the person whose action led the process there.
            record(PolicyEvaluated.class, "policy-evaluated", PolicyEvaluated::caseId).in(CURRENT_OR_LATEST)
                    .definitionInUse((e, facts) -> e.decisionDefinitionId())
                    .actor((e, facts) -> facts.actingUserId()).activity(PolicyEvaluated::activityId)
                    .payload((e, facts) -> ordered(
                            "decision", ordered("key", e.decisionKey(), "definitionId", e.decisionDefinitionId(), "version", e.decisionVersion()),
                            "inputs", e.inputs(), "matchedRuleIds", e.matchedRuleIds(), "outputs", e.outputs(), "process", facts.process())),

            record(PublicationReleased.class, "publication-released", PublicationReleased::caseId).in(CURRENT_OR_LATEST)
                    .actor(PublicationReleased::releasedBy).activityOfExecution()
                    .payload((e, facts) -> ordered("publicationCategory", e.publicationCategory(), "dpiaPerformed", e.dpiaPerformed(),
                            "ethicsReviewPerformed", e.ethicsReviewPerformed(), "process", facts.process())),
            record(CasePublished.class, "entry-published", CasePublished::caseId).in(CURRENT).actor(CasePublished::publishedBy)
                    .organisation(CasePublished::organisationCode).activityOfExecution()
                    .payload(e -> ordered("registerFields", e.registerFields(), "publicationCategory", e.publicationCategory(),
                            "assessmentsPerformed", e.assessmentsPerformed())),

            // The assessments, each evaluated under a policy version; outcome: what auditors filter on.
            record(PreScanAssessed.class, "pre-scan-assessed", PreScanAssessed::caseId).in(LATEST).actor(PreScanAssessed::actorId)
                    .organisation(PreScanAssessed::organisation)
                    .outcome(a -> a.policyDecisionNeeded() ? "policy_decision_needed" : a.dpiaLevel())
                    .payload(e -> ordered("definition", e.definition(), "decisionTree", e.tree(), "dpiaLevel", e.dpiaLevel(),
                            "criteriaFired", e.criteriaFired(), "aiActConclusion", e.aiActConclusion(), "aiActClass", e.aiActClass(),
                            "binding", e.binding(), "aiActProfile", e.aiActProfile(), "dtiaLevel", e.dtiaLevel(),
                            "kiaLevel", e.kiaLevel(), "policyGaps", e.policyGaps())),
            // outcome: the residual risk ("all DPIAs with residual risk hoog")
            record(DpiaAssessed.class, "dpia-assessed", DpiaAssessed::caseId).in(LATEST).actor(DpiaAssessed::actorId)
                    .organisation(DpiaAssessed::organisation).outcome(DpiaAssessed::residualRisk)
                    .payload(e -> ordered("definition", e.definition(), "residualRisk", e.residualRisk(),
                            "priorConsultationRequired", e.priorConsultationRequired(), "risks", e.risks())),
            // whether it stops the case and which criteria said so, the FRIA, the risk to fundamental rights
            record(IamaAssessed.class, "iama-assessed", IamaAssessed::caseId).in(LATEST).actor(IamaAssessed::actorId)
                    .organisation(IamaAssessed::organisation).outcome(a -> a.stop() ? "stop" : "proceed")
                    .payload(e -> ordered("definition", e.definition(), "stop", e.stop(), "stopCriteria", e.stopCriteria(),
                            "fria", e.fria(), "fundamentalRightsRisk", e.fundamentalRightsRisk())),

            // A member of the public reported a problem; neither their message nor their reply address goes into the log.
            record(ProblemReportReceived.class, "problem-report-received", ProblemReportReceived::caseId)
                    .organisation(ProblemReportReceived::organisationCode).outcome("received")
                    .payload(e -> ordered("reportId", e.reportId(), "lars", e.lars(), "version", e.versionNumber(),
                            "replyAddressGiven", e.replyAddressGiven())),
            record(ProblemReportHandled.class, "problem-report-handled", ProblemReportHandled::caseId).in(CURRENT)
                    .actor(ProblemReportHandled::handledBy).activityOfExecution().outcome("handled")
                    .payload(e -> ordered("reportId", e.reportId(), "rationale", e.rationale())),
            // The reminder timer of an unhandled report fired; nobody acted, the engine's job executor did.
            record(ProblemReportReminded.class, "problem-report-reminded", ProblemReportReminded::caseId).in(CURRENT)
                    .activityOfExecution().outcome("reminded")
                    .payload(e -> ordered("reportId", e.reportId(), "reminderAfter", e.reminderAfter())),

            // A policy folder was (re)loaded: which versions are now served and which were kept because the new file had
            // errors. Loads at start happen before listeners exist; the definitions themselves appear in every
            // assessment record. An admin's reload is recorded, in the caller's transaction or else in one of its own.
            record(PoliciesReloaded.class, "policies-reloaded", e -> null).ownTransactionWhenNoneActive()
                    .actor(e -> CurrentStaff.current().map(StaffUser::id).orElse(null))
                    .role(e -> CurrentStaff.current().map(s -> String.join(",", new TreeSet<>(s.roleNames()))).orElse(null))
                    .outcome(e -> e.errors() == 0 ? "loaded" : "loaded-with-errors")
                    .payload(e -> ordered("folder", e.folder(), "served", e.served(), "keptPrevious", e.keptPrevious(),
                            "errors", e.errors())),

            // The living entry. The owner reopened a published entry for a change; the published version stays public.
            record(ChangeStarted.class, "change-started", ChangeStarted::caseId).actedBy(ChangeStarted::actor)
                    .payload(e -> ordered("publishedVersion", e.publishedVersion())),
            // A change or a retirement became version 2 or later of the entry; outcome: changed or retired.
            record(NewVersionPublished.class, "new-version-published", NewVersionPublished::caseId).in(CURRENT)
                    .actor(NewVersionPublished::publishedBy).organisation(NewVersionPublished::organisationCode)
                    .activityOfExecution().outcome(e -> e.kind().code())
                    .payload((e, facts) -> ordered("lars", e.lars(), "version", e.version(), "process", facts.process())),
            record(RetirementRequested.class, "retirement-requested", RetirementRequested::caseId).actedBy(RetirementRequested::actor)
                    .processInstance(RetirementRequested::processInstanceId)
                    .payload(e -> ordered("endDate", e.endDate(), "reason", e.reason())),
            // Approved by a register publisher (the actor); the requester is in the payload.
            record(EntryRetired.class, "entry-retired", EntryRetired::caseId).in(CURRENT).actor(EntryRetired::retiredBy)
                    .organisation(EntryRetired::organisationCode).activityOfExecution().outcome("retired")
                    .payload((e, facts) -> ordered("endDate", e.endDate(), "reason", e.reason(), "requestedBy", e.requestedBy(),
                            "process", facts.process())),
            // The review date came: the engine's timer, not a person, put the task in the owners' inbox.
            record(ReReviewDue.class, "re-review-due", ReReviewDue::caseId).in(CURRENT).organisation(ReReviewDue::organisation)
                    .processInstance(ReReviewDue::processInstanceId).activity(ReReviewDue::activityId).outcome("due")
                    .payload((e, facts) -> ordered("process", facts.process())),
            record(ReReviewConfirmed.class, "re-review-confirmed", ReReviewConfirmed::caseId).in(CURRENT)
                    .actor(ReReviewConfirmed::confirmedBy).role(Role.PROJECT_OWNER).organisation(ReReviewConfirmed::organisation)
                    .processInstance(ReReviewConfirmed::processInstanceId).activity(ReReviewConfirmed::activityId).outcome("confirmed")
                    .payload((e, facts) -> ordered("note", e.note(), "process", facts.process())),
            // A project owner or privacy officer moved the next re-review (a legal duty's date): from when to when, and why.
            record(ReReviewRescheduled.class, "re-review-rescheduled", ReReviewRescheduled::caseId).actedBy(ReReviewRescheduled::actor)
                    .outcome("rescheduled")
                    .payload(e -> ordered("previousDue", e.previousDue().toString(), "due", e.due().toString(),
                            "reason", e.reason())),

            // The ethics review: one member's vote in a round (one reviewEthics task), outcome the vote; the quorum's
            // outcome, recorded before the task it completes; a condition of the approval met. The organisation is the case's.
            record(EthicsVoteCast.class, "ethics-vote-cast", EthicsVoteCast::caseId).in(LATEST).actor(EthicsVoteCast::voter)
                    .role(Role.ETHICS_COMMITTEE).activity(e -> EthicsVotes.ACTIVITY).outcome(EthicsVoteCast::vote)
                    .payload((e, facts) -> ordered("round", e.roundId(), "vote", e.vote(), "rationale", e.rationale(),
                            "conditions", e.conditions(), "process", facts.process())),
            record(EthicsDecisionReached.class, "ethics-decision-reached", EthicsDecisionReached::caseId).in(LATEST)
                    .actor(EthicsDecisionReached::decidedBy).role(Role.ETHICS_COMMITTEE).activity(e -> EthicsVotes.ACTIVITY)
                    .outcome(EthicsDecisionReached::outcome)
                    .payload((e, facts) -> ordered("round", e.roundId(), "outcome", e.outcome(), "votes", e.votes(),
                            "process", facts.process())),
            record(EthicsConditionMet.class, "ethics-condition-met", EthicsConditionMet::caseId).in(LATEST)
                    .actor(EthicsConditionMet::metBy).role(Role.PROJECT_OWNER).outcome("met")
                    .payload(e -> ordered("conditionId", e.conditionId(), "note", e.note())),

            // The process waits for the supervisor's advice (GDPR Art. 36): the privacy officer submitted the DPIA to them.
            record(PriorConsultationRequested.class, "prior-consultation-requested", PriorConsultationRequested::caseId)
                    .in(CURRENT_OR_LATEST).actor(PriorConsultationRequested::requestedBy).role(Role.PRIVACY_OFFICER)
                    .activity(PriorConsultationRequested::activityId).outcome("requested")
                    .payload((e, facts) -> ordered("rationale", e.rationale(), "process", facts.process())),
            // The supervisor's written advice, as the privacy officer recorded it; the process moves on after it.
            record(SupervisorAdviceRecorded.class, "supervisor-advice-recorded", SupervisorAdviceRecorded::caseId).in(LATEST)
                    .actor(SupervisorAdviceRecorded::recordedBy).role(SupervisorAdviceRecorded::recordedRole)
                    .activity(SupervisorAdviceRecorded::activityId).outcome("recorded")
                    .payload((e, facts) -> ordered("advice", e.advice(), "process", facts.process())),

            // The obligations. The owner's work on a measure of the Algoritmekader; outcome: its status. With the
            // file's SHA-256.
            record(MeasureRecorded.class, "obligation-recorded", MeasureRecorded::caseId).in(LATEST).actor(MeasureRecorded::actor)
                    .role(Role.PROJECT_OWNER).organisation(MeasureRecorded::organisation).outcome(MeasureRecorded::status)
                    .payload(e -> ordered("measure", e.measureUrn(), "measureVersion", e.measureVersion(), "reason", e.reason(),
                            "evidenceText", e.evidenceText(), "evidenceLink", e.evidenceLink(), "fileName", e.fileName(),
                            "fileSha256", e.fileSha256())),
            // The EU database registration (AI Act Annex VIII Section C) of a high-risk AI system, saved and confirmed.
            record(EuRegistrationSaved.class, "eu-registration-saved", EuRegistrationSaved::caseId).in(LATEST)
                    .actor(EuRegistrationSaved::actor).role(Role.PROJECT_OWNER).organisation(EuRegistrationSaved::organisation)
                    .outcome("saved")
                    .payload(e -> ordered("deployer", e.deployer(), "providerEntry", e.providerEntry(), "memberState", e.memberState())),
            record(EuRegistrationConfirmed.class, "eu-registration-confirmed", EuRegistrationConfirmed::caseId).in(LATEST)
                    .actor(EuRegistrationConfirmed::actor).role(Role.PROJECT_OWNER).organisation(EuRegistrationConfirmed::organisation)
                    .outcome("confirmed").payload(e -> ordered("registrationNumber", e.registrationNumber())),
            // A reload of the catalogue brought new or changed obligations for the case: its owner has a task.
            record(CatalogueChangeNoticed.class, "obligations-changed", CatalogueChangeNoticed::caseId).in(LATEST)
                    .organisation(CatalogueChangeNoticed::organisation).outcome("owner-task")
                    .payload(e -> ordered("items", e.itemUrns(), "publishedEntry", e.publishedEntry())),
            record(CatalogueChangeAcknowledged.class, "obligations-change-acknowledged", CatalogueChangeAcknowledged::caseId).in(LATEST)
                    .actor(CatalogueChangeAcknowledged::actor).role(Role.PROJECT_OWNER)
                    .organisation(CatalogueChangeAcknowledged::organisation).outcome("acknowledged")
                    .payload(e -> ordered("items", e.itemUrns())),

            // An administrator created or changed an organisation (or switched it off). The register's set of
            // organisations is a fact of the whole register: the record belongs to no organisation, so every auditor
            // sees it (a new organisation serves no auditor yet, and a chain with records hidden from every auditor
            // could not be verified from an export).
            record(OrganisationChanged.class, "organisation-changed", e -> null).actor(OrganisationChanged::actorId)
                    .role(OrganisationChanged::actorRoles).outcome(OrganisationChanged::change)
                    .payload(e -> ordered("before", e.before(), "after", e.after(), "organisation", e.code()))));

    private RecordedEvents() {
    }

    /** How an event of this exact type is recorded; null: it is not (records are final, so no subtype can hide). */
    @SuppressWarnings("unchecked")
    static <E> EventMapping<E> of(Class<E> type) {
        return (EventMapping<E>) TABLE.get(type);
    }

    /** Every mapped event type, in the table's order. */
    static List<EventMapping<?>> all() {
        return List.copyOf(TABLE.values());
    }

    private static Map<Class<?>, EventMapping<?>> table(List<EventMapping<?>> rows) {
        Map<Class<?>, EventMapping<?>> table = new LinkedHashMap<>();
        for (EventMapping<?> row : rows) {
            if (table.put(row.type(), row) != null) {
                throw new IllegalStateException("Two rows for " + row.type().getName());
            }
        }
        return Collections.unmodifiableMap(table);
    }
}
