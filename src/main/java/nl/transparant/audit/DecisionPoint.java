package nl.transparant.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.transparant.workflow.ProcessHistory.ActivityVisit;
import nl.transparant.workflow.ProcessHistory.VariableUpdate;

/**
 * The process variables as they stood when a task was completed or a decision table decided: what the person or the
 * policy decided on, and what that step set ({@code setHere}: e.g. the outcome and rationale of a review, the route a
 * table chose). Rebuilt from the engine's history of variable changes, each of which names its activity instance.
 */
record DecisionPoint(String activityInstanceId, String activityId, String activityName, String activityType, Instant at,
        Map<String, Object> variables, List<String> setHere) {

    static final Set<String> DECISION_TYPES = Set.of("userTask", "businessRuleTask");

    /**
     * Replays the changes in the engine's order. A step sees every change up to the first one made by a step that came
     * after it (or made after it ended): so its own changes, and those the engine made as it left the step (a decision
     * table's output mappings), are in; the next task's are not, even within the same second.
     */
    static List<DecisionPoint> of(List<ActivityVisit> activities, List<VariableUpdate> updates) {
        List<DecisionPoint> points = new ArrayList<>();
        for (int k = 0; k < activities.size(); k++) {
            ActivityVisit visit = activities.get(k);
            if (!DECISION_TYPES.contains(visit.activityType()) || visit.endedAt() == null || visit.canceled()) {
                continue;
            }
            Set<String> later = new java.util.HashSet<>();
            activities.subList(k + 1, activities.size()).forEach(a -> later.add(a.activityInstanceId()));
            Map<String, Object> state = new TreeMap<>();
            Set<String> setHere = new TreeSet<>();
            for (VariableUpdate update : updates) {
                boolean own = visit.activityInstanceId().equals(update.activityInstanceId());
                if (!own && (later.contains(update.activityInstanceId()) || update.at() != null && update.at().isAfter(visit.endedAt()))) {
                    break;
                }
                state.put(update.name(), update.value());
                if (own) {
                    setHere.add(update.name());
                }
            }
            points.add(new DecisionPoint(visit.activityInstanceId(), visit.activityId(), visit.activityName(), visit.activityType(),
                    visit.endedAt(), Collections.unmodifiableMap(state), List.copyOf(setHere)));
        }
        return List.copyOf(points);
    }
}
