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
        java.util.Map<String, List<String>> unreadableTables = new java.util.TreeMap<>();
        java.util.Map<Path, byte[]> contents = new java.util.LinkedHashMap<>();
        // which file defines which decision: one decision in two files would leave the engine to pick (or refuse to start)
        java.util.Map<String, List<Path>> definedIn = new java.util.TreeMap<>();
        for (Path file : files) {
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + file, e);
            }
            if (file.toString().endsWith(".dmn")) {
                Object read = readTable(file, content);
                if (read instanceof List<?> unreadable) {
                    unreadableTables.put(file.getFileName().toString(), unreadable.stream().map(String::valueOf).toList());
                    continue;
                }
                ((java.util.Set<?>) read).forEach(key -> definedIn.computeIfAbsent(String.valueOf(key), k -> new java.util.ArrayList<>()).add(file));
            }
            contents.put(file, content);
        }
        definedIn.forEach((key, inFiles) -> {
            if (inFiles.size() > 1) {
                log.error("Decision {} is defined in {} files: {}. None of them is deployed; cases that need it stop.", key,
                        inFiles.size(), inFiles);
                for (Path file : inFiles) {
                    contents.remove(file);
                    unreadableTables.put(file.getFileName().toString(), List.of("decisionTwice", key,
                            String.join(", ", inFiles.stream().map(f -> f.getFileName().toString()).toList())));
                }
            }
        });
        List<Path> deployed = new java.util.ArrayList<>(contents.keySet());
        contents.forEach((file, content) -> deployment.addInputStream(file.getFileName().toString(), new ByteArrayInputStream(content)));
        var result = deployment.deployWithResult();
        decisionFiles.replaceUnreadable(unreadableTables);
        findDecisionsWithoutFile(deployed);
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

    /**
     * The table's decision keys when the DMN engine reads it; otherwise the reason (a message key and its arguments, a
     * list) and the table stays
     * out of the deployment: one typo in a policy file used to stop the whole application at start, public register
     * included. The cases that need the table stop instead, naming the file ({@link DecisionsFailClosed}).
     */
    private static Object readTable(Path file, byte[] content) {
        try {
            return DMN_READER.parseDecisionRequirementsGraph(new ByteArrayInputStream(content)).getDecisionKeys();
        } catch (RuntimeException e) {
            log.error("The decision table {} is not deployed: {}. Cases that need it stop until it is repaired.", file, e.getMessage(), e);
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof org.xml.sax.SAXParseException xml && xml.getLineNumber() > 0) {
                    return List.of("notDmnAt", String.valueOf(xml.getLineNumber()));
                }
                // the model parser hands the XML parser's error on as text: "Fatal Error: URI=null Line=260: ..."
                java.util.regex.Matcher line = XML_ERROR_LINE.matcher(String.valueOf(cause.getMessage()));
                if (cause instanceof org.xml.sax.SAXException && line.find()) {
                    return List.of("notDmnAt", line.group(1));
                }
            }
            return List.of("notDmn");
        }
    }

    private static final java.util.regex.Pattern XML_ERROR_LINE = java.util.regex.Pattern.compile("Line=(\\d+)");

    /** Reads a table as the engine's DMN engine would, without deploying it (built once: it is not small). */
    private static final org.camunda.bpm.dmn.engine.DmnEngine DMN_READER =
            org.camunda.bpm.dmn.engine.DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();

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

    /**
     * The folder's own files, not its subfolders': an old copy of a table kept in a subfolder (policies/vorige/) was
     * deployed under the same name and, sorting after the real one, silently replaced it (outside tester).
     */
    private static Stream<Path> list(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            all.stream().filter(p -> !p.getParent().equals(folder))
                    .filter(p -> p.toString().endsWith(".bpmn") || p.toString().endsWith(".dmn"))
                    .forEach(p -> log.warn("Not deployed: {} is in a subfolder; only the files directly in {} are", p, folder));
            return all.stream().filter(p -> p.getParent().equals(folder));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
