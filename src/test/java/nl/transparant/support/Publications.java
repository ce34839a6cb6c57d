package nl.transparant.support;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * The publisher's release commits first and the publication runs afterwards as a job ({@code publishEntry} is
 * {@code asyncBefore}). Tests in the application's own JVM wait for it here: the job executor runs it, or this thread
 * does when it gets there first.
 */
public final class Publications {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private Publications() {
    }

    /** Returns once the case's publication job has run; at once when the case has none (published, or not released). */
    public static void await(ManagementService management, RuntimeService runtime, String caseId) {
        Awaitility.await("the publication of case " + caseId).atMost(PATIENCE).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50)).until(() -> publicationRan(management, runtime, caseId));
    }

    /** Whether the case has no publication job (any more); when it has one, tries to run it here. */
    private static boolean publicationRan(ManagementService management, RuntimeService runtime, String caseId) {
        ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseId)
                .processDefinitionKey("algorithm-review").singleResult();
        if (instance == null) {
            return true;
        }
        Job job = management.createJobQuery().processInstanceId(instance.getId()).activityId("publishEntry").singleResult();
        if (job == null) {
            return true; // published, or not released (yet): nothing to wait for
        }
        try {
            management.executeJob(job.getId());
        } catch (RuntimeException takenByTheJobExecutor) {
            // the job executor ran or locked it at the same moment: look again
        }
        return false;
    }
}
