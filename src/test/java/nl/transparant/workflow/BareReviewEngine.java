package nl.transparant.workflow;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.task.Task;

/**
 * The ceiling for {@code bench/workflow-throughput.sh}: a plain Camunda engine, nothing of the application around it,
 * running the same {@code processes/algorithm-review.bpmn} and {@code policies/review-route.dmn} from disk on the same
 * MariaDB (its own database), with a connection pool of the same size, the same driver options and FEEL engine as the
 * application's (both can be set back to stock: {@link #JDBC_OPTIONS_OF_THE_APPLICATION}, {@link #PREPARED_FEEL}) and the
 * engine's default job executor. The
 * only delegate, {@code publishEntry}, does nothing; the application's parse listeners (stages, segregation of duties,
 * decision log) are simply not installed. A cycle starts an instance and completes whatever user task is open via
 * {@code TaskService}, with the variables the application would hand the engine for the same answers, until the
 * instance ends. A release's publication job is locked in the release's transaction and run by the same thread right
 * after it, as the application does; the job executor would take it only if that thread failed.
 */
final class BareReviewEngine implements AutoCloseable {

    /** The driver options the application's {@code application-mariadb.yml} sets (useServerPrepStmts). */
    static final String JDBC_OPTIONS_OF_THE_APPLICATION = "useServerPrepStmts=true";

    /**
     * The application's FEEL engine, which keeps each expression parsed, unless BENCH_BARE_FEEL=stock: Camunda's own,
     * which parses the route table's expressions at every evaluation.
     */
    static final boolean PREPARED_FEEL = !"stock".equals(System.getenv().getOrDefault("BENCH_BARE_FEEL", "prepared"));

    /** BENCH_BARE_PUBLISH_BY_EXECUTOR=true: leave the publication to the job executor and poll, as before 2026-12-06. */
    static final boolean PUBLISH_BY_EXECUTOR = Boolean.parseBoolean(System.getenv().getOrDefault("BENCH_BARE_PUBLISH_BY_EXECUTOR", "false"));

    private final ProcessEngine engine;
    private final HikariDataSource dataSource;

    private BareReviewEngine(ProcessEngine engine, HikariDataSource dataSource) {
        this.engine = engine;
        this.dataSource = dataSource;
    }

