package nl.transparant.workflow.livingentry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.transparant.support.ControlledClock;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A published entry's first re-review is a plan (a row), not a waiting process (issue 14): nothing runs until its date
 * comes, then the upkeep schedule starts {@code processes/entry-re-review.bpmn} once, whichever nodes look at the same
 * moment; a change or retirement drops the plan; a changed obligation brings it forward to now. Time is the test's
 * clock; the schedule's own rounds are an hour apart here, so only the test's rounds run.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:entry-upkeep-plan;MODE=MariaDB;DB_CLOSE_DELAY=-1",
        "transparant.demo-data=false",
        "transparant.upkeep.check-interval=PT1H",
        "transparant.upkeep.first-check-after=PT1H"})
@Import(ControlledClock.AsBean.class)
class EntryUpkeepPlanTest {

    static final String ORGANISATION = "zoetermeer";

    @Autowired
    EntryUpkeepProcess upkeep;
    @Autowired
    ControlledClock clock;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    org.camunda.bpm.engine.RepositoryService repositoryService;
    @Autowired
    TaskService taskService;
    @Autowired
    org.camunda.bpm.engine.ManagementService managementService;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactionManager;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void nothingRunsUntilThePlannedDateThenTheUpkeepStartsOnceWithTheOwnersTask() throws Exception {
        String caseId = UUID.randomUUID().toString();
        Instant due = clock.instant().plus(Duration.ofDays(365));
        upkeep.plan(caseId, ORGANISATION, due, Period.ofYears(1));

        assertThat(upkeep.nextReReview(caseId)).contains(due);
        assertThat(instances(caseId)).as("no waiting process, no timer").isEmpty();
        upkeep.startDue(clock.instant());
        assertThat(instances(caseId)).as("not due yet").isEmpty();

        clock.advance(Duration.ofDays(366));
        // two nodes looking at the same moment: one starts it
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> rounds = new ArrayList<>();
            for (int node = 0; node < 2; node++) {
                rounds.add(nodes.submit((Callable<Integer>) () -> upkeep.startDue(clock.instant())));
            }
            int started = 0;
            for (Future<Integer> round : rounds) {
                started += round.get();
            }
            assertThat(started).isOne();
        } finally {
            nodes.shutdownNow();
        }

