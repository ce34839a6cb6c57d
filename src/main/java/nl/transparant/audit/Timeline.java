package nl.transparant.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import nl.transparant.workflow.history.ProcessHistory.ActivityVisit;
import nl.transparant.workflow.history.ProcessHistory.InstanceHistory;
import nl.transparant.workflow.history.ProcessHistory.PolicyDecision;
import nl.transparant.workflow.history.ProcessHistory.VariableUpdate;

/**
 * One case end to end: the decision log's records joined with the engine's history of the process instance
 * (every element visited, with start and end, and every policy table evaluated with the rules that fired).
 *
 * <p>The log keeps microseconds; the engine keeps milliseconds on H2 but only whole seconds on MariaDB. Entries are
 * ordered by time at the engine's precision (so a record is never placed before an activity that started in the
 * same second only because the engine dropped the fraction) and, at equal times, activities starting before policy
 * decisions, records and activities ending; records keep their sequence order.
 */
record Timeline(String caseId, String organisation, String processInstanceId, String processDefinitionKey,
        Integer processDefinitionVersion, String processState, List<Entry> entries, List<DecisionRecord> records,
        List<ActivityVisit> activities, List<PolicyDecision> policyDecisions, List<DecisionPoint> decisionPoints) {

    enum Kind {
        ACTIVITY_STARTED, POLICY_DECISION, RECORD, ACTIVITY_ENDED
    }

    /** One line of the timeline; {@code seq} points at the full record, {@code activityInstanceId} at the engine's. */
    record Entry(Instant at, Kind kind, String activityId, String name, Long seq, String actorId, String actorRole,
            String outcome, String activityInstanceId, List<String> matchedRuleIds) {
    }

    /**
     * The decision table ({@code key:version}) whose whole result a variable holds at a decision point, so the view can
     * list its outputs in the table's order: the latest table evaluated by then whose outputs are all in the result (a
     * result keeps the outputs a rule left empty, the engine's history of the evaluation does not). Null when none is,
     * and for any value that is no table's result.
     */
    public String resultPolicy(DecisionPoint point, Object value) {
        if (!(value instanceof java.util.Map<?, ?> result) || result.isEmpty()) {
            return null;
        }
        PolicyDecision decided = null;
        for (PolicyDecision decision : policyDecisions) {
            boolean byThen = point.at() == null || decision.evaluatedAt() == null || !decision.evaluatedAt().isAfter(point.at());
            if (byThen && !decision.outputs().isEmpty() && result.keySet().containsAll(decision.outputs().keySet())) {
                decided = decision;
            }
        }
        return decided == null ? null : decided.decisionDefinitionKey() + ":" + decided.decisionDefinitionVersion();
    }

    private static Comparator<Entry> order(boolean engineKeepsWholeSeconds) {
        return Comparator
                .comparing((Entry e) -> e.at() == null ? Instant.MAX
                        : engineKeepsWholeSeconds ? Instant.ofEpochSecond(e.at().getEpochSecond()) : e.at())
                .thenComparing(Entry::kind)
                .thenComparingLong(e -> e.seq() == null ? 0 : e.seq());
    }

    static Timeline of(String caseId, String organisation, String processInstanceId, List<DecisionRecord> records,
            Optional<InstanceHistory> history) {
        return of(caseId, organisation, processInstanceId, records, history, List.of());
    }

    /** With the engine's variable changes: the variables at each task completion and decision table ({@link DecisionPoint}). */
    static Timeline of(String caseId, String organisation, String processInstanceId, List<DecisionRecord> records,
            Optional<InstanceHistory> history, List<VariableUpdate> variableUpdates) {
        List<Entry> entries = new ArrayList<>(records.size() * 3);
        for (DecisionRecord r : records) {
            entries.add(new Entry(r.recordedAt(), Kind.RECORD, r.activityId(), r.eventType(), r.seq(), r.actorId(), r.actorRole(),
                    r.outcome(), null, null));
        }
        history.ifPresent(h -> {
            for (ActivityVisit a : h.activities()) {
                entries.add(new Entry(a.startedAt(), Kind.ACTIVITY_STARTED, a.activityId(), a.activityName(), null, a.assignee(), null,
                        null, a.activityInstanceId(), null));
                if (a.endedAt() != null) {
                    entries.add(new Entry(a.endedAt(), Kind.ACTIVITY_ENDED, a.activityId(), a.activityName(), null, a.assignee(), null,
                            a.canceled() ? "canceled" : null, a.activityInstanceId(), null));
                }
            }
            for (PolicyDecision d : h.decisions()) {
                entries.add(new Entry(d.evaluatedAt(), Kind.POLICY_DECISION, d.activityId(),
                        d.decisionDefinitionKey() + ":" + d.decisionDefinitionVersion(), null, null, null, null, null,
                        d.matchedRuleIds()));
            }
        });
        boolean wholeSeconds = entries.stream()
                .filter(e -> e.kind() != Kind.RECORD && e.at() != null)
                .allMatch(e -> e.at().getNano() == 0);
        entries.sort(order(wholeSeconds));
        return new Timeline(caseId, organisation, history.map(InstanceHistory::processInstanceId).orElse(processInstanceId),
                history.map(InstanceHistory::processDefinitionKey).orElse(null),
                history.map(InstanceHistory::processDefinitionVersion).orElse(null),
                history.map(InstanceHistory::state).orElse(null), List.copyOf(entries), records,
                history.map(InstanceHistory::activities).orElse(List.of()),
                history.map(InstanceHistory::decisions).orElse(List.of()),
                history.map(h -> DecisionPoint.of(h.activities(), variableUpdates, records, h.processInstanceId())).orElse(List.of()));
    }
}
