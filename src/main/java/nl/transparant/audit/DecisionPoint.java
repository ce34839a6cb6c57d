package nl.transparant.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.transparant.workflow.history.ProcessHistory.ActivityVisit;
import nl.transparant.workflow.history.ProcessHistory.VariableUpdate;

/**
 * The process variables as they stood when a task was completed or a decision table decided: what the person or the
 * policy decided on, and what that step set ({@code setHere}: e.g. the outcome and rationale of a review, the route a
 * table chose). Rebuilt from the engine's history of variable changes, each of which names its activity instance.
 */
record DecisionPoint(String activityInstanceId, String activityId, String activityName, String activityType, Instant at,
        Map<String, Object> variables, List<String> setHere) {

    private static String instanceOf(VariableUpdate update) {
        return update.variableInstanceId() == null ? update.name() : update.variableInstanceId();
    }

    static final Set<String> DECISION_TYPES = Set.of("userTask", "businessRuleTask");

    /**
     * Replays the changes by the step that made them, not by the clock (MariaDB keeps whole seconds, and a task's
     * completion and the next task can share one): each change belongs to the visit whose activity instance made it, and
     * a change made outside any visit (an output mapping as a step is left, a variable set on the instance) belongs
     * with the change before it. A step sees every change of itself and of the steps before it.
     */
    static List<DecisionPoint> of(List<ActivityVisit> activities, List<VariableUpdate> updates) {
        Map<String, Integer> visitIndex = new java.util.HashMap<>();
        for (int k = 0; k < activities.size(); k++) {
            visitIndex.put(activities.get(k).activityInstanceId(), k);
        }
        int[] position = new int[updates.size()];
        int previous = -1;
        for (int i = 0; i < updates.size(); i++) {
            Integer owner = visitIndex.get(updates.get(i).activityInstanceId());
            previous = owner != null ? owner : previous;
            position[i] = previous;
        }
        // A variable removed and set again (a review clears the previous outcome when it starts) is a new variable
        // instance; within a second the engine's order of the two is not kept, so the newest instance decides
        Map<String, Integer> firstSeen = new java.util.HashMap<>();
        for (int i = 0; i < updates.size(); i++) {
            firstSeen.putIfAbsent(instanceOf(updates.get(i)), i);
        }
        List<DecisionPoint> points = new ArrayList<>();
        for (int k = 0; k < activities.size(); k++) {
            ActivityVisit visit = activities.get(k);
            if (!DECISION_TYPES.contains(visit.activityType()) || visit.endedAt() == null || visit.canceled()) {
                continue;
            }
            Map<String, Integer> latest = new java.util.HashMap<>();
            for (int i = 0; i < updates.size(); i++) {
                if (position[i] > k) {
                    continue;
                }
                String name = updates.get(i).name();
                Integer current = latest.get(name);
                if (current == null || firstSeen.get(instanceOf(updates.get(i))) >= firstSeen.get(instanceOf(updates.get(current)))) {
                    latest.put(name, i);
                }
            }
            Map<String, Object> state = new TreeMap<>();
            Set<String> setHere = new TreeSet<>();
            for (Map.Entry<String, Integer> newest : latest.entrySet()) {
                Object value = updates.get(newest.getValue()).value();
                if (value == null) {
                    continue; // removed
                }
                state.put(newest.getKey(), value);
                if (position[newest.getValue()] == k) {
                    setHere.add(newest.getKey());
                }
            }
            points.add(new DecisionPoint(visit.activityInstanceId(), visit.activityId(), visit.activityName(), visit.activityType(),
                    visit.endedAt(), Collections.unmodifiableMap(state), List.copyOf(setHere)));
        }
        return List.copyOf(points);
    }
}
