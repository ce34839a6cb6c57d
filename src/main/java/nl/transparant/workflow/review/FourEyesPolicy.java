package nl.transparant.workflow.review;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * {@code policies/four-eyes.yaml}: per process, the steps that are work on a case and the steps that review it. Whoever
 * did any work step on a case may do none of its review steps. A step is a user task id of the BPMN, the submission
 * ({@link #SUBMISSION}, the process's start) or an action outside the engine ({@link #SUPERVISOR_ADVICE},
 * {@link #ETHICS_VOTE}).
 */
public record FourEyesPolicy(Map<String, Steps> processes) {

    public static final String SUBMISSION = "submission";
    public static final String SUPERVISOR_ADVICE = "supervisor-advice";
    public static final String ETHICS_VOTE = "ethics-vote";

    public record Steps(Set<String> work, Set<String> reviews) {

        public Steps {
            work = Set.copyOf(work);
            reviews = Set.copyOf(reviews);
        }
    }

    public enum Kind {
        WORK, REVIEW
    }

    public FourEyesPolicy {
        processes = Map.copyOf(processes);
    }

    /** Whether the step is work or a review; empty when the policy does not say, and then nobody may act on it. */
    public Optional<Kind> kindOf(String processKey, String step) {
        Steps steps = processes.get(processKey);
        if (steps == null) {
            return Optional.empty();
        }
        if (steps.work().contains(step)) {
            return Optional.of(Kind.WORK);
        }
        return steps.reviews().contains(step) ? Optional.of(Kind.REVIEW) : Optional.empty();
    }

    public Set<String> workOf(String processKey) {
        Steps steps = processes.get(processKey);
        return steps == null ? Set.of() : steps.work();
    }

    /** The user tasks of these processes (process key to task ids) that the policy calls neither work nor review. */
    List<String> uncovered(Map<String, List<String>> userTasksByProcess) {
        List<String> missing = new ArrayList<>();
        userTasksByProcess.forEach((process, tasks) -> tasks.stream()
                .filter(task -> kindOf(process, task).isEmpty())
                .forEach(task -> missing.add(process + "/" + task)));
        return missing;
    }

    /** Reads the file; an {@link IllegalArgumentException} names what is wrong with it. */
    static FourEyesPolicy read(Path file) {
        Object document;
        try (InputStream in = Files.newInputStream(file)) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException | YAMLException e) {
            throw new IllegalArgumentException("cannot be read as YAML: " + e.getMessage(), e);
        }
        if (!(document instanceof Map<?, ?> root) || !(root.get("processes") instanceof Map<?, ?> processes)) {
            throw new IllegalArgumentException("needs a mapping 'processes' of process keys to their 'work' and 'reviews'");
        }
        Map<String, Steps> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> process : processes.entrySet()) {
            String key = String.valueOf(process.getKey());
            if (!(process.getValue() instanceof Map<?, ?> lists) || !lists.keySet().equals(Set.of("work", "reviews"))) {
                throw new IllegalArgumentException("process '" + key + "' needs exactly the lists 'work' and 'reviews'");
            }
            Set<String> work = names(key, "work", lists.get("work"));
            Set<String> reviews = names(key, "reviews", lists.get("reviews"));
            for (String step : work) {
                if (reviews.contains(step)) {
                    throw new IllegalArgumentException("process '" + key + "': '" + step + "' is listed as both work and review");
                }
            }
            result.put(key, new Steps(work, reviews));
        }
        return new FourEyesPolicy(result);
    }

    private static Set<String> names(String process, String list, Object value) {
        if (!(value instanceof List<?> items) || items.stream().anyMatch(item -> !(item instanceof String s) || s.isBlank())) {
            throw new IllegalArgumentException("process '" + process + "': '" + list + "' must be a list of step names");
        }
        Set<String> names = new LinkedHashSet<>();
        items.forEach(item -> names.add(((String) item).strip()));
        return names;
    }
}
