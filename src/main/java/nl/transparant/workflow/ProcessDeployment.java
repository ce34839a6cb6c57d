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
    private final DecisionFiles decisionFiles;

    ProcessDeployment(RepositoryService repositoryService,
            @Value("${transparant.processes-dir}") Path processes,
            @Value("${transparant.policies-dir}") Path policies, DecisionFiles decisionFiles) {
        this.repositoryService = repositoryService;
        this.folders = List.of(processes, policies);
        this.decisionFiles = decisionFiles;
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
        findDecisionsWithoutFile(files);
        log.info("Deployed {} process and policy files ({} new definitions)", files.size(),
                count(result.getDeployedProcessDefinitions()) + count(result.getDeployedDecisionDefinitions()));
    }

    /**
     * The decision tables the processes name ({@code camunda:decisionRef}) that no DMN file defines: a deleted file or
     * a renamed decision leaves the engine's last version of it in use, silently. Named in the log here, refused when a
     * case needs it ({@link DecisionsFailClosed}).
     */
    private void findDecisionsWithoutFile(List<Path> files) {
        java.util.Set<String> defined = new java.util.HashSet<>();
        java.util.Set<String> named = new java.util.TreeSet<>();
        for (Path file : files) {
            try (var in = Files.newInputStream(file)) {
                if (file.toString().endsWith(".dmn")) {
                    org.camunda.bpm.model.dmn.Dmn.readModelFromStream(in).getModelElementsByType(org.camunda.bpm.model.dmn.instance.Decision.class)
                            .forEach(decision -> defined.add(decision.getId()));
                } else {
                    org.camunda.bpm.model.bpmn.Bpmn.readModelFromStream(in)
                            .getModelElementsByType(org.camunda.bpm.model.bpmn.instance.BusinessRuleTask.class).stream()
                            .map(org.camunda.bpm.model.bpmn.instance.BusinessRuleTask::getCamundaDecisionRef)
                            .filter(java.util.Objects::nonNull)
                            .forEach(named::add);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
        }
        named.removeAll(defined);
        decisionFiles.replaceWithoutFile(named);
        if (!named.isEmpty()) {
            log.error("The processes name decision tables that no file in {} defines any more: {}. Cases that reach them stop"
                    + " until a file defines them again (the engine would otherwise use their last deployed version).", folders, named);
        }
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
