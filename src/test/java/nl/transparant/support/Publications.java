package nl.transparant.support;

import java.time.Duration;
import java.util.Date;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.ServiceImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * The publisher's release commits first and the publication runs afterwards as a job ({@code publishEntry} is
 * {@code asyncBefore}). Tests in the application's own JVM wait for it here: the job executor runs it, or this thread
 * does when it locks the job first.
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
        // locked first, as the job acquisition and the product's releasing thread do: running it unlocked while the job
        // executor ran it too made the two publish at once, and the loser logged an ERROR (a duplicate entry, "Cannot
        // restore state") in many page tests' logs
        if (lockedHere(management, job.getId())) {
            try {
                management.executeJob(job.getId());
            } catch (RuntimeException failed) {
                // the engine's failed-job handling released the lock: the job executor retries it, and this looks again
            }
        }
        return false;
    }

    /** Locks the job for this node's job executor unless someone holds it; false when it is held or was taken meanwhile. */
    private static boolean lockedHere(ManagementService management, String jobId) {
        CommandExecutor commands = ((ServiceImpl) management).getCommandExecutor();
        try {
            return Boolean.TRUE.equals(commands.execute(context -> {
                JobEntity job = context.getJobManager().findJobById(jobId);
                Date now = ClockUtil.getCurrentTime();
                if (job == null || job.getLockOwner() != null && job.getLockExpirationTime() != null
                        && job.getLockExpirationTime().after(now)) {
                    return false;
                }
                JobExecutor executor = context.getProcessEngineConfiguration().getJobExecutor();
                // written with the job's revision check when the command flushes: the acquisition taking it at the same
                // moment makes one of the two fail here, not in the publication
                job.setLockOwner(executor.getLockOwner());
                job.setLockExpirationTime(new Date(now.getTime() + executor.getLockTimeInMillis()));
                return true;
            }));
        } catch (OptimisticLockingException takenMeanwhile) {
            return false;
        }
    }
}
