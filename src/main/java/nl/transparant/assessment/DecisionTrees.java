package nl.transparant.assessment;

import jakarta.annotation.PostConstruct;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.transparant.assessment.internal.CompiledTree;
import nl.transparant.assessment.internal.PolicyFolder;
import nl.transparant.assessment.internal.TreeReader;
import nl.transparant.assessment.internal.TreeWalker;
import nl.transparant.problems.NotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The decision trees of {@code policies/decision-trees/} (property {@code transparant.decision-trees-dir}),
 * YAML or JSON, each known by its file name without extension (e.g. {@code ai-act}). Loaded at start and on
 * {@link #reload()}, keeping the last good version of a file that now has an error.
 */
@Component
public class DecisionTrees {


    private final PolicyFolder<CompiledTree> folder;
    private final ApplicationEventPublisher events;
    private volatile Map<String, CompiledTree> currentByKey = Map.of();
    private volatile ReloadReport lastReload;

    DecisionTrees(@Value("${transparant.decision-trees-dir}") Path folder, ApplicationEventPublisher events) {
        this.folder = new PolicyFolder<>(folder, TreeReader.POLICY_KIND, "decision tree");
        this.events = events;
    }

    @PostConstruct
    void loadAtStart() {
        load();
    }

    public synchronized ReloadReport reload() {
        ReloadReport report = load();
        events.publishEvent(PoliciesReloaded.of(report));
        return report;
    }

    private synchronized ReloadReport load() {
        ReloadReport report = folder.reload();
        currentByKey = folder.served().stream()
                .collect(Collectors.toUnmodifiableMap(tree -> tree.tree().id().key(), Function.identity()));
        lastReload = report;
        return report;
    }

    public List<DecisionTree> current() {
        return folder.served().stream().map(CompiledTree::tree).toList();
    }

    public Optional<DecisionTree> current(String key) {
        return Optional.ofNullable(currentByKey.get(key)).map(CompiledTree::tree);
    }

    public ReloadReport lastReload() {
        return lastReload;
    }

    /**
     * Follows the tree with the answer chosen per question id: the path, the labels, and the conclusion, or the
     * question still to answer.
     *
     * @throws nl.transparant.problems.InvalidInputException when an answer on the path is not one of the question's
     */
    public DecisionPath walk(String key, Map<String, String> answersByQuestion) {
        CompiledTree tree = Optional.ofNullable(currentByKey.get(key))
                .orElseThrow(() -> new NotFoundException("There is no decision tree '" + key + "'."));
        return TreeWalker.walk(tree, answersByQuestion);
    }
}
