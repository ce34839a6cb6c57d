package nl.transparant.operations;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Where the processes and policies come from when the application is started outside the project folder, e.g.
 * {@code java -jar transparant.jar} in an empty folder. The jar carries the product's own {@code processes/} and
 * {@code policies/} (copied in by the build under {@code bundled/}); when the configured folder is the default one
 * and it is not there, those copies are unpacked into a temporary folder and used, and the log says so in one line,
 * with where to put one's own. A folder that was configured explicitly and is missing stops the start with one clear
 * line ({@link MissingDefinitionsFolderAnalyzer}): a municipality that pointed at its own policies must never run on
 * ours without noticing.
 *
 * <p>An environment post-processor, not a bean: every module reads these folders while its beans are made, so the
 * properties must be settled before the context exists.
 */
public class BundledDefinitions implements EnvironmentPostProcessor {

    static final String PROCESSES = "transparant.processes-dir";
    static final String POLICIES = "transparant.policies-dir";
    private static final String ASSESSMENTS = "transparant.assessments-dir";
    private static final String DECISION_TREES = "transparant.decision-trees-dir";
    private static final String BUNDLED = "bundled/";

    private final Log log;

    public BundledDefinitions(DeferredLogFactory logs) {
        this.log = logs.getLog(BundledDefinitions.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> replaced = new LinkedHashMap<>();
        Path unpacked = null;
        for (String key : new String[] {PROCESSES, POLICIES}) {
            String configured = environment.getProperty(key);
            if (configured == null || Files.isDirectory(Path.of(configured))) {
                continue;
            }
            String folder = key.equals(PROCESSES) ? "processes" : "policies";
            if (!configured.equals(folder)) {
                throw new MissingDefinitionsFolder(key, Path.of(configured).toAbsolutePath());
            }
            if (unpacked == null) {
                unpacked = unpackBundledCopies();
            }
            Path copy = unpacked.resolve(folder);
            replaced.put(key, copy.toString());
            if (key.equals(POLICIES)) {
                // the sub-folders follow the policies folder unless they were configured on their own
                followIfDefault(environment, ASSESSMENTS, "policies/assessments", copy.resolve("assessments"), replaced);
                followIfDefault(environment, DECISION_TREES, "policies/decision-trees", copy.resolve("decision-trees"), replaced);
            }
            log.info("No " + folder + "/ folder in " + Path.of("").toAbsolutePath() + ": using the product's own " + folder
                    + " bundled in the jar (unpacked to " + copy + "). Put a " + folder + "/ folder there, or set " + key
                    + ", to use your own.");
        }
        if (!replaced.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource("transparant-bundled-definitions", replaced));
        }
    }

    private static void followIfDefault(ConfigurableEnvironment environment, String key, String defaultValue, Path copy,
            Map<String, Object> replaced) {
        if (defaultValue.equals(environment.getProperty(key))) {
            replaced.put(key, copy.toString());
        }
    }

    private static Path unpackBundledCopies() {
        try {
            Path target = Files.createTempDirectory("transparant-bundled-");
            // a copy for this run only: gone when the JVM ends, so starts do not pile up folders in the temp directory
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(target), "remove-bundled-definitions"));
            Resource[] files = new PathMatchingResourcePatternResolver(BundledDefinitions.class.getClassLoader())
                    .getResources("classpath*:" + BUNDLED + "**/*.*");
            for (Resource file : files) {
                String url = file.getURL().toString();
                String relative = url.substring(url.lastIndexOf(BUNDLED) + BUNDLED.length());
                Path destination = target.resolve(relative).normalize();
                if (!destination.startsWith(target)) {
                    continue; // never outside the folder, whatever a name in the jar says
                }
                Files.createDirectories(destination.getParent());
                try (InputStream in = file.getInputStream()) {
                    Files.copy(in, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack the processes and policies bundled in the jar", e);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (java.util.stream.Stream<Path> all = Files.walk(folder)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException alreadyGone) {
            // nothing left to clean up
        }
    }

    /** A folder of processes or policies that was configured explicitly and is not there. */
    static final class MissingDefinitionsFolder extends RuntimeException {

        private final String property;
        private final Path folder;

        MissingDefinitionsFolder(String property, Path folder) {
            super(property + " names " + folder + ", which is not a folder");
            this.property = property;
            this.folder = folder;
        }

        String property() {
            return property;
        }

        Path folder() {
            return folder;
        }
    }
}
