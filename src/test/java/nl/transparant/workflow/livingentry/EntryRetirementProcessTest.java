package nl.transparant.workflow.livingentry;

import nl.transparant.workflow.ProcessVariables;
import nl.transparant.workflow.RecordedEvents;
import nl.transparant.workflow.review.ReviewCases;
import nl.transparant.workflow.review.SegregationOfDutiesViolation;

import static nl.transparant.workflow.review.ReviewCases.ORGANISATION;
import static nl.transparant.workflow.review.ReviewCases.PUBLISHER;
import static nl.transparant.workflow.review.ReviewCases.SUBMITTER;
import static nl.transparant.workflow.review.ReviewCases.decision;
import static nl.transparant.workflow.review.ReviewCases.newCaseId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import nl.transparant.workflow.livingentry.LivingEntryEvents.RetirementApproved;
import nl.transparant.workflow.review.ReviewCases.Actor;
import nl.transparant.workflow.review.ReviewEvents.CaseStageReached;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of {@code processes/entry-retirement.bpmn} on an engine with the application's own plugin and delegate;
 * the coverage extension fails the class unless the tests together pass every flow node and sequence flow.
 */
class EntryRetirementProcessTest {

    static final RecordedEvents events = new RecordedEvents();

    /** A person who is both project owner and register publisher: still not the one to approve their own request. */
    static final Actor OWNER_AND_PUBLISHER = new Actor(SUBMITTER.id(), "register-publisher");

    @RegisterExtension
    static final ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension
            .builder(LivingEntryModels.withCoverage("entry-retirement-process-test", events))
            .reportDirectory(LivingEntryModels.buildFolder().resolve("process-test-coverage").toString())
            .assertClassCoverageAtLeast(1.0)
            .build();

    ReviewCases cases;

    @BeforeEach
    void deployAndReset() {
        LivingEntryModels.deploy(engine.getProcessEngine(), LivingEntryModels.RETIREMENT);
        BpmnAwareTests.init(engine.getProcessEngine());
        cases = new ReviewCases(engine.getProcessEngine());
        events.clear();
    }

    @AfterEach
    void signOut() {
        engine.getIdentityService().clearAuthentication();
        BpmnAwareTests.reset();
    }

    @Test
    void anApprovedRetirementPublishesTheRetiredEntryAndClosesTheCase() {
        String caseId = newCaseId();
        ProcessInstance instance = request(caseId);

        assertThat(instance.getTenantId()).isEqualTo(ORGANISATION);
        assertThat(instance).isWaitingAt("decideRetirement").task().hasCandidateGroup("register-publisher");
        assertThat(events.stagesOf(caseId)).containsExactly(new CaseStageReached(caseId, "RETIREMENT_REVIEW", "decideRetirement", null));

        cases.decide(PUBLISHER, instance, "decideRetirement", "approve", "The service stopped in November.");

        assertThat(instance).isEnded().hasPassedInOrder("retirementRequested", "decideRetirement", "retirementOutcome", "retireEntry",
                "retired").hasNotPassed("retirementRefused");
        assertThat(events.ofType(RetirementApproved.class)).containsExactly(new RetirementApproved(caseId, ORGANISATION, PUBLISHER.id(),
                SUBMITTER.id(), "2026-11", "De dienst is gestopt."));
        assertThat(events.stagesOf(caseId)).extracting(CaseStageReached::stage).containsExactly("RETIREMENT_REVIEW", "RETIRED");
    }

    @Test
    void aRefusedRetirementLeavesTheEntryPublished() {
        String caseId = newCaseId();
        ProcessInstance instance = request(caseId);

        cases.decide(PUBLISHER, instance, "decideRetirement", "refuse", "The algorithm is still used by the team.");

        assertThat(instance).isEnded().hasPassed("retirementRefused").hasNotPassed("retireEntry", "retired");
        assertThat(events.ofType(RetirementApproved.class)).isEmpty();
        assertThat(events.stagesOf(caseId)).extracting(CaseStageReached::stage).containsExactly("RETIREMENT_REVIEW", "PUBLISHED");
    }

    @Test
    void theRequesterCannotDecideOnTheirOwnRetirementEvenAsAPublisher() {
        ProcessInstance instance = request(newCaseId());

        Throwable refused = catchThrowable(() -> cases.decide(OWNER_AND_PUBLISHER, instance, "decideRetirement", "approve", "Mine."));

        assertThat(refused).hasRootCauseInstanceOf(SegregationOfDutiesViolation.class);
        assertThat(instance).isWaitingAt("decideRetirement");
        assertThat(events.ofType(RetirementApproved.class)).isEmpty();
    }

    @Test
    void onlyTheOutcomesTheTaskNamesAreAccepted() {
        ProcessInstance instance = request(newCaseId());

        Throwable refused = catchThrowable(() -> cases.complete(PUBLISHER, cases.openTask(instance, "decideRetirement"),
                decision(PUBLISHER, "send-back", "Not one of this task's outcomes.")));

        assertThat(refused).hasMessageContaining("needs an outcome: one of [approve, refuse]");
        assertThat(instance).isWaitingAt("decideRetirement");
    }

    /** Started as the requesting owner, as {@link EntryRetirementProcess#start} does. */
    private ProcessInstance request(String caseId) {
        return cases.as(SUBMITTER, () -> engine.getRuntimeService().createProcessInstanceByKey(EntryRetirementProcess.PROCESS_KEY)
                .businessKey(caseId)
                .setVariable(ProcessVariables.CASE_ID, caseId)
                .setVariable(ProcessVariables.ORGANISATION, ORGANISATION)
                .setVariable(ProcessVariables.SUBMITTER, SUBMITTER.id())
                .setVariable(EntryRetirementProcess.END_DATE, "2026-11")
                .setVariable(EntryRetirementProcess.REASON, "De dienst is gestopt.")
                .execute());
    }
}
