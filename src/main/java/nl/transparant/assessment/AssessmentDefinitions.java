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
        currentByUrn = served.stream().collect(Collectors.toUnmodifiableMap(d -> d.definition().urn(), Function.identity()));
        lastReload = report;
        return report;
    }

    /** The definitions in service now, one per URN. */
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
