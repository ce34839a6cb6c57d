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
}
