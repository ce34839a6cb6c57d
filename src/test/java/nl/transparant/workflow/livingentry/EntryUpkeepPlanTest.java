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
 * comes, then the upkeep schedule starts {@code processes/entry-upkeep.bpmn} once, whichever nodes look at the same
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
    TaskService taskService;
    @Autowired
    JdbcTemplate jdbc;

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
        assertThat(upkeep.nextReReview(caseId)).contains(task.getCreateTime().toInstant());
        assertThat(upkeep.startDue(clock.instant())).as("started once").isZero();
        assertThat(instances(caseId)).hasSize(1);
    }

    @Test
    void aChangeOrRetirementDropsThePlanAndNothingStartsOnItsDate() {
        String caseId = UUID.randomUUID().toString();
        upkeep.plan(caseId, ORGANISATION, clock.instant().plus(Duration.ofDays(30)), Period.ofYears(1));

        upkeep.end(caseId);

        assertThat(upkeep.nextReReview(caseId)).isEmpty();
        clock.advance(Duration.ofDays(31));
        upkeep.startDue(clock.instant());
        assertThat(instances(caseId)).isEmpty();
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

    private List<ProcessInstance> instances(String caseId) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(EntryUpkeepProcess.PROCESS_KEY)
                .processInstanceBusinessKey(caseId).list();
    }

    private int plans(String caseId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM entry_upkeep_plan WHERE case_id = ?", Integer.class, caseId);
    }
}
