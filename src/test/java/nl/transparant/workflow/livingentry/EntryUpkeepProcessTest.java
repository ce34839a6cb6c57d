package nl.transparant.workflow.livingentry;

import nl.transparant.workflow.ProcessVariables;
import nl.transparant.workflow.RecordedEvents;
import nl.transparant.workflow.review.ReviewCases;
import nl.transparant.workflow.review.ReviewTask;

import static nl.transparant.workflow.review.ReviewCases.ORGANISATION;
import static nl.transparant.workflow.review.ReviewCases.SUBMITTER;
import static nl.transparant.workflow.review.ReviewCases.newCaseId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import nl.transparant.workflow.livingentry.LivingEntryEvents.ReReviewConfirmed;
import nl.transparant.workflow.livingentry.LivingEntryEvents.ReReviewDue;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of {@code processes/entry-re-review.bpmn}: the periodic re-review of a published entry, from the day its
 * planned review date has come (the plan before that: {@code EntryUpkeepPlanTest}). Timers are fired the way the job
 * executor would, once their due date is reached; the coverage extension fails the class unless the tests together
 * pass every flow node and sequence flow.
 */
class EntryUpkeepProcessTest {

    static final RecordedEvents events = new RecordedEvents();

    @RegisterExtension
    static final ProcessEngineCoverageExtension engine = ProcessEngineCoverageExtension
            .builder(LivingEntryModels.withCoverage("entry-upkeep-process-test", events))
            .reportDirectory(LivingEntryModels.buildFolder().resolve("process-test-coverage").toString())
            .assertClassCoverageAtLeast(1.0)
            .build();

    ReviewCases cases;

    @BeforeEach
    void deployAndReset() {
        LivingEntryModels.deploy(engine.getProcessEngine(), LivingEntryModels.UPKEEP);
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
    void onTheReviewDateTheOwnersGetATaskAndAfterTheirConfirmationTheNextOneIsAnIntervalLater() {
        String caseId = newCaseId();
        ProcessInstance instance = start(caseId, Period.ofMonths(6));

        assertThat(instance.getTenantId()).isEqualTo(ORGANISATION);
        assertThat(instance).isWaitingAt("confirmEntryCurrent").task().hasCandidateGroup("project-owner");
        assertThat(cases.openTask(instance, "confirmEntryCurrent").getTenantId()).isEqualTo(ORGANISATION);
        assertThat(events.ofType(ReReviewDue.class)).containsExactly(new ReReviewDue(caseId, ORGANISATION, instance.getId(),
                "confirmEntryCurrent"));

        cases.complete(SUBMITTER, cases.openTask(instance, "confirmEntryCurrent"), Map.of(ProcessVariables.OUTCOME, ReviewTask.SUBMIT,
                ProcessVariables.RATIONALE, "Checked the text and the DPIA: still right."));

        assertThat(events.ofType(ReReviewConfirmed.class)).containsExactly(new ReReviewConfirmed(caseId, ORGANISATION, SUBMITTER.id(),
                "Checked the text and the DPIA: still right.", instance.getId(), "confirmEntryCurrent"));
        assertThat(instance).isWaitingAt("nextReviewDateReached");
        Instant sixMonthsOn = Instant.now().atOffset(ZoneOffset.UTC).plusMonths(6).toInstant();
        assertThat(timer(instance).getDuedate().toInstant()).isCloseTo(sixMonthsOn, within(1, ChronoUnit.MINUTES));

        fire(timer(instance));

        assertThat(instance).isWaitingAt("confirmEntryCurrent")
                .hasPassedInOrder("reviewDateReached", "reReviewLoop", "confirmEntryCurrent", "nextReviewDateReached");
        assertThat(events.ofType(ReReviewDue.class)).hasSize(2);
    }

    @Test
    void aChangeOrRetirementEndsTheUpkeepWhileItWaitsForTheNextReviewDate() {
        String caseId = newCaseId();
        ProcessInstance instance = start(caseId, Period.ofYears(1));
        cases.complete(SUBMITTER, cases.openTask(instance, "confirmEntryCurrent"), Map.of(ProcessVariables.OUTCOME, ReviewTask.SUBMIT,
                ProcessVariables.RATIONALE, "Still right."));
        assertThat(instance).isWaitingAt("nextReviewDateReached");

        endUpkeep(caseId);

        assertThat(instance).isEnded().hasPassed("entryChangedOrRetired", "upkeepStopped");
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).count()).isZero();
    }

    @Test
    void aChangeEndsAnOpenReReviewTask() {
        String caseId = newCaseId();
        ProcessInstance instance = start(caseId, Period.ofYears(1));
        assertThat(instance).isWaitingAt("confirmEntryCurrent");

        endUpkeep(caseId);

        assertThat(instance).isEnded().hasPassed("upkeepStopped");
        assertThat(engine.getTaskService().createTaskQuery().processInstanceId(instance.getId()).count()).isZero();
        assertThat(events.ofType(ReReviewConfirmed.class)).isEmpty();
    }

    @Test
    void endingTheUpkeepOfAnEntryWithoutOneChangesNothing() {
        String other = newCaseId();
        ProcessInstance running = start(other, Period.ofYears(1));

        endUpkeep(newCaseId());

        assertThat(running).isWaitingAt("confirmEntryCurrent");
    }

    /** Started as {@link EntryUpkeepProcess#startDue} does, when the planned review date has come. */
    private ProcessInstance start(String caseId, Period interval) {
        return engine.getRuntimeService().createProcessInstanceByKey(EntryUpkeepProcess.PROCESS_KEY)
                .businessKey(caseId)
                .setVariable(ProcessVariables.CASE_ID, caseId)
                .setVariable(ProcessVariables.ORGANISATION, ORGANISATION)
                .setVariable(EntryUpkeepProcess.INTERVAL, interval.toString())
                .execute();
    }

    /** As {@link EntryUpkeepProcess#end} does. */
    private void endUpkeep(String caseId) {
        engine.getRuntimeService().createMessageCorrelation(EntryUpkeepProcess.ENDED_MESSAGE).processInstanceBusinessKey(caseId)
                .correlateAll();
    }

    private Job timer(ProcessInstance instance) {
        return engine.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
    }

    /** Moves the timer's due date to now and runs it, as the job executor does once the date has come. */
    private void fire(Job timer) {
        engine.getManagementService().setJobDuedate(timer.getId(), new Date());
        engine.getManagementService().executeJob(timer.getId());
    }
}
