package nl.transparant.workflow;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Which decision tables the processes name but no file in {@code policies/} defines any more (its file deleted, or its
 * decision renamed), as {@link ProcessDeployment} found at start. The engine would go on with the last version it
 * deployed, which the policy's author believes gone; {@link DecisionsFailClosed} refuses such a table instead.
 */
@Component
public class DecisionFiles {

    private final Set<String> withoutFile = ConcurrentHashMap.newKeySet();

    void replaceWithoutFile(Set<String> keys) {
        withoutFile.clear();
        withoutFile.addAll(keys);
    }

    boolean hasFile(String decisionKey) {
        return !withoutFile.contains(decisionKey);
    }

    /** Tables left out of the deployment because the DMN engine cannot read them: file name → reason key and arguments. */
    private final java.util.Map<String, List<String>> unreadable = new ConcurrentHashMap<>();

    void replaceUnreadable(java.util.Map<String, List<String>> files) {
        unreadable.clear();
        unreadable.putAll(files);
    }

    /** Why the file a decision of this key is kept in ({@code <key>.dmn}) was left out, if it was: reason key, arguments. */
    java.util.Optional<List<String>> unreadableFileOf(String decisionKey) {
        return java.util.Optional.ofNullable(unreadable.get(decisionKey + ".dmn"));
    }
}
