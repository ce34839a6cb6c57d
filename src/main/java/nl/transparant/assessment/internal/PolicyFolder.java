package nl.transparant.assessment.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nl.transparant.assessment.PolicyProblem;
import nl.transparant.assessment.PolicyProblem.Severity;
import nl.transparant.assessment.ReloadReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder of policy files of one kind, read again on every reload. A file that now has an error keeps being
 * served in its last good version, so a typo in a policy never takes a working policy away; a file that was
 * removed is no longer served. Two files claiming the same policy (for definitions the same URN and version): both are refused
 * with an error naming both, and the version of that policy served before (if any) keeps serving.
 */
public final class PolicyFolder<T> {

    /** The policy read from a file, or null when the file has errors; with all problems found. */
    public record Loaded<T>(T policy, List<PolicyProblem> problems) {
    }

    public interface Kind<T> {

        Loaded<T> read(PolicyFile file);

        /** What identifies the policy across versions, such as the URN. */
        String key(T policy);

        /** How a report names this version of the policy. */
        String describe(T policy);
    }

    private static final Logger log = LoggerFactory.getLogger(PolicyFolder.class);

    private final Path folder;
    private final Kind<T> kind;
    private final String what;
    private Map<String, T> servedByFile = Map.of();

    /** @param what how the log names one policy of this folder, e.g. "assessment definition" */
    public PolicyFolder(Path folder, Kind<T> kind, String what) {
        this.folder = folder;
        this.kind = kind;
        this.what = what;
    }

    public synchronized ReloadReport reload() {
        List<PolicyProblem> problems = new ArrayList<>();
        List<String> served = new ArrayList<>();
        List<String> keptPrevious = new ArrayList<>();
        Map<String, T> next = new LinkedHashMap<>();
        if (!Files.isDirectory(folder)) {
            problems.add(new PolicyProblem(Severity.WARNING, folder.toString(), null, "",
                    "the folder does not exist, so there are no policies of this kind"));
        }
        // First every file (or its last good version), grouped by what it claims to be; then the claims.
        Map<String, T> candidates = new LinkedHashMap<>();
        Map<String, Boolean> fromPrevious = new HashMap<>();
        Map<String, List<String>> filesOfKey = new LinkedHashMap<>();
        for (Path path : files()) {
            String name = folder.relativize(path).toString().replace('\\', '/');
            T policy = null;
            try {
                Loaded<T> loaded = kind.read(PolicyFile.read(folder, path));
                problems.addAll(loaded.problems());
                policy = loaded.policy();
            } catch (IOException e) {
                problems.add(new PolicyProblem(Severity.ERROR, name, null, "", "cannot be read: " + e.getMessage()));
            }
            boolean previous = policy == null;
            if (previous) {
                policy = servedByFile.get(name);
                if (policy == null) {
                    continue;
                }
            }
            candidates.put(name, policy);
            fromPrevious.put(name, previous);
            filesOfKey.computeIfAbsent(kind.key(policy), k -> new ArrayList<>()).add(name);
        }
        filesOfKey.forEach((key, names) -> {
            if (names.size() == 1) {
                String name = names.get(0);
                T policy = candidates.get(name);
                next.put(name, policy);
                served.add(kind.describe(policy));
                if (fromPrevious.get(name)) {
                    keptPrevious.add(kind.describe(policy) + " from " + name);
                }
                return;
            }
            // Two files claim the same policy: neither is taken (which would win would depend on the names' order);
            // the version served before, if any, keeps serving.
            names.forEach(name -> problems.add(new PolicyProblem(Severity.ERROR, name, null, "urn, version", "'" + key
                    + "' is defined in " + String.join(" and ", names) + "; neither file is served until one of them is removed or changed")));
            servedByFile.forEach((name, policy) -> {
                if (kind.key(policy).equals(key)) {
                    next.put(name, policy);
                    served.add(kind.describe(policy));
                    keptPrevious.add(kind.describe(policy) + " from " + name);
                }
            });
        });
        servedByFile = next;
        ReloadReport report = new ReloadReport(folder.toString(), served, keptPrevious, problems);
        logged(report);
        return report;
    }

    private void logged(ReloadReport report) {
        report.problems().forEach(problem -> {
            if (problem.isError()) {
                log.error("{} refused: {}", what, problem);
            } else {
                log.warn("{}: {}", what, problem);
            }
        });
        log.info("Serving {} {}s from {}: {}", report.served().size(), what, report.folder(), report.served());
    }

    /** The policies served now, in the order of their file names. */
    public synchronized List<T> served() {
        return List.copyOf(servedByFile.values());
    }

    private List<Path> files() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile).filter(PolicyFile::isPolicy).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the policy folder " + folder, e);
        }
    }
}
