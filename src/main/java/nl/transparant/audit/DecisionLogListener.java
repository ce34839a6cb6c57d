package nl.transparant.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import nl.transparant.cases.CaseEvents.Actor;
import nl.transparant.cases.CaseEvents.CaseChanged;
import nl.transparant.cases.CaseEvents.EnglishTextsChanged;
import nl.transparant.cases.CaseEvents.CaseCreated;
import nl.transparant.cases.CaseEvents.CaseSubmitted;
import nl.transparant.cases.CaseEvents.ChangeStarted;
import nl.transparant.cases.CaseEvents.RetirementRequested;
import nl.transparant.cases.EntryRetired;
import nl.transparant.identity.Role;
import nl.transparant.register.NewVersionPublished;
import nl.transparant.register.ProblemReportReceived;
import nl.transparant.workflow.livingentry.LivingEntryEvents.ReReviewConfirmed;
import nl.transparant.workflow.livingentry.LivingEntryEvents.ReReviewDue;
import nl.transparant.assessment.PoliciesReloaded;
import nl.transparant.cases.CasePublished;
import nl.transparant.ethics.EthicsEvents.EthicsConditionMet;
import nl.transparant.ethics.EthicsEvents.EthicsDecisionReached;
import nl.transparant.ethics.EthicsEvents.EthicsVoteCast;
import nl.transparant.ethics.EthicsVotes;
import nl.transparant.identity.CurrentStaff;
import nl.transparant.identity.StaffUser;
import nl.transparant.obligations.ObligationEvents.CatalogueChangeAcknowledged;
import nl.transparant.obligations.ObligationEvents.CatalogueChangeNoticed;
import nl.transparant.obligations.ObligationEvents.EuRegistrationConfirmed;
import nl.transparant.obligations.ObligationEvents.EuRegistrationSaved;
import nl.transparant.obligations.ObligationEvents.MeasureRecorded;
import nl.transparant.organisations.OrganisationChanged;
import nl.transparant.screening.DpiaAssessed;
import nl.transparant.screening.IamaAssessed;
import nl.transparant.screening.PreScanAssessed;
import nl.transparant.workflow.problemreports.ProblemReportHandled;
import nl.transparant.workflow.problemreports.ProblemReportReminded;
import nl.transparant.workflow.history.ProcessHistory;
import nl.transparant.workflow.history.ProcessHistory.DeployedDefinition;
import nl.transparant.workflow.history.ProcessHistory.ExecutionFacts;
import nl.transparant.workflow.review.ReviewEvents.CaseStageReached;
import nl.transparant.workflow.review.ReviewEvents.PolicyEvaluated;
import nl.transparant.workflow.review.ReviewEvents.PriorConsultationRequested;
import nl.transparant.workflow.review.ReviewEvents.SupervisorAdviceRecorded;
import nl.transparant.workflow.review.ReviewEvents.PublicationReleased;
import nl.transparant.workflow.review.ReviewEvents.TaskAssigned;
import nl.transparant.workflow.review.ReviewEvents.TaskDecided;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns the modules' events into decision log records. Spring calls these listeners synchronously, inside the
 * transaction that publishes the event (for the review process: the engine's transaction), so a record is
 * committed exactly when the change it describes is; a failing append fails the change. They run before the other
 * modules' listeners, so a cause is recorded before the consequences it sets off (a release before the publication).
 */
@Component
class DecisionLogListener {

    static final String CASE_CREATED = "case-created";
    static final String CASE_CHANGED = "case-changed";
    static final String CASE_SUBMITTED = "case-submitted";
    static final String ENGLISH_TEXTS_CHANGED = "english-texts-changed";
    static final String STAGE_REACHED = "stage-reached";
    static final String TASK_DECIDED = "task-decided";
    static final String POLICY_EVALUATED = "policy-evaluated";
    static final String TASK_ASSIGNED = "task-assigned";
    static final String PUBLICATION_RELEASED = "publication-released";
    static final String ENTRY_PUBLISHED = "entry-published";
    static final String AUTHORISATION_DENIED = "authorisation-denied";
    static final String DEFINITION_DEPLOYED = "definition-deployed";
    static final String PRE_SCAN_ASSESSED = "pre-scan-assessed";
    static final String DPIA_ASSESSED = "dpia-assessed";
    static final String IAMA_ASSESSED = "iama-assessed";
    static final String PROBLEM_REPORT_HANDLED = "problem-report-handled";
    static final String POLICIES_RELOADED = "policies-reloaded";
    static final String PROBLEM_REPORT_REMINDED = "problem-report-reminded";
    static final String PROBLEM_REPORT_RECEIVED = "problem-report-received";
    static final String ETHICS_VOTE_CAST = "ethics-vote-cast";
    static final String ETHICS_DECISION_REACHED = "ethics-decision-reached";
    static final String ETHICS_CONDITION_MET = "ethics-condition-met";
    static final String PRIOR_CONSULTATION_REQUESTED = "prior-consultation-requested";
    static final String SUPERVISOR_ADVICE_RECORDED = "supervisor-advice-recorded";

    private final DecisionLog log;
    private final ProcessHistory engine;
    private final TransactionTemplate ownTransaction;
    /** Definitions whose deployment record is committed (this node wrote it or found it there); see recordDefinitionOnFirstUse. */
    private final Set<String> definitionsInLog = ConcurrentHashMap.newKeySet();

    DecisionLogListener(DecisionLog log, ProcessHistory engine, PlatformTransactionManager transactions) {
        this.log = log;
        this.engine = engine;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(CaseCreated created) {
        Actor actor = created.actor();
        log.append(new LogEntry(CASE_CREATED, actor.id(), actor.role(), actor.organisation(), created.caseId(), null, null, null,
                payload("registerFields", created.registerFields())));
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(CaseChanged changed) {
        Actor actor = changed.actor();
        Map<String, Object> payload = payload("registerFields", changed.registerFields());
        payload.put("version", changed.version());
        log.append(new LogEntry(CASE_CHANGED, actor.id(), actor.role(), actor.organisation(), changed.caseId(), null, null, null,
                payload));
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(EnglishTextsChanged changed) {
        Actor actor = changed.actor();
        Map<String, Object> payload = payload("englishFields", changed.englishFields());
        payload.put("version", changed.version());
        log.append(new LogEntry(ENGLISH_TEXTS_CHANGED, actor.id(), actor.role(), actor.organisation(), changed.caseId(), null, null,
                null, payload));
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(CaseSubmitted submitted) {
        Actor actor = submitted.actor();
        Optional<ExecutionFacts> instance = engine.latestInstanceOf(submitted.caseId());
        log.append(new LogEntry(CASE_SUBMITTED, actor.id(), actor.role(), actor.organisation(), submitted.caseId(),
                submitted.processInstanceId(), null, null, payload("process", process(instance))));
    }

    /** Moved by the process; the actor is the person whose action moved it, as the engine knows them. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(CaseStageReached reached) {
        Optional<ExecutionFacts> execution = engine.currentExecution().or(() -> engine.latestInstanceOf(reached.caseId()));
        execution.map(ExecutionFacts::processDefinitionId).ifPresent(this::recordDefinitionOnFirstUse);
        Map<String, Object> payload = payload("stage", reached.stage());
        payload.put("closingReason", reached.closingReason());
        payload.put("process", process(execution));
        log.append(new LogEntry(STAGE_REACHED, execution.map(ExecutionFacts::actingUserId).orElse(null), null,
                execution.map(ExecutionFacts::organisation).orElse(null), reached.caseId(),
                execution.map(ExecutionFacts::processInstanceId).orElse(null), reached.activityId(), null, payload));
    }

    /**
     * Published just before the engine completes the task, so the instance is found in the engine's history and its
     * variables are those the person decided on.
     */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(TaskDecided decided) {
        Optional<ExecutionFacts> instance = Optional.ofNullable(decided.process()).or(() -> engine.latestInstanceOf(decided.caseId()));
        Map<String, Object> payload = payload("activityName", decided.activityName());
        payload.put("outcome", decided.outcome());
        payload.put("rationale", decided.rationale());
        payload.put("answers", decided.answers());
        payload.put("process", process(instance));
        // What the person decided on: the process variables as they stood (residualRisk, dpiaLevel, the route ...)
        payload.put("variables", instance.map(i -> engine.currentVariables(i.processInstanceId())).orElse(null));
        log.append(new LogEntry(TASK_DECIDED, decided.decidedBy(), decided.decidedRole(),
                instance.map(ExecutionFacts::organisation).orElse(null), decided.caseId(),
                instance.map(ExecutionFacts::processInstanceId).orElse(null), decided.activityId(), decided.outcome(), payload));
    }

    /** The pre-scan's answers evaluated under a policy version; outcome: the DPIA level, so auditors can filter on it. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(PreScanAssessed assessed) {
        Optional<ExecutionFacts> instance = engine.latestInstanceOf(assessed.caseId());
        Map<String, Object> payload = payload("definition", assessed.definition());
        payload.put("decisionTree", assessed.tree());
        payload.put("dpiaLevel", assessed.dpiaLevel());
        payload.put("criteriaFired", assessed.criteriaFired());
        payload.put("aiActConclusion", assessed.aiActConclusion());
        payload.put("aiActClass", assessed.aiActClass());
        payload.put("binding", assessed.binding());
        payload.put("aiActProfile", assessed.aiActProfile());
        payload.put("dtiaLevel", assessed.dtiaLevel());
        payload.put("kiaLevel", assessed.kiaLevel());
        payload.put("policyGaps", assessed.policyGaps());
        log.append(new LogEntry(PRE_SCAN_ASSESSED, assessed.actorId(), null, assessed.organisation(), assessed.caseId(),
                instance.map(ExecutionFacts::processInstanceId).orElse(null), null,
                assessed.policyDecisionNeeded() ? "policy_decision_needed" : assessed.dpiaLevel(), payload));
    }

    /** The DPIA evaluated under a policy version; outcome: the residual risk ("all DPIAs with residual risk hoog"). */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(DpiaAssessed assessed) {
        Optional<ExecutionFacts> instance = engine.latestInstanceOf(assessed.caseId());
        Map<String, Object> payload = payload("definition", assessed.definition());
        payload.put("residualRisk", assessed.residualRisk());
        payload.put("priorConsultationRequired", assessed.priorConsultationRequired());
        payload.put("risks", assessed.risks());
        log.append(new LogEntry(DPIA_ASSESSED, assessed.actorId(), null, assessed.organisation(), assessed.caseId(),
                instance.map(ExecutionFacts::processInstanceId).orElse(null), null, assessed.residualRisk(), payload));
    }

    /** The IAMA's outcome: whether it stops the case and which criteria said so, the FRIA, the risk to fundamental rights. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(IamaAssessed assessed) {
        Optional<ExecutionFacts> instance = engine.latestInstanceOf(assessed.caseId());
        Map<String, Object> payload = payload("definition", assessed.definition());
        payload.put("stop", assessed.stop());
        payload.put("stopCriteria", assessed.stopCriteria());
        payload.put("fria", assessed.fria());
        payload.put("fundamentalRightsRisk", assessed.fundamentalRightsRisk());
        log.append(new LogEntry(IAMA_ASSESSED, assessed.actorId(), null, assessed.organisation(), assessed.caseId(),
                instance.map(ExecutionFacts::processInstanceId).orElse(null), null, assessed.stop() ? "stop" : "proceed", payload));
    }

    /** A member of the public reported a problem; neither their message nor their reply address goes into the log. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(ProblemReportReceived received) {
        Map<String, Object> payload = payload("reportId", received.reportId());
        payload.put("lars", received.lars());
        payload.put("version", received.versionNumber());
        payload.put("replyAddressGiven", received.replyAddressGiven());
        log.append(new LogEntry(PROBLEM_REPORT_RECEIVED, null, null, received.organisationCode(), received.caseId(), null, null,
                "received", payload));
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(ProblemReportHandled handled) {
        Optional<ExecutionFacts> execution = engine.currentExecution();
        Map<String, Object> payload = payload("reportId", handled.reportId());
        payload.put("rationale", handled.rationale());
        log.append(new LogEntry(PROBLEM_REPORT_HANDLED, handled.handledBy(), null,
                execution.map(ExecutionFacts::organisation).orElse(null), handled.caseId(),
                execution.map(ExecutionFacts::processInstanceId).orElse(null),
                execution.map(ExecutionFacts::activityId).orElse(null), "handled", payload));
    }

    /** The reminder timer of an unhandled report fired; nobody acted, the engine's job executor did. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(ProblemReportReminded reminded) {
        Optional<ExecutionFacts> execution = engine.currentExecution();
        Map<String, Object> payload = payload("reportId", reminded.reportId());
        payload.put("reminderAfter", reminded.reminderAfter());
        log.append(new LogEntry(PROBLEM_REPORT_REMINDED, null, null, execution.map(ExecutionFacts::organisation).orElse(null),
                reminded.caseId(), execution.map(ExecutionFacts::processInstanceId).orElse(null),
                execution.map(ExecutionFacts::activityId).orElse(null), "reminded", payload));
    }

    /**
     * A policy folder was (re)loaded: which versions are now served and which were kept because the new file had
     * errors. Loads at start happen before listeners exist; the definitions themselves appear in every assessment
     * record. An admin's reload is recorded, in the caller's transaction or else in one of its own.
     */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(PoliciesReloaded reloaded) {
        Map<String, Object> payload = payload("folder", reloaded.folder());
        payload.put("served", reloaded.served());
        payload.put("keptPrevious", reloaded.keptPrevious());
        payload.put("errors", reloaded.errors());
        String actor = CurrentStaff.current().map(StaffUser::id).orElse(null);
        String roles = CurrentStaff.current().map(s -> String.join(",", new TreeSet<>(s.roleNames()))).orElse(null);
        LogEntry entry = new LogEntry(POLICIES_RELOADED, actor, roles, null, null, null, null,
                reloaded.errors() == 0 ? "loaded" : "loaded-with-errors", payload);
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            log.append(entry);
        } else {
            ownTransaction.executeWithoutResult(status -> log.append(entry));
        }
    }

    /** Claims come only through the engine's own clients (REST API, Cockpit); outcome: claimed, assigned or released. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(TaskAssigned assigned) {
        Optional<ExecutionFacts> instance = engine.currentExecution().or(() -> engine.latestInstanceOf(assigned.caseId()));
        String outcome = assigned.assignee() == null ? "released"
                : assigned.assignee().equals(assigned.assignedBy()) ? "claimed" : "assigned";
        Map<String, Object> payload = payload("activityName", assigned.activityName());
        payload.put("assignee", assigned.assignee());
        payload.put("process", process(instance));
        log.append(new LogEntry(TASK_ASSIGNED, assigned.assignedBy(), null, instance.map(ExecutionFacts::organisation).orElse(null),
                assigned.caseId(), instance.map(ExecutionFacts::processInstanceId).orElse(null), assigned.activityId(), outcome,
                payload));
    }

    /** A policy table decided part of the route; the actor is the person whose action led the process there. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(PolicyEvaluated evaluated) {
        Optional<ExecutionFacts> execution = engine.currentExecution().or(() -> engine.latestInstanceOf(evaluated.caseId()));
        if (evaluated.decisionDefinitionId() != null) {
            recordDefinitionOnFirstUse(evaluated.decisionDefinitionId());
        }
        Map<String, Object> decision = payload("key", evaluated.decisionKey());
        decision.put("definitionId", evaluated.decisionDefinitionId());
        decision.put("version", evaluated.decisionVersion());
        Map<String, Object> payload = payload("decision", decision);
        payload.put("inputs", evaluated.inputs());
        payload.put("matchedRuleIds", evaluated.matchedRuleIds());
        payload.put("outputs", evaluated.outputs());
        payload.put("process", process(execution));
        log.append(new LogEntry(POLICY_EVALUATED, execution.map(ExecutionFacts::actingUserId).orElse(null), null,
                execution.map(ExecutionFacts::organisation).orElse(null), evaluated.caseId(),
                execution.map(ExecutionFacts::processInstanceId).orElse(null), evaluated.activityId(), null, payload));
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(PublicationReleased released) {
        Optional<ExecutionFacts> execution = engine.currentExecution().or(() -> engine.latestInstanceOf(released.caseId()));
        Map<String, Object> payload = payload("publicationCategory", released.publicationCategory());
        payload.put("dpiaPerformed", released.dpiaPerformed());
        payload.put("ethicsReviewPerformed", released.ethicsReviewPerformed());
        payload.put("process", process(execution));
        log.append(new LogEntry(PUBLICATION_RELEASED, released.releasedBy(), null,
                execution.map(ExecutionFacts::organisation).orElse(null), released.caseId(),
                execution.map(ExecutionFacts::processInstanceId).orElse(null),
                execution.map(ExecutionFacts::activityId).orElse(null), null, payload));
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(CasePublished published) {
        Optional<ExecutionFacts> execution = engine.currentExecution();
        Map<String, Object> payload = payload("registerFields", published.registerFields());
        payload.put("publicationCategory", published.publicationCategory());
        payload.put("assessmentsPerformed", published.assessmentsPerformed());
        log.append(new LogEntry(ENTRY_PUBLISHED, published.publishedBy(), null, published.organisationCode(), published.caseId(),
                execution.map(ExecutionFacts::processInstanceId).orElse(null),
                execution.map(ExecutionFacts::activityId).orElse(null), null, payload));
    }

    // The living entry: a change of a published entry, its retirement, and the periodic re-review (GDPR Art. 35(11)).
    static final String CHANGE_STARTED = "change-started";
    static final String NEW_VERSION_PUBLISHED = "new-version-published";
    static final String RETIREMENT_REQUESTED = "retirement-requested";
    static final String ENTRY_RETIRED = "entry-retired";
    static final String RE_REVIEW_DUE = "re-review-due";
    static final String RE_REVIEW_CONFIRMED = "re-review-confirmed";

    /** The owner reopened a published entry for a change; the published version stays public meanwhile. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(ChangeStarted started) {
        Actor actor = started.actor();
        log.append(new LogEntry(CHANGE_STARTED, actor.id(), actor.role(), actor.organisation(), started.caseId(), null, null, null,
                payload("publishedVersion", started.publishedVersion())));
    }

    /** A change or a retirement became version 2 or later of the entry; outcome: changed or retired. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(NewVersionPublished published) {
        Optional<ExecutionFacts> execution = engine.currentExecution();
        Map<String, Object> payload = payload("lars", published.lars());
        payload.put("version", published.version());
        payload.put("process", process(execution));
        log.append(new LogEntry(NEW_VERSION_PUBLISHED, published.publishedBy(), null, published.organisationCode(), published.caseId(),
                execution.map(ExecutionFacts::processInstanceId).orElse(null), execution.map(ExecutionFacts::activityId).orElse(null),
                published.kind().code(), payload));
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(RetirementRequested requested) {
        Actor actor = requested.actor();
        Map<String, Object> payload = payload("endDate", requested.endDate());
        payload.put("reason", requested.reason());
        log.append(new LogEntry(RETIREMENT_REQUESTED, actor.id(), actor.role(), actor.organisation(), requested.caseId(),
                requested.processInstanceId(), null, null, payload));
    }

    /** Approved by a register publisher (the actor); the requester is in the payload. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(EntryRetired retired) {
        Optional<ExecutionFacts> execution = engine.currentExecution();
        Map<String, Object> payload = payload("endDate", retired.endDate());
        payload.put("reason", retired.reason());
        payload.put("requestedBy", retired.requestedBy());
        payload.put("process", process(execution));
        log.append(new LogEntry(ENTRY_RETIRED, retired.retiredBy(), null, retired.organisationCode(), retired.caseId(),
                execution.map(ExecutionFacts::processInstanceId).orElse(null), execution.map(ExecutionFacts::activityId).orElse(null),
                "retired", payload));
    }

    /** The review date came: the engine's timer, not a person, put the task in the owners' inbox. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(ReReviewDue due) {
        Optional<ExecutionFacts> execution = engine.currentExecution();
        log.append(new LogEntry(RE_REVIEW_DUE, null, null, due.organisation(), due.caseId(), due.processInstanceId(), due.activityId(),
                "due", payload("process", process(execution))));
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(ReReviewConfirmed confirmed) {
        Optional<ExecutionFacts> execution = engine.currentExecution();
        Map<String, Object> payload = payload("note", confirmed.note());
        payload.put("process", process(execution));
        log.append(new LogEntry(RE_REVIEW_CONFIRMED, confirmed.confirmedBy(), Role.PROJECT_OWNER.roleName(), confirmed.organisation(),
                confirmed.caseId(), confirmed.processInstanceId(), confirmed.activityId(), "confirmed", payload));
    }

    /**
     * One member's vote in a round of the ethics review (one reviewEthics task); outcome: the vote (positive,
     * positive-with-conditions, negative), so auditors can filter on it. The organisation is the case's.
     */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(EthicsVoteCast cast) {
        Optional<ExecutionFacts> instance = engine.latestInstanceOf(cast.caseId());
        Map<String, Object> payload = payload("round", cast.roundId());
        payload.put("vote", cast.vote());
        payload.put("rationale", cast.rationale());
        payload.put("conditions", cast.conditions());
        payload.put("process", process(instance));
        log.append(new LogEntry(ETHICS_VOTE_CAST, cast.voter(), Role.ETHICS_COMMITTEE.roleName(),
                instance.map(ExecutionFacts::organisation).orElse(null), cast.caseId(),
                instance.map(ExecutionFacts::processInstanceId).orElse(null), EthicsVotes.ACTIVITY, cast.vote(), payload));
    }

    /** The votes reached the quorum and the committee's policy gave the outcome; recorded before the task it completes. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(EthicsDecisionReached reached) {
        Optional<ExecutionFacts> instance = engine.latestInstanceOf(reached.caseId());
        Map<String, Object> payload = payload("round", reached.roundId());
        payload.put("outcome", reached.outcome());
        payload.put("votes", reached.votes());
        payload.put("process", process(instance));
        log.append(new LogEntry(ETHICS_DECISION_REACHED, reached.decidedBy(), Role.ETHICS_COMMITTEE.roleName(),
                instance.map(ExecutionFacts::organisation).orElse(null), reached.caseId(),
                instance.map(ExecutionFacts::processInstanceId).orElse(null), EthicsVotes.ACTIVITY, reached.outcome(), payload));
    }

    /** The owner marked a condition of the committee's approval met, saying how. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(EthicsConditionMet met) {
        Optional<ExecutionFacts> instance = engine.latestInstanceOf(met.caseId());
        Map<String, Object> payload = payload("conditionId", met.conditionId());
        payload.put("note", met.note());
        log.append(new LogEntry(ETHICS_CONDITION_MET, met.metBy(), Role.PROJECT_OWNER.roleName(),
                instance.map(ExecutionFacts::organisation).orElse(null), met.caseId(),
                instance.map(ExecutionFacts::processInstanceId).orElse(null), null, "met", payload));
    }

    /** The process waits for the supervisor's advice (GDPR Art. 36): the privacy officer submitted the DPIA to them. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(PriorConsultationRequested requested) {
        Optional<ExecutionFacts> execution = engine.currentExecution().or(() -> engine.latestInstanceOf(requested.caseId()));
        Map<String, Object> payload = payload("rationale", requested.rationale());
        payload.put("process", process(execution));
        log.append(new LogEntry(PRIOR_CONSULTATION_REQUESTED, requested.requestedBy(), Role.PRIVACY_OFFICER.roleName(),
                execution.map(ExecutionFacts::organisation).orElse(null), requested.caseId(),
                execution.map(ExecutionFacts::processInstanceId).orElse(null), requested.activityId(), "requested", payload));
    }

    /** The supervisor's written advice, as the privacy officer recorded it; the process moves on after it. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(SupervisorAdviceRecorded recorded) {
        Optional<ExecutionFacts> instance = engine.latestInstanceOf(recorded.caseId());
        Map<String, Object> payload = payload("advice", recorded.advice());
        payload.put("process", process(instance));
        log.append(new LogEntry(SUPERVISOR_ADVICE_RECORDED, recorded.recordedBy(), recorded.recordedRole(),
                instance.map(ExecutionFacts::organisation).orElse(null), recorded.caseId(),
                instance.map(ExecutionFacts::processInstanceId).orElse(null), recorded.activityId(), "recorded", payload));
    }

    static final String OBLIGATION_RECORDED = "obligation-recorded";
    static final String EU_REGISTRATION_SAVED = "eu-registration-saved";
    static final String EU_REGISTRATION_CONFIRMED = "eu-registration-confirmed";

    /** The owner's work on a measure of the Algoritmekader on the case; outcome: its status. With the file's SHA-256. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(MeasureRecorded recorded) {
        Optional<ExecutionFacts> instance = engine.latestInstanceOf(recorded.caseId());
        Map<String, Object> payload = payload("measure", recorded.measureUrn());
        payload.put("measureVersion", recorded.measureVersion());
        payload.put("reason", recorded.reason());
        payload.put("evidenceText", recorded.evidenceText());
        payload.put("evidenceLink", recorded.evidenceLink());
        payload.put("fileName", recorded.fileName());
        payload.put("fileSha256", recorded.fileSha256());
        log.append(new LogEntry(OBLIGATION_RECORDED, recorded.actor(), Role.PROJECT_OWNER.roleName(), recorded.organisation(),
                recorded.caseId(), instance.map(ExecutionFacts::processInstanceId).orElse(null), null, recorded.status(), payload));
    }

    /** The owner saved the EU database registration (AI Act Annex VIII Section C) of a high-risk AI system. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(EuRegistrationSaved saved) {
        Optional<ExecutionFacts> instance = engine.latestInstanceOf(saved.caseId());
        Map<String, Object> payload = payload("deployer", saved.deployer());
        payload.put("providerEntry", saved.providerEntry());
        payload.put("memberState", saved.memberState());
        log.append(new LogEntry(EU_REGISTRATION_SAVED, saved.actor(), Role.PROJECT_OWNER.roleName(), saved.organisation(), saved.caseId(),
                instance.map(ExecutionFacts::processInstanceId).orElse(null), null, "saved", payload));
    }

    /** The owner confirmed the registration in the EU database with its number. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(EuRegistrationConfirmed confirmed) {
        Optional<ExecutionFacts> instance = engine.latestInstanceOf(confirmed.caseId());
        log.append(new LogEntry(EU_REGISTRATION_CONFIRMED, confirmed.actor(), Role.PROJECT_OWNER.roleName(), confirmed.organisation(),
                confirmed.caseId(), instance.map(ExecutionFacts::processInstanceId).orElse(null), null, "confirmed",
                payload("registrationNumber", confirmed.registrationNumber())));
    }

    static final String OBLIGATIONS_CHANGED = "obligations-changed";
    static final String OBLIGATIONS_CHANGE_ACKNOWLEDGED = "obligations-change-acknowledged";

    /** A reload of the Algoritmekader's catalogue brought new or changed obligations for the case: its owner has a task. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(CatalogueChangeNoticed noticed) {
        Optional<ExecutionFacts> instance = engine.latestInstanceOf(noticed.caseId());
        Map<String, Object> payload = payload("items", noticed.itemUrns());
        payload.put("publishedEntry", noticed.publishedEntry());
        log.append(new LogEntry(OBLIGATIONS_CHANGED, null, null, noticed.organisation(), noticed.caseId(),
                instance.map(ExecutionFacts::processInstanceId).orElse(null), null, "owner-task", payload));
    }

    /** The owner looked at the changed obligations of the case. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(CatalogueChangeAcknowledged acknowledged) {
        Optional<ExecutionFacts> instance = engine.latestInstanceOf(acknowledged.caseId());
        log.append(new LogEntry(OBLIGATIONS_CHANGE_ACKNOWLEDGED, acknowledged.actor(), Role.PROJECT_OWNER.roleName(),
                acknowledged.organisation(), acknowledged.caseId(), instance.map(ExecutionFacts::processInstanceId).orElse(null), null,
                "acknowledged", payload("items", acknowledged.itemUrns())));
    }

    static final String ORGANISATION_CHANGED = "organisation-changed";

    /** An administrator created or changed an organisation (or switched it off); what it was and what it is now. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    /**
     * The register's set of organisations is a fact of the whole register, not of one organisation: the record belongs to
     * none, so every auditor sees it (a new organisation serves no auditor yet, and a chain with records hidden from every
     * auditor could not be verified from an export).
     */
    void on(OrganisationChanged changed) {
        Map<String, Object> payload = payload("before", changed.before());
        payload.put("after", changed.after());
        payload.put("organisation", changed.code());
        log.append(new LogEntry(ORGANISATION_CHANGED, changed.actorId(), changed.actorRoles(), null, null, null, null,
                changed.change(), payload));
    }

    /**
     * Every process and policy definition the engine holds is recorded once, with the SHA-256 of its file: at start
     * (deployments happen while the application starts) and, for one deployed later through the engine's REST API,
     * just before a case first uses it. So every version a decision was made under is in the log before that decision.
     */
    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void recordDeployedDefinitions() {
        ownTransaction.executeWithoutResult(status -> engine.deployedDefinitions().forEach(this::record));
    }

    /**
     * Only a definition not yet known to be in the log is looked up, hashed and checked under the chain lock: once a
     * transaction that recorded it (or found it recorded) has committed, its record stays, the log being append-only.
     * Without this every stage reached and every policy evaluated cost five queries, the file's SHA-256 and a read of
     * every deployment record while holding the chain's lock.
     */
    private void recordDefinitionOnFirstUse(String definitionId) {
        if (!definitionsInLog.contains(definitionId)) {
            engine.deployedDefinition(definitionId).ifPresent(this::record);
        }
    }

    private void record(DeployedDefinition definition) {
        Map<String, Object> payload = payload("kind", definition.kind());
        payload.put("key", definition.key());
        payload.put("version", definition.version());
        payload.put("definitionId", definition.definitionId());
        payload.put("deploymentId", definition.deploymentId());
        payload.put("deploymentSource", definition.deploymentSource());
        payload.put("deployedAt", definition.deployedAt());
        payload.put("resourceName", definition.resourceName());
        payload.put("contentSha256", definition.contentSha256());
        log.appendOnce(new LogEntry(DEFINITION_DEPLOYED, null, null, null, null, null, null, null, payload),
                DecisionLog.member("definitionId", definition.definitionId()));
        String definitionId = definition.definitionId();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                definitionsInLog.add(definitionId);
            }
        });
    }

    private static Map<String, Object> process(Optional<ExecutionFacts> execution) {
        return execution
                .filter(e -> e.processDefinitionKey() != null)
                .map(e -> {
                    Map<String, Object> process = new LinkedHashMap<>();
                    process.put("definitionKey", e.processDefinitionKey());
                    process.put("definitionVersion", e.processDefinitionVersion());
                    return process;
                })
                .orElse(null);
    }

    private static Map<String, Object> payload(String key, Object value) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put(key, value);
        return payload;
    }
}
