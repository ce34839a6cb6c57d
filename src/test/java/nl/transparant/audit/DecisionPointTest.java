package nl.transparant.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import nl.transparant.workflow.history.ProcessHistory.ActivityVisit;
import nl.transparant.workflow.history.ProcessHistory.VariableUpdate;
import org.junit.jupiter.api.Test;

class DecisionPointTest {

    private static ActivityVisit visit(String instance, String activity, String type, String started, String ended) {
        return new ActivityVisit(instance, activity, activity, type, Instant.parse(started), ended == null ? null : Instant.parse(ended),
                null, null, false);
    }

    private static VariableUpdate set(String name, Object value, String at, String instance) {
        return new VariableUpdate(name, value, "string", Instant.parse(at), instance, name);
    }

    @Test
    void eachDecisionSeesTheVariablesAsTheyStoodAndNamesWhatItSet() {
        List<ActivityVisit> visits = List.of(
                visit("start", "caseSubmitted", "startEvent", "2026-05-01T10:00:00Z", "2026-05-01T10:00:00Z"),
                visit("fill-1", "fillInDpia", "userTask", "2026-05-01T10:00:00Z", "2026-05-01T10:00:01Z"),
                visit("review-1", "reviewDpia", "userTask", "2026-05-01T10:00:01Z", "2026-05-01T10:00:01Z"),
                visit("fill-2", "fillInDpia", "userTask", "2026-05-01T10:00:01Z", "2026-05-01T10:00:02Z"),
                visit("review-2", "reviewDpia", "userTask", "2026-05-01T10:00:02Z", "2026-05-01T10:00:02Z"),
                visit("release", "releasePublication", "userTask", "2026-05-01T10:00:02Z", null));
        // whole seconds, as MariaDB keeps them: the order of the engine's history decides, not the clock
        List<VariableUpdate> updates = List.of(
                set("caseId", "c-1", "2026-05-01T10:00:00Z", "start"),
                set("residualRisk", "hoog", "2026-05-01T10:00:01Z", "fill-1"),
                set("outcome", "send-back", "2026-05-01T10:00:01Z", "review-1"),
                set("residualRisk", "midden", "2026-05-01T10:00:02Z", "fill-2"),
                set("outcome", "submit", "2026-05-01T10:00:02Z", "fill-2"),
                set("outcome", "approve", "2026-05-01T10:00:02Z", "review-2"));

        List<DecisionPoint> points = DecisionPoint.of(visits, updates);

        assertThat(points).extracting(DecisionPoint::activityInstanceId).containsExactly("fill-1", "review-1", "fill-2", "review-2");
        DecisionPoint sentBack = points.get(1);
        assertThat(sentBack.variables()).containsEntry("residualRisk", "hoog").containsEntry("outcome", "send-back");
        assertThat(sentBack.setHere()).containsExactly("outcome");
        DecisionPoint approved = points.get(3);
        assertThat(approved.variables()).containsEntry("residualRisk", "midden").containsEntry("outcome", "approve")
                .containsEntry("caseId", "c-1");
        assertThat(approved.setHere()).containsExactly("outcome");
        assertThat(points.get(2).setHere()).containsExactly("outcome", "residualRisk");
    }

    /** As MariaDB has it: a review clears the previous outcome when it starts, in the same second as its own decision. */
    @Test
    void aVariableRemovedAndSetAgainShowsItsNewValueWhateverTheOrderWithinTheSecond() {
        List<ActivityVisit> visits = List.of(
                visit("fill", "fillInDpia", "userTask", "2026-05-01T10:00:33Z", "2026-05-01T10:00:33Z"),
                visit("review", "reviewDpia", "userTask", "2026-05-01T10:00:33Z", "2026-05-01T10:00:34Z"));
        List<VariableUpdate> updates = List.of(
                new VariableUpdate("outcome", "submit", "string", Instant.parse("2026-05-01T10:00:33Z"), "fill", "old"),
                new VariableUpdate("outcome", "approve", "string", Instant.parse("2026-05-01T10:00:34Z"), "review", "new"),
                new VariableUpdate("outcome", null, "string", Instant.parse("2026-05-01T10:00:34Z"), "review", "old"));
        List<DecisionPoint> points = DecisionPoint.of(visits, updates);
        assertThat(points.get(0).variables()).containsEntry("outcome", "submit");
        assertThat(points.get(1).variables()).containsEntry("outcome", "approve");
        assertThat(points.get(1).setHere()).containsExactly("outcome");
    }

    @Test
    void aChangeMadeOutsideAnyStepBelongsWithTheChangeBeforeIt() {
        List<DecisionPoint> points = DecisionPoint.of(
                List.of(visit("route", "decideReviewRoute", "businessRuleTask", "2026-05-01T10:00:00Z", "2026-05-01T10:00:00Z"),
                        visit("request", "requestPriorConsultation", "userTask", "2026-05-01T10:00:00Z", "2026-05-01T10:00:01Z"),
                        visit("advice", "supervisorAdvice", "intermediateMessageCatch", "2026-05-01T10:00:01Z", "2026-05-01T10:00:09Z")),
                List.of(set("reviewRoute", "{...}", "2026-05-01T10:00:00Z", "route"),
                        set("dpiaRequired", true, "2026-05-01T10:00:00Z", "process-instance"),
                        set("supervisorAdvice", "later", "2026-05-01T10:00:01Z", "advice")));
        assertThat(points).extracting(DecisionPoint::activityId).containsExactly("decideReviewRoute", "requestPriorConsultation");
        assertThat(points.get(0).variables()).containsOnlyKeys("reviewRoute", "dpiaRequired");
        assertThat(points.get(0).setHere()).containsExactly("dpiaRequired", "reviewRoute");
        assertThat(points.get(1).variables()).containsOnlyKeys("reviewRoute", "dpiaRequired");
        assertThat(points.get(1).setHere()).isEmpty();
    }
}
