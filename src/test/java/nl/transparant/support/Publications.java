package nl.transparant.support;

import java.time.Duration;
import java.time.Instant;
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
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseId)
                    .processDefinitionKey("algorithm-review").singleResult();
            if (instance == null) {
                return;
            }
            Job job = management.createJobQuery().processInstanceId(instance.getId()).activityId("publishEntry").singleResult();
            if (job == null) {
                return; // published, or not released (yet): nothing to wait for
            }
            try {
                management.executeJob(job.getId());
            } catch (RuntimeException takenByTheJobExecutor) {
                // the job executor ran or locked it at the same moment: look again
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for the publication of " + caseId, e);
            }
        }
        throw new AssertionError("The publication of case " + caseId + " did not run within " + PATIENCE);
    }
}
