package nl.transparant.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.transparant.audit.Timeline.Entry;
import nl.transparant.workflow.history.ProcessHistory.ActivityVisit;
import nl.transparant.workflow.history.ProcessHistory.InstanceHistory;
import nl.transparant.workflow.history.ProcessHistory.PolicyDecision;
import org.junit.jupiter.api.Test;

class TimelineTest {

    private static DecisionRecord record(long seq, String at, String activityId) {
        return new DecisionRecord(seq, Instant.parse(at), "owner", "project-owner", "zoetermeer", "case-1", "pi-1", activityId,
                "task-decided", "submit", "{}", "0".repeat(64), "1".repeat(64));
    }

    private static InstanceHistory history(String started, String ended, String decided) {
        return new InstanceHistory("pi-1", "algorithm-review", 2, "zoetermeer", "owner", Instant.parse(started), null, "ACTIVE",
                List.of(new ActivityVisit("ai-1", "answerPreScan", "Answer the pre-scan", "userTask", Instant.parse(started),
                        Instant.parse(ended), null, "t-1", false)),
                List.of(new PolicyDecision("review-route", "review-route:2:x", 2, "decideReviewRoute", Instant.parse(decided),
                        Map.of("in_profiling", true), List.of("rule_profiling"), Map.of("dpiaRequired", true))));
    }

    private static List<String> order(Timeline timeline) {
        return timeline.entries().stream().map(e -> e.kind() + " " + e.activityId()).toList();
    }

    @Test
    void withWholeSecondsFromTheEngineRecordsFollowActivitiesThatStartedInTheSameSecond() {
        Timeline timeline = Timeline.of("case-1", "zoetermeer", "pi-1",
                List.of(record(1, "2026-05-01T10:00:00.400000Z", "answerPreScan"), record(2, "2026-05-01T10:00:05.100000Z", null)),
                Optional.of(history("2026-05-01T10:00:00Z", "2026-05-01T10:00:05Z", "2026-05-01T10:00:05Z")));
        assertThat(order(timeline)).containsExactly("ACTIVITY_STARTED answerPreScan", "RECORD answerPreScan",
                "POLICY_DECISION decideReviewRoute", "RECORD null", "ACTIVITY_ENDED answerPreScan");
        assertThat(timeline.processDefinitionVersion()).isEqualTo(2);
        assertThat(timeline.entries()).filteredOn(e -> e.kind() == Timeline.Kind.POLICY_DECISION)
                .extracting(Entry::matchedRuleIds).containsExactly(List.of("rule_profiling"));
    }

    @Test
    void withMillisecondsFromTheEngineEntriesFollowTheClock() {
        Timeline timeline = Timeline.of("case-1", "zoetermeer", "pi-1",
                List.of(record(1, "2026-05-01T10:00:00.400000Z", "answerPreScan")),
                Optional.of(history("2026-05-01T10:00:00.100Z", "2026-05-01T10:00:00.300Z", "2026-05-01T10:00:00.500Z")));
        assertThat(order(timeline)).containsExactly("ACTIVITY_STARTED answerPreScan", "ACTIVITY_ENDED answerPreScan",
                "RECORD answerPreScan", "POLICY_DECISION decideReviewRoute");
    }

    @Test
    void aCaseNeverSubmittedHasOnlyItsRecords() {
        Timeline timeline = Timeline.of("case-1", "zoetermeer", null, List.of(record(1, "2026-05-01T10:00:00Z", null)),
                Optional.empty());
        assertThat(timeline.entries()).hasSize(1);
        assertThat(timeline.activities()).isEmpty();
        assertThat(timeline.processInstanceId()).isNull();
    }

    /**
     * A table's whole result is listed in the order of the table that decided it: the version evaluated by the decision
     * point (a table deployed anew while the case ran orders the later points), never a table whose outputs it lacks.
     */
    @Test
    void aTablesResultIsTracedToTheVersionThatDecidedItByThen() {
        Map<String, Object> result = Map.of("approvalTier", "dpia", "dpiaRequired", true, "routeReason", "r");
        InstanceHistory history = new InstanceHistory("pi-1", "algorithm-review", 2, "zoetermeer", "owner",
                Instant.parse("2026-05-01T10:00:00Z"), null, "ACTIVE", List.of(), List.of(
                        new PolicyDecision("review-route", "review-route:2:x", 2, "decideReviewRoute", Instant.parse("2026-05-01T10:00:00Z"),
                                Map.of(), List.of("r2"), Map.of("approvalTier", "dpia", "dpiaRequired", true)),
                        new PolicyDecision("other-table", "other-table:1:x", 1, "decideOther", Instant.parse("2026-05-01T10:30:00Z"),
                                Map.of(), List.of("o1"), Map.of("somethingElse", 1)),
                        new PolicyDecision("review-route", "review-route:3:x", 3, "decideAfterDpia", Instant.parse("2026-05-01T11:00:00Z"),
                                Map.of(), List.of("r3"), Map.of("approvalTier", "dpia", "routeReason", "r"))));
        Timeline timeline = Timeline.of("case-1", "zoetermeer", "pi-1", List.of(), Optional.of(history));

        assertThat(timeline.resultPolicy(point("2026-05-01T10:45:00Z"), result)).isEqualTo("review-route:2");
        assertThat(timeline.resultPolicy(point("2026-05-01T11:00:00Z"), result)).isEqualTo("review-route:3");
        assertThat(timeline.resultPolicy(point("2026-05-01T09:00:00Z"), result)).as("nothing decided yet").isNull();
        assertThat(timeline.resultPolicy(point("2026-05-01T12:00:00Z"), "dpia")).as("no table's result").isNull();
        assertThat(timeline.resultPolicy(point("2026-05-01T12:00:00Z"), Map.of("x", 1))).isNull();
    }

    private static DecisionPoint point(String at) {
        return new DecisionPoint("ai-9", "releasePublication", "Release", "userTask", Instant.parse(at), Map.of(), List.of());
    }
}
