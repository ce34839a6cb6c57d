package nl.transparant.workflow;

import java.io.IOException;
import jakarta.annotation.PostConstruct;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Deploys the BPMN and DMN files from the project's {@code processes/} and {@code policies/} folders,
 * where a policy owner edits them, rather than from inside the jar. Unchanged files are not deployed
 * again; a changed file becomes a new version that the next case uses.
 */
@Component
public class ProcessDeployment {

    private static final Logger log = LoggerFactory.getLogger(ProcessDeployment.class);
    static final String DEPLOYMENT_NAME = "transparant";

    private final RepositoryService repositoryService;
    private final List<Path> folders;

    ProcessDeployment(RepositoryService repositoryService,
            @Value("${transparant.processes-dir}") Path processes,
            @Value("${transparant.policies-dir}") Path policies) {
        this.repositoryService = repositoryService;
        this.folders = List.of(processes, policies);
    }

    /** Runs while the application starts, before it takes requests: no case can start on a missing definition. */
    @PostConstruct
    public void deploy() {
        DeploymentBuilder deployment = repositoryService.createDeployment()
                .name(DEPLOYMENT_NAME)
                .source("transparant")
                .enableDuplicateFiltering(true);
        List<Path> files = models();
        if (files.isEmpty()) {
            throw new IllegalStateException("No BPMN or DMN files found in " + folders
                    + " (run the application from the project folder, or set transparant.processes-dir and transparant.policies-dir)");
        }
        for (Path file : files) {
            try {
                deployment.addInputStream(file.getFileName().toString(), new ByteArrayInputStream(Files.readAllBytes(file)));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
        }
        var result = deployment.deployWithResult();
        log.info("Deployed {} process and policy files ({} new definitions)", files.size(),
                count(result.getDeployedProcessDefinitions()) + count(result.getDeployedDecisionDefinitions()));
    }

    /** The engine answers null instead of an empty list when duplicate filtering found nothing new (a restart). */
    private static int count(List<?> definitions) {
        return definitions == null ? 0 : definitions.size();
    }

    private List<Path> models() {
        return folders.stream()
                .filter(Files::isDirectory)
                .flatMap(ProcessDeployment::list)
                .filter(p -> p.toString().endsWith(".bpmn") || p.toString().endsWith(".dmn"))
                .sorted()
                .toList();
    }

    private static Stream<Path> list(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