    /** A fresh database {@code database} on the server (e.g. {@code jdbc:mariadb://127.0.0.1:3307/}). */
    static BareReviewEngine start(String server, String user, String password, String database, Path projectDir) throws Exception {
        try (Connection connection = DriverManager.getConnection(server, user, password); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
            statement.execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        }
        HikariConfig pool = new HikariConfig();
        // The driver options of the application's mariadb profile, so that the comparison shows the application's own
        // work and not a setting either side could have (an outside review found the bare engine without it: the
        // setting alone takes a sixth of MariaDB's CPU per cycle). BENCH_BARE_JDBC_OPTIONS= (empty): the driver's
        // defaults, the stock engine as it comes.
        String extra = System.getenv().getOrDefault("BENCH_BARE_JDBC_OPTIONS", JDBC_OPTIONS_OF_THE_APPLICATION);
        pool.setJdbcUrl(server + database + "?nullDatabaseMeansCurrent=true" + (extra.isBlank() ? "" : "&" + extra));
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        pool.setMaximumPoolSize(10); // Spring Boot's default, as the application has
        pool.setAutoCommit(false);
        HikariDataSource dataSource = new HikariDataSource(pool);

        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setDataSource(dataSource);
        configuration.setDatabaseType("mysql");
        configuration.setDatabaseSchemaUpdate("true");
        configuration.setHistory("full");
        configuration.setJobExecutorActivate(true);
        configuration.setProcessEngineName("bare-" + database);
        // as the Spring Boot starter does: the default id generator fetches id blocks in a transaction of its own, which
        // needs a second connection per thread and starves a pool of 10 under 16 clients
        configuration.setIdGenerator(new StrongUuidGenerator());
        Map<Object, Object> beans = new HashMap<>();
        beans.put("publishEntry", (JavaDelegate) execution -> { });
        configuration.setBeans(beans);
        if (PREPARED_FEEL) {
            // the engine tuning the application gives its engine (TransparantEnginePlugin): FEEL expressions parsed once
            DefaultDmnEngineConfiguration dmn = (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
            dmn.setFeelEngineFactory(PreparedFeelEngine.factoryFor(dmn));
            configuration.setDmnEngineConfiguration(dmn);
        }
        ProcessEngine engine = configuration.buildProcessEngine();
        engine.getRepositoryService().createDeployment()
                .name("bare-review")
                .addString("algorithm-review.bpmn", Files.readString(projectDir.resolve("processes/algorithm-review.bpmn")))
                .addString("review-route.dmn", Files.readString(projectDir.resolve("policies/review-route.dmn")))
                .deploy();
        return new BareReviewEngine(engine, dataSource);
    }

    /** One case from start to its end; returns the user tasks it went through. */
    List<String> cycle() throws InterruptedException {
        String caseId = UUID.randomUUID().toString();
        Map<String, Object> start = new HashMap<>();
        start.put("caseId", caseId);
        start.put("organisation", "zoetermeer");
        String instanceId = engine.getRuntimeService().startProcessInstanceByKey("algorithm-review", caseId, start).getId();
        List<String> path = new ArrayList<>();
        while (true) {
            Task task = engine.getTaskService().createTaskQuery().processInstanceId(instanceId).singleResult();
            if (task != null) {
                path.add(task.getTaskDefinitionKey());
                String claimedPublication;
                if (PUBLISH_BY_EXECUTOR) {
                    engine.getTaskService().complete(task.getId(), variablesFor(task.getTaskDefinitionKey()));
                    claimedPublication = null;
                } else {
                    claimedPublication = completeClaimingPublication(task, instanceId);
                }
                if (claimedPublication != null) {
                    engine.getManagementService().executeJob(claimedPublication);
                }
                continue;
            }
            HistoricProcessInstance instance = engine.getHistoryService().createHistoricProcessInstanceQuery()
                    .processInstanceId(instanceId).singleResult();
            if (instance.getEndTime() != null) {
                if (!"published".equals(instance.getEndActivityId())) {
                    throw new IllegalStateException("Bare cycle ended at " + instance.getEndActivityId() + " after " + path);
                }
                return path;
            }
            Thread.sleep(WorkflowThroughputBenchmark.POLL_MILLIS); // the asynchronous publication has not run yet
        }
    }

    /**
     * Completes the task and, as the application does for a release (its {@code PublicationJobs}), locks the
     * publication job the completion left for this thread, in the same transaction, so the job executor leaves it and
     * this thread runs it right after the commit: the same way to the register, without the application around it.
     * The job is still new in the command's cache here, so the lock goes into its insert.
     */
    private String completeClaimingPublication(Task task, String instanceId) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        return configuration.getCommandExecutorTxRequired().execute(context -> {
            new CompleteTaskCmd(task.getId(), variablesFor(task.getTaskDefinitionKey())).execute(context);
            for (MessageEntity job : context.getDbEntityManager().getCachedEntitiesByType(MessageEntity.class)) {
                if (instanceId.equals(job.getProcessInstanceId()) && "publishEntry".equals(job.getActivityId())) {
                    job.setLockOwner(configuration.getJobExecutor().getLockOwner());
                    job.setLockExpirationTime(new java.util.Date(ClockUtil.getCurrentTime().getTime()
                            + configuration.getJobExecutor().getLockTimeInMillis()));
                    return job.getId();
                }
            }
            return null;
        });
    }

    /**
     * What the application hands the engine for the benchmark's answers (personal data on a large scale, matched
     * with other data sets: two criteria, so a DPIA is required; no AI system; a DPIA with a low residual risk;
     * approvals): the pre-scan's route inputs (PreScanAssessment#variablesFor), the DPIA's residual risk
     * (DpiaAssessment#variablesFor), the reviewers' outcome. With these the review route takes tier "dpia" twice
     * (after the pre-scan and, in decideAfterDpia, with the residual risk), as it does in the application.
     */
    private static Map<String, Object> variablesFor(String activityId) {
        Map<String, Object> variables = new HashMap<>();
        switch (activityId) {
            case "answerPreScan" -> {
                for (String fact : List.of("sensitiveData", "profiling", "automatedDecision", "directImpactOnCitizens",
                        "aiSystem", "highRiskArea", "prohibitedPractice")) {
                    variables.put(fact, false);
                }
                variables.put("personalData", true);
                variables.put("largeScale", true);
                variables.put("dpiaLevel", "required");
                variables.put("aiActClass", "not_applicable");
                variables.put("policyDecisionNeeded", false);
            }
            case "fillInDpia" -> variables.put("residualRisk", "laag");
            case "reviewDpia", "releasePublication" -> {
                variables.put("outcome", "approve");
                variables.put("rationale", "Akkoord.");
            }
            default -> throw new IllegalStateException("The benchmark has no answers for task " + activityId);
        }
        return variables;
    }

    @Override
    public void close() {
        engine.close();
        dataSource.close();
    }
}
