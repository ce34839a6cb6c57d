package nl.transparant.assessment;

import jakarta.annotation.PostConstruct;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.transparant.assessment.internal.CompiledDefinition;
import nl.transparant.assessment.internal.DefinitionReader;
import nl.transparant.assessment.internal.PolicyFolder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The assessment definitions of {@code policies/assessments/} (property {@code transparant.assessments-dir}),
 * loaded while the application starts and again on an administrator's {@link #reload()}. A definition file
 * with an error is refused with every problem named, and its last good version stays in service. Every version
 * served since the start stays available by its {@link DefinitionId}, so an answer set can be evaluated again
 * with the definition it was recorded with.
 */
@Component
public class AssessmentDefinitions {


    private final PolicyFolder<CompiledDefinition> folder;
    private final ApplicationEventPublisher events;
    private final Map<DefinitionId, CompiledDefinition> everServed = new ConcurrentHashMap<>();
    private volatile Map<String, CompiledDefinition> currentByUrn = Map.of();
    private volatile ReloadReport lastReload;

    AssessmentDefinitions(@Value("${transparant.assessments-dir}") Path folder, ApplicationEventPublisher events) {
        this.folder = new PolicyFolder<>(folder, DefinitionReader.POLICY_KIND, "assessment definition");
        this.events = events;
    }

    /** Runs while the application starts: no case can be assessed before the definitions are there. */
    @PostConstruct
    void loadAtStart() {
        load();
    }

    /** Reads the folder again; announces the result with {@link PoliciesReloaded}. */
    public synchronized ReloadReport reload() {
        ReloadReport report = load();
        events.publishEvent(PoliciesReloaded.of(report));
        return report;
    }

    private synchronized ReloadReport load() {
        ReloadReport report = folder.reload();
        List<CompiledDefinition> served = folder.served();
        served.forEach(definition -> everServed.put(definition.definition().id(), definition));
        // Several versions of one URN may be served side by side; the highest is the one new cases get.
        currentByUrn = served.stream().collect(Collectors.toUnmodifiableMap(d -> d.definition().urn(), Function.identity(),
                (a, b) -> compareVersions(a.definition().version(), b.definition().version()) >= 0 ? a : b));
        lastReload = report;
        return report;
    }

    /** Orders versions such as "1.0", "1.10" and "2.0" by their numeric parts; other parts as text. */
    static int compareVersions(String a, String b) {
        String[] left = a.split("[.\\-]");
        String[] right = b.split("[.\\-]");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            String l = i < left.length ? left[i] : "0";
            String r = i < right.length ? right[i] : "0";
            int order = l.matches("\\d{1,9}") && r.matches("\\d{1,9}") ? Integer.compare(Integer.parseInt(l), Integer.parseInt(r))
                    : l.compareTo(r);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    /** The definitions in service now, one per URN (the highest version). */
    public List<AssessmentDefinition> current() {
        return currentByUrn.values().stream().map(CompiledDefinition::definition)
                .sorted(Comparator.comparing(AssessmentDefinition::urn)).toList();
    }

    /** The version in service now of the definition with this URN. */
    public Optional<AssessmentDefinition> current(String urn) {
        return Optional.ofNullable(currentByUrn.get(urn)).map(CompiledDefinition::definition);
    }

    /** Any version served since the application started. */
    public Optional<AssessmentDefinition> find(DefinitionId id) {
        return Optional.ofNullable(everServed.get(id)).map(CompiledDefinition::definition);
    }

    /** What the last load found, for an administrator's overview. */
    public ReloadReport lastReload() {
        return lastReload;
    }

    Optional<CompiledDefinition> compiled(String urn) {
        return Optional.ofNullable(currentByUrn.get(urn));
    }

    Optional<CompiledDefinition> compiled(DefinitionId id) {
        return Optional.ofNullable(everServed.get(id));
    }
}
