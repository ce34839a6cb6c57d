package nl.transparant.workflow.livingentry;

import nl.transparant.workflow.RecordedEvents;
import nl.transparant.workflow.WorkflowTestEngine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;

/**
 * The processes of a published entry's life ({@code processes/entry-retirement.bpmn}, {@code processes/entry-re-review.bpmn})
 * on the test engine of {@link WorkflowTestEngine}, with the application's own delegate and task listener.
 */
final class LivingEntryModels {

    public static final Path RETIREMENT = Path.of("processes", "entry-retirement.bpmn");
    public static final Path UPKEEP = Path.of("processes", "entry-re-review.bpmn");

    private LivingEntryModels() {
    }

    public static ProcessEngineConfigurationImpl withCoverage(String name, RecordedEvents events) {
        ProcessEngineConfigurationImpl configuration = WorkflowTestEngine.withCoverage(name, events);
        configuration.getBeans().put("retireEntry", new RetireEntryDelegate(events));
        configuration.getBeans().put("reReview", new ReReviewTaskListener(events));
        return configuration;
    }

    public static Path buildFolder() {
        try {
            return Path.of(LivingEntryModels.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void deploy(ProcessEngine engine, Path file) {
        try {
            engine.getRepositoryService().createDeployment()
                    .name("transparant-test")
                    .enableDuplicateFiltering(true)
                    .addInputStream(file.getFileName().toString(), new ByteArrayInputStream(Files.readAllBytes(file)))
                    .deploy();
        } catch (IOException e) {
            throw new UncheckedIOException(file.toAbsolutePath() + " not readable: run the tests from the project folder", e);
        }
    }
}
