package nl.transparant.workflow;

import nl.transparant.workflow.problemreports.ProblemReportReminderDelegate;
import nl.transparant.workflow.review.FourEyes;
import nl.transparant.workflow.review.PublishEntryDelegate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.community.process_test_coverage.engine.platform7.ProcessCoverageInMemProcessEngineConfiguration;

/**
 * An in-memory engine shaped like the application's: the application's own {@link TransparantEnginePlugin}
 * and {@link PublishEntryDelegate}, history FULL, no job executor, and the BPMN and DMN deployed from the
 * project's {@code processes/} and {@code policies/} folders (the files a policy owner edits, not copies).
 */
public final class WorkflowTestEngine {

    public static final Path REVIEW_PROCESS = Path.of("processes", "algorithm-review.bpmn");
    public static final Path REVIEW_ROUTE = Path.of("policies", "review-route.dmn");
    public static final Path FOUR_EYES = Path.of("policies", "four-eyes.yaml");

    private WorkflowTestEngine() {
    }

    /** A configuration with the coverage parse listener, for the process test's coverage extension. */
    public static ProcessEngineConfigurationImpl withCoverage(String name, RecordedEvents events) {
        return configure(new ProcessCoverageInMemProcessEngineConfiguration(), name, events);
    }

    public static ProcessEngine plain(String name, RecordedEvents events) {
        return configure(new StandaloneInMemProcessEngineConfiguration(), name, events).buildProcessEngine();
    }

    private static ProcessEngineConfigurationImpl configure(ProcessEngineConfigurationImpl configuration, String name,
            RecordedEvents events) {
        configuration.setProcessEngineName(name);
        configuration.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        configuration.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_CREATE_DROP);
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setJobExecutorActivate(false);
        List<ProcessEnginePlugin> plugins = new ArrayList<>(configuration.getProcessEnginePlugins());
        plugins.add(new TransparantEnginePlugin(events, new FourEyes(FOUR_EYES, Path.of("processes"), event -> { })));
        configuration.setProcessEnginePlugins(plugins);
        Map<Object, Object> beans = new HashMap<>();
        beans.put("publishEntry", new PublishEntryDelegate(events));
        beans.put("problemReportReminder", new ProblemReportReminderDelegate(events));
        configuration.setBeans(beans);
        return configuration;
    }

    /**
     * Deploys the review process and its routing table the way {@link ProcessDeployment} does: by file name,
     * with duplicate filtering, so calling it before every test deploys once per engine.
     */
    public static void deployReviewModels(ProcessEngine engine) {
        engine.getRepositoryService().createDeployment()
                .name("transparant-test")
                .enableDuplicateFiltering(true)
                .addInputStream(REVIEW_PROCESS.getFileName().toString(), read(REVIEW_PROCESS))
                .addInputStream(REVIEW_ROUTE.getFileName().toString(), read(REVIEW_ROUTE))
                .deploy();
    }

    private static InputStream read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file.toAbsolutePath() + " not found: run the tests from the project folder");
        }
        try {
            return new ByteArrayInputStream(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
