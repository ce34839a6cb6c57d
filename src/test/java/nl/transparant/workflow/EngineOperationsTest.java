package nl.transparant.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nl.transparant.workflow.EngineOperations.Kind;
import nl.transparant.workflow.EngineOperations.Operation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The allow-list itself: what passes, what is recorded, and that anything unknown is refused. */
class EngineOperationsTest {

    @ParameterizedTest
    @CsvSource({
            "GET, /process-instance/abc/activity-instances, READ",
            "POST, /history/process-instance/count, READ",
            "POST, /task, READ",
            "PUT, /job/j1/retries, RECORDED_WRITE",
            "DELETE, /incident/i1, RECORDED_WRITE",
            "POST, /process-instance/abc/modification, REFUSED",
            "POST, /deployment/create, REFUSED",
            "POST, /process-definition/key/algorithm-review/start, REFUSED",
            "POST, /task/t1/complete, REFUSED",
            "POST, /task/t1/resolve, REFUSED",
            "POST, /task/t1/delegate, REFUSED",
            "POST, /message, REFUSED",
            "POST, /signal, REFUSED",
            "PUT, /process-instance/suspended, REFUSED",
            "POST, /process-instance/abc/variables, REFUSED",
            "POST, /migration/execute, REFUSED",
            "POST, /history/cleanup, REFUSED",
            "DELETE, /deployment/d1, REFUSED",
            "POST, /user/create, REFUSED",
            "POST, /authorization/create, REFUSED",
            "PATCH, /job/j1/retries, REFUSED",
            "post, /task, REFUSED",
            "POST, /some-resource-of-a-later-version, REFUSED"})
    void classifies(String method, String path, Kind kind) {
        assertThat(EngineOperations.classify(method, path).kind()).isEqualTo(kind);
    }

    @Test
    void cockpitAndNamedEnginePathsAreTheSameOperations() {
        assertThat(EngineOperations.enginePath("/camunda/api/engine/engine/default/job/j1/retries")).contains("/job/j1/retries");
        assertThat(EngineOperations.enginePath("/engine-rest/engine/default/job/j1/retries")).contains("/job/j1/retries");
        assertThat(EngineOperations.enginePath("/engine-rest/job/j1/retries")).contains("/job/j1/retries");
        assertThat(EngineOperations.enginePath("/api/cases")).isEmpty();
    }

    @Test
    void aRecordedWriteNamesItsOperationAndIdsAndARefusalKeepsNoIds() {
        Operation retries = EngineOperations.classify("PUT", "/job/3f9c2a1e-0b4d/retries");
        assertThat(retries.operation()).isEqualTo("set-job-retries");
        assertThat(retries.path()).isEqualTo("/job/{id}/retries");
        assertThat(retries.ids()).isEqualTo(List.of("3f9c2a1e-0b4d"));
        assertThat(EngineOperations.classify("POST", "/process-instance/3f9c2a1e-0b4d/modification").path())
                .isEqualTo("/process-instance/{id}/modification");
    }
}
