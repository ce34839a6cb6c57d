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
        return of(activities, updates, List.of(), null);
    }

    /**
     * As above, with the outcome of each completed task from the decision log: the application sends a review's outcome
     * to the engine as a transient variable, which the gateway reads and the engine's history never holds (issue 14),
     * so the log's record of the completion says what the step set. The n-th completion of a task in the log is its
     * n-th completed visit.
     */
    static List<DecisionPoint> of(List<ActivityVisit> activities, List<VariableUpdate> updates, List<DecisionRecord> records,
            String processInstanceId) {
        Map<String, java.util.Deque<String>> outcomesByTask = new java.util.HashMap<>();
        records.stream()
                .filter(r -> RecordedEvents.TASK_DECIDED.equals(r.eventType()) && r.activityId() != null && r.outcome() != null)
                .filter(r -> processInstanceId == null || processInstanceId.equals(r.processInstanceId()))
                .sorted(java.util.Comparator.comparingLong(DecisionRecord::seq))
                .forEach(r -> outcomesByTask.computeIfAbsent(r.activityId(), a -> new java.util.ArrayDeque<>()).add(r.outcome()));
        List<DecisionPoint> points = replay(activities, updates);
        // a task also completed through the engine's REST API (no record of the application's kind; its outcome, sent as
        // an ordinary variable, is in the history) cannot be paired by order: it is left as the history has it
        Map<String, Long> completedVisits = points.stream().filter(p -> "userTask".equals(p.activityType()))
                .collect(java.util.stream.Collectors.groupingBy(DecisionPoint::activityId, java.util.stream.Collectors.counting()));
        outcomesByTask.entrySet().removeIf(e -> completedVisits.getOrDefault(e.getKey(), 0L) != e.getValue().size());
        if (outcomesByTask.isEmpty()) {
            return points;
        }
        List<DecisionPoint> withOutcomes = new ArrayList<>(points.size());
        for (DecisionPoint point : points) {
            java.util.Deque<String> outcomes = "userTask".equals(point.activityType()) ? outcomesByTask.get(point.activityId()) : null;
            String outcome = outcomes == null ? null : outcomes.poll();
            if (outcome == null || point.variables().containsKey(OUTCOME) && point.setHere().contains(OUTCOME)) {
                withOutcomes.add(point);
                continue;
            }
            Map<String, Object> variables = new TreeMap<>(point.variables());
            variables.put(OUTCOME, outcome);
            Set<String> setHere = new TreeSet<>(point.setHere());
            setHere.add(OUTCOME);
            withOutcomes.add(new DecisionPoint(point.activityInstanceId(), point.activityId(), point.activityName(), point.activityType(),
                    point.at(), Collections.unmodifiableMap(variables), List.copyOf(setHere)));
        }
        return List.copyOf(withOutcomes);
    }

    /**
     * The decision points of a case's current process instance, for its page, its timeline and its exports alike (the
     * API's export once left the outcomes out, read from the engine only: outside tester).
     */
    static List<DecisionPoint> ofCase(nl.transparant.workflow.history.ProcessHistory engine, AuditRecords records, String caseId,
            String processInstanceId) {
        return processInstanceId == null ? List.of() : engine.of(processInstanceId)
                .map(h -> of(h.activities(), engine.variableUpdates(processInstanceId), records.ofCase(caseId), processInstanceId))
                .orElse(List.of());
    }

    /** The variable the gateway after a task reads its outcome from ({@code processes/algorithm-review.bpmn}). */
    private static final String OUTCOME = "outcome";

    private static List<DecisionPoint> replay(List<ActivityVisit> activities, List<VariableUpdate> updates) {
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