        List<ProcessInstance> running = instances(caseId);
        assertThat(running).hasSize(1);
        assertThat(running.get(0).getTenantId()).isEqualTo(ORGANISATION);
        var task = taskService.createTaskQuery().processInstanceId(running.get(0).getId()).singleResult();
        assertThat(task.getTaskDefinitionKey()).isEqualTo("confirmEntryCurrent");
        assertThat(plans(caseId)).as("the plan is taken when its upkeep starts").isZero();
        assertThat(upkeep.nextReReview(caseId)).as("due since its planned date, not since the task came").contains(due);
        assertThat(upkeep.startDue(clock.instant())).as("started once").isZero();
        assertThat(instances(caseId)).hasSize(1);
    }

    @Test
    void aChangeOrRetirementDropsThePlanAndNothingStartsOnItsDate() {
        String caseId = UUID.randomUUID().toString();
        upkeep.plan(caseId, ORGANISATION, clock.instant().plus(Duration.ofDays(30)), Period.ofYears(1));

        upkeep.hold(caseId, ORGANISATION, 1, Period.ofYears(1));

        assertThat(upkeep.nextReReview(caseId)).isEmpty();
        clock.advance(Duration.ofDays(31));
        upkeep.startDue(clock.instant());
        assertThat(instances(caseId)).isEmpty();
    }

    /**
     * A change or retirement holds the pending re-review instead of dropping it: the entry published again with as many
     * versions as before (a refused retirement) gets it back as it was, an open task's as overdue since the task came.
     */
    @Test
    void aHeldReReviewIsGivenBackOnlyWhileNoNewVersionCame() {
        String planned = UUID.randomUUID().toString();
        Instant due = clock.instant().plus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        upkeep.plan(planned, ORGANISATION, due, Period.ofYears(1));
        upkeep.hold(planned, ORGANISATION, 1, Period.ofYears(1));
        assertThat(upkeep.heldDue(planned, 1)).contains(due);
        assertThat(upkeep.heldDue(planned, 2)).as("a new version was released: planned anew").isEmpty();

        String open = UUID.randomUUID().toString();
        Instant overdueSince = clock.instant().minus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        upkeep.plan(open, ORGANISATION, overdueSince, Period.ofYears(1));
        upkeep.startDue(clock.instant());
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(open).taskDefinitionKey("confirmEntryCurrent").count()).isOne();
        upkeep.hold(open, ORGANISATION, 3, Period.ofYears(1));
        assertThat(instances(open)).as("the upkeep ended").isEmpty();
        // overdue since its planned date, not since its task came: held and given back again and again, it stays so
        assertThat(upkeep.heldDue(open, 3)).contains(overdueSince);

        clock.advance(Duration.ofDays(400));
        upkeep.startDue(clock.instant());
        assertThat(instances(open)).as("a held re-review does not start on its own").isEmpty();
        assertThat(upkeep.nextReReview(open)).as("nor is it shown while the change or retirement runs").isEmpty();
        upkeep.plan(open, ORGANISATION, upkeep.heldDue(open, 3).orElseThrow(), Period.ofYears(1));
        upkeep.startDue(clock.instant());
        assertThat(instances(open)).as("given back, it starts at once").hasSize(1);
        assertThat(upkeep.nextReReview(open)).contains(overdueSince);
        upkeep.drop(planned);
        assertThat(plans(planned)).isZero();
    }

    @Test
    void anEntryPublishedAgainHasOnePlanWithItsNewDate() {
        String caseId = UUID.randomUUID().toString();
        upkeep.plan(caseId, ORGANISATION, clock.instant().plus(Duration.ofDays(30)), Period.ofYears(1));
        Instant later = clock.instant().plus(Duration.ofDays(400));

        upkeep.plan(caseId, ORGANISATION, later, Period.ofMonths(6));

        assertThat(plans(caseId)).isOne();
        assertThat(upkeep.nextReReview(caseId)).contains(later);
    }

    @Test
    void aPlanBroughtForwardStartsTheUpkeepAtOnce() {
        String caseId = UUID.randomUUID().toString();
        upkeep.plan(caseId, ORGANISATION, clock.instant().plus(Duration.ofDays(300)), Period.ofYears(1));

        upkeep.bringForward(caseId);

        assertThat(instances(caseId)).hasSize(1);
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(caseId).taskDefinitionKey("confirmEntryCurrent").count())
                .isOne();
        assertThat(plans(caseId)).isZero();
    }

    /**
     * During an upgrade a node of the earlier version may still run and deploy its own re-review, which started at
     * publication and waited on a timer. Both run side by side: a due plan still starts this version's process (not
     * the earlier one, which would have needed a date it does not get), and an earlier instance is shown, brought
     * forward and ended as before (outside tester: with one key, each version started the other's process).
     */
    @Test
    void theEarlierVersionsReReviewAndThisOneRunSideBySide() throws Exception {
        try (var earlier = getClass().getResourceAsStream("/earlier-versions/entry-upkeep.bpmn")) {
            repositoryService.createDeployment().name("an earlier version's node").addInputStream("entry-upkeep.bpmn", earlier).deploy();
        }
        String old = UUID.randomUUID().toString();
        Instant oldDue = clock.instant().plus(Duration.ofDays(100));
        runtimeService.createProcessInstanceByKey(EntryUpkeepProcess.EARLIER_KEY).businessKey(old)
                .setVariable("caseId", old).setVariable("organisation", ORGANISATION)
                .setVariable("reReviewDue", java.util.Date.from(oldDue)).setVariable("reReviewInterval", "P1Y").execute();
        assertThat(upkeep.nextReReview(old)).contains(oldDue.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));

        String planned = UUID.randomUUID().toString();
        upkeep.plan(planned, ORGANISATION, clock.instant().minusSeconds(1), Period.ofYears(1));
        assertThat(upkeep.startDue(clock.instant())).isOne();
        assertThat(instances(planned)).singleElement().satisfies(instance -> assertThat(repositoryService
                .getProcessDefinition(instance.getProcessDefinitionId()).getKey()).isEqualTo(EntryUpkeepProcess.PROCESS_KEY));

        upkeep.bringForward(old);
        assertThat(upkeep.nextReReview(old).orElseThrow()).isBeforeOrEqualTo(Instant.now());
        upkeep.hold(old, ORGANISATION, 1, Period.ofYears(1));
        assertThat(instances(old)).isEmpty();
        assertThat(upkeep.nextReReview(old)).isEmpty();
    }

    /**
     * A move of the re-review changes the plan's date (the schedule then starts nothing on the old one), or, once the
     * owner confirmed and the upkeep waits, its timer's job; an open task is due and is not moved, nor is what is not
     * planned at all.
     */
    @Test
    void aPlannedOrWaitingReReviewMovesAndAnOpenOneDoesNot() {
        String caseId = UUID.randomUUID().toString();
        Instant planned = clock.instant().plus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        upkeep.plan(caseId, ORGANISATION, planned, Period.ofYears(1));
        Instant later = clock.instant().plus(Duration.ofDays(90)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        assertThat(upkeep.reschedule(caseId, later)).as("the date it had").contains(planned);

        assertThat(upkeep.nextReReview(caseId)).contains(later);
        clock.advance(Duration.ofDays(31));
        upkeep.startDue(clock.instant());
        assertThat(instances(caseId)).as("not on the old date").isEmpty();

        Instant earlier = clock.instant().minusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        assertThat(upkeep.reschedule(caseId, earlier)).contains(later);
        upkeep.startDue(clock.instant());
        assertThat(instances(caseId)).as("on the new one").hasSize(1);
        assertThat(upkeep.reReviewTaskOpen(caseId)).isTrue();
        assertThat(upkeep.reschedule(caseId, later)).as("an open task is completed, not moved").isEmpty();

        var task = taskService.createTaskQuery().processInstanceBusinessKey(caseId).taskDefinitionKey("confirmEntryCurrent").singleResult();
        taskService.complete(task.getId());
        assertThat(upkeep.reReviewTaskOpen(caseId)).isFalse();
        Instant waiting = upkeep.nextReReview(caseId).orElseThrow();
        Instant moved = waiting.minus(Duration.ofDays(100)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        assertThat(upkeep.reschedule(caseId, moved)).contains(waiting);

        assertThat(upkeep.nextReReview(caseId)).contains(moved);
        assertThat(managementService.createJobQuery().processInstanceId(instances(caseId).get(0).getId()).timers().singleResult().getDuedate().toInstant())
                .isEqualTo(moved);
        assertThat(upkeep.reschedule(UUID.randomUUID().toString(), moved)).as("nothing planned").isEmpty();
    }

    /**
     * A change that starts while a move of the same re-review is still in its transaction holds the date that move set,
     * not the one before it (outside tester: a move answered 200 and logged was lost this way).
     */
    @Test
    void aChangeStartingDuringAMoveHoldsTheMovedDate() throws Exception {
        String caseId = UUID.randomUUID().toString();
        upkeep.plan(caseId, ORGANISATION, clock.instant().plus(Duration.ofDays(200)), Period.ofYears(1));
        Instant moved = clock.instant().plus(Duration.ofDays(20)).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        var transactions = new org.springframework.transaction.support.TransactionTemplate(transactionManager);
        java.util.concurrent.CountDownLatch moveDone = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch commit = new java.util.concurrent.CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> move = threads.submit(() -> transactions.executeWithoutResult(status -> {
                upkeep.reschedule(caseId, moved);
                moveDone.countDown();
                try {
                    commit.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            moveDone.await();
            Thread[] holder = new Thread[1];
            Future<?> hold = threads.submit(() -> {
                holder[0] = Thread.currentThread();
                upkeep.hold(caseId, ORGANISATION, 1, Period.ofYears(1));
            });
            // the change waits for the move's lock
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> holder[0] != null
                    && holder[0].getState() != Thread.State.RUNNABLE && !hold.isDone());
            commit.countDown();
            move.get();
            hold.get();
        } finally {
            threads.shutdownNow();
        }

        assertThat(upkeep.heldDue(caseId, 1)).contains(moved);
    }

    /** A plan past its date that does not start is counted for the operator, not only logged (outside tester). */
    @Test
    void aPlanPastItsDateIsCountedForTheOperator() {
        upkeep.plan(UUID.randomUUID().toString(), ORGANISATION, Instant.now().minus(Duration.ofHours(1)), Period.ofYears(1));
        // and one held past its date behind a change nobody finishes (outside tester: it was counted nowhere)
        String parked = UUID.randomUUID().toString();
        upkeep.plan(parked, ORGANISATION, Instant.now().minus(Duration.ofDays(3)), Period.ofYears(1));
        upkeep.hold(parked, ORGANISATION, 1, Period.ofYears(1));

        assertThat(meters.get("transparant.rereviews.overdue").gauge().value()).isGreaterThanOrEqualTo(1);
        assertThat(meters.get("transparant.rereviews.held.overdue").gauge().value()).isGreaterThanOrEqualTo(1);
        assertThat(upkeep.held(parked)).isPresent();
    }

    private List<ProcessInstance> instances(String caseId) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKeyIn(EntryUpkeepProcess.PROCESS_KEY, EntryUpkeepProcess.EARLIER_KEY)
                .processInstanceBusinessKey(caseId).list();
    }

    private int plans(String caseId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM entry_upkeep_plan WHERE case_id = ?", Integer.class, caseId);
    }
}
