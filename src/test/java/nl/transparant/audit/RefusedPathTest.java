package nl.transparant.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** A refused path keeps the API's own words and nothing a person chose (outside test: engine calls recorded as {id}). */
class RefusedPathTest {

    private final RefusedPath paths = new RefusedPath(Set.of("api", "cases"));

    @Test
    void aRefusedEngineCallSaysWhatWasTried() {
        assertThat(paths.normalise("/engine-rest/history/cleanup")).isEqualTo("/engine-rest/history/cleanup");
        assertThat(paths.normalise("/engine-rest/task/8f1c/comment/create")).isEqualTo("/engine-rest/task/{id}/comment/create");
        assertThat(paths.normalise("/engine-rest/task/8f1c/attachment/create")).isEqualTo("/engine-rest/task/{id}/attachment/create");
        assertThat(paths.normalise("/engine-rest/process-instance/suspended-async")).isEqualTo("/engine-rest/process-instance/suspended-async");
        assertThat(paths.normalise("/camunda/api/engine/engine/default/process-instance/8f1c/variables"))
                .isEqualTo("/camunda/api/engine/engine/default/process-instance/{id}/variables");
    }

    @Test
    void whatAPersonTypedStaysAPlaceholder() {
        assertThat(paths.normalise("/engine-rest/process-definition/key/<script>/start")).isEqualTo("/engine-rest/process-definition/key/{id}/start");
        assertThat(paths.normalise("/api/cases/" + "x".repeat(5_000))).isEqualTo("/api/cases/{id}");
    }
}
