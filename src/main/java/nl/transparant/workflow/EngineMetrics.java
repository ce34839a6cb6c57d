package nl.transparant.workflow;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import nl.transparant.operations.MeasuredSnapshot;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The engine's backlog as gauges, counted in the shared database and so the same on every node:
 * <ul>
 * <li>{@code transparant_tasks_open{process,task}}: open user tasks per task definition;</li>
 * <li>{@code transparant_tasks_oldest_age_seconds{process,task}}: how long the oldest of them has been waiting (0 when none);</li>
 * <li>{@code transparant_jobs_executable}: asynchronous jobs and timers due now that the job executors have not yet run;</li>
 * <li>{@code transparant_jobs_failed}: jobs whose retries are used up (each is an incident someone must look at);</li>
 * <li>{@code transparant_rereviews_overdue}: planned re-reviews more than five minutes past their date that have not
 * started (the schedule fails on them; its log says why).</li>
 * </ul>
 * The task gauges exist for every user task of every deployed definition, so a task nobody has reached yet reads 0
 * rather than being absent.
 */
@Component
class EngineMetrics implements MeterBinder {

    /** One aggregate over the engine's task table: the task API would need two queries per task definition. */
    private static final String OPEN_TASKS = """
            SELECT d.KEY_ AS process_key, t.TASK_DEF_KEY_ AS task_key, COUNT(*) AS open_tasks, MIN(t.CREATE_TIME_) AS oldest
            FROM ACT_RU_TASK t JOIN ACT_RE_PROCDEF d ON d.ID_ = t.PROC_DEF_ID_
            GROUP BY d.KEY_, t.TASK_DEF_KEY_""";

    private final RepositoryService repositoryService;
    private final Clock clock;
    private final MeasuredSnapshot<Map<TaskDefinition, OpenTasks>> openTasks;
    private final MeasuredSnapshot<long[]> jobs;
    /** Planned re-reviews past their date that have not started, and held ones past their date (behind a change or retirement). */
    private final MeasuredSnapshot<long[]> overdueReReviews;
    private final Set<TaskDefinition> registered = ConcurrentHashMap.newKeySet();
    private volatile MeterRegistry registry;

    EngineMetrics(JdbcTemplate jdbc, RepositoryService repositoryService, ManagementService managementService) {
        this.repositoryService = repositoryService;
        this.clock = Clock.systemUTC();
        this.openTasks = new MeasuredSnapshot<>("open tasks", () -> {
            Map<TaskDefinition, OpenTasks> byDefinition = new HashMap<>();
            jdbc.query(OPEN_TASKS, row -> {
                Timestamp oldest = row.getTimestamp("oldest");
                byDefinition.put(new TaskDefinition(row.getString("process_key"), row.getString("task_key")),
                        new OpenTasks(row.getLong("open_tasks"), oldest == null ? null : oldest.toInstant()));
            });
            byDefinition.keySet().forEach(this::register);
            return byDefinition;
        });
        this.jobs = new MeasuredSnapshot<>("the job backlog", () -> new long[] {
                managementService.createJobQuery().executable().count(),
                managementService.createJobQuery().noRetriesLeft().count()});
        // a planned first re-review is a row until the schedule starts it (workflow.livingentry.EntryUpkeepProcess); one
        // that stays past its date means the schedule fails on it, which only its log said (outside tester)
        // a held one past its date is a re-review parked behind a change or retirement that does not end (outside tester)
        this.overdueReReviews = new MeasuredSnapshot<>("overdue re-reviews", () -> jdbc.queryForObject(
                "SELECT SUM(CASE WHEN held_at_version IS NULL THEN 1 ELSE 0 END), SUM(CASE WHEN held_at_version IS NULL THEN 0 ELSE 1 END)"
                        + " FROM entry_upkeep_plan WHERE due_at < ?",
                (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}, Timestamp.from(clock.instant().minus(java.time.Duration.ofMinutes(5)))));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("transparant.jobs.executable", jobs, j -> j.current().map(c -> (double) c[0]).orElse(Double.NaN))
                .description("Jobs due now and not yet run by a job executor")
                .register(registry);
        Gauge.builder("transparant.jobs.failed", jobs, j -> j.current().map(c -> (double) c[1]).orElse(Double.NaN))
                .description("Jobs with no retries left (incidents)")
                .register(registry);
        Gauge.builder("transparant.rereviews.overdue", overdueReReviews, o -> o.current().map(c -> (double) c[0]).orElse(Double.NaN))
                .description("Published entries whose planned re-review is more than five minutes past its date and has not started")
                .register(registry);
        Gauge.builder("transparant.rereviews.held.overdue", overdueReReviews, o -> o.current().map(c -> (double) c[1]).orElse(Double.NaN))
                .description("Published entries whose re-review is past its date and held while a change or retirement runs")
                .register(registry);
        repositoryService.createProcessDefinitionQuery().list().forEach(definition ->
                repositoryService.getBpmnModelInstance(definition.getId()).getModelElementsByType(UserTask.class)
                        .forEach(task -> register(new TaskDefinition(definition.getKey(), task.getId()))));
    }

    private void register(TaskDefinition definition) {
        MeterRegistry target = registry;
        if (target == null || !registered.add(definition)) {
            return;
        }
        Gauge.builder("transparant.tasks.open", openTasks, s -> s.current()
                        .map(all -> (double) all.getOrDefault(definition, OpenTasks.NONE).count())
                        .orElse(Double.NaN))
                .description("Open user tasks of this task definition")
                .tags("process", definition.process(), "task", definition.task())
                .register(target);
        Gauge.builder("transparant.tasks.oldest.age", openTasks, s -> s.current()
                        .map(all -> ageInSeconds(all.getOrDefault(definition, OpenTasks.NONE)))
                        .orElse(Double.NaN))
                .description("How long the oldest open task of this task definition has been waiting")
                .baseUnit("seconds")
                .tags("process", definition.process(), "task", definition.task())
                .register(target);
    }

    private double ageInSeconds(OpenTasks tasks) {
        return tasks.oldest() == null ? 0 : Math.max(0, Duration.between(tasks.oldest(), clock.instant()).toSeconds());
    }

    private record TaskDefinition(String process, String task) {
    }

    private record OpenTasks(long count, Instant oldest) {
        static final OpenTasks NONE = new OpenTasks(0, null);
    }
}
