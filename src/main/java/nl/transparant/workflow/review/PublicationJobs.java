package nl.transparant.workflow.review;

import java.util.Date;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a released case's publication on the thread that released it, right after the release commits, instead of
 * leaving it to a job executor the publisher's client then has to poll for.
 *
 * <p>Why this design (and not a long poll on the case): the publication stays what the BPMN says it is, an
 * asynchronous continuation ({@code publishEntry} is {@code asyncBefore}), so its job is committed together with the
 * release and survives a crash. The releasing transaction only <em>locks</em> that job for this node, exactly as the
 * engine's job acquisition does (lock owner and expiry time on the job row, under the job's optimistic revision), so
 * no job executor on any node takes it while this thread is about to run it. After the commit this thread runs it
 * through {@link ManagementService#executeJob}: one more transaction, the same code and job log as the executor's.
 * If the node dies between the two, or the publication fails, the lock expires (the executor's own lock time) or is
 * released by the engine's failed-job handling, and any node's job executor runs or retries it as before. The
 * publisher's answer can then already say {@code PUBLISHED}, so a client needs neither polls nor another read.
 * A long poll would have kept the job executor's hand-over latency and tied a request thread to the waiting.
 *
 * <p>Engine internals ({@code JobEntity}, the command executor) are used here and nowhere else in the review.
 */
@Component
class PublicationJobs {

    private static final Logger LOG = LoggerFactory.getLogger(PublicationJobs.class);

    private final ProcessEngineConfigurationImpl engine;
    private final ManagementService management;

    PublicationJobs(ProcessEngineConfigurationImpl engine, ManagementService management) {
        this.engine = engine;
        this.management = management;
    }

    /** How long a publication claimed by the releasing request stays locked against the job executor. */
    static final java.time.Duration CLAIM_LOCK = java.time.Duration.ofSeconds(30);

    /**
     * Inside the transaction that completed a task of the instance: the publication job that completion left, locked
     * for this node for {@link #CLAIM_LOCK}; empty when there is none (or someone holds it).
     */
    Optional<String> claim(String processInstanceId) {
        // only a completion whose flow entered the publication left its job: the others (three of a review's four)
        // need no read of the instance's jobs, nor an engine command for it
        if (!enteredInThisTransaction(processInstanceId)) {
            return Optional.empty();
        }
        return Optional.ofNullable(engine.getCommandExecutorTxRequired().execute(context -> {
            // the instance's jobs by its id (a fixed statement; the job query's dynamic SQL cost more than the rest of
            // this claim, and it ran after every completion)
            JobEntity job = context.getJobManager().findJobsByProcessInstanceId(processInstanceId).stream()
                    .filter(candidate -> ReviewProcess.PUBLISH_ACTIVITY.equals(candidate.getActivityId()))
                    .findFirst().orElse(null);
            if (job == null) {
                return null;
            }
            Date now = ClockUtil.getCurrentTime();
            if (job.isSuspended() || job.getLockOwner() != null && job.getLockExpirationTime() != null
                    && job.getLockExpirationTime().after(now)) {
                return null;
            }
            JobExecutor executor = engine.getJobExecutor();
            // written with the job's revision check when the command's session flushes, as the job acquisition does;
            // locked only as long as running it here can take (CLAIM_LOCK), not the job executor's five minutes: when
            // the run fails and the failure cannot be written either (the database went away just after the release),
            // the lock is all that keeps the job executor from it, and a case waited five minutes for its publication
            // after a database outage of a few seconds (outside tester). A run that outlasts the lock still commits
            // at most once: the job is deleted with its revision checked.
            job.setLockOwner(executor.getLockOwner());
            job.setLockExpirationTime(new Date(now.getTime() + Math.min(CLAIM_LOCK.toMillis(), executor.getLockTimeInMillis())));
            return job.getId();
        }));
    }

    /** The key of the current transaction's set of instances whose flow entered the publication. */
    private static final Object ENTERED = new Object();

    /**
     * Notes, until the current transaction ends, that this instance's flow entered the publication ({@link
     * PublicationEnteredListener}, on every sequence flow into it): its job is then written in this transaction. Outside
     * a Spring transaction (an engine without Spring) nothing is noted, and the job executor runs the publication.
     */
    static void entered(String processInstanceId) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        @SuppressWarnings("unchecked")
        Set<String> entered = (Set<String>) TransactionSynchronizationManager.getResource(ENTERED);
        if (entered == null) {
            entered = new HashSet<>();
            TransactionSynchronizationManager.bindResource(ENTERED, entered);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(ENTERED);
                }
            });
        }
        entered.add(processInstanceId);
    }

    private static boolean enteredInThisTransaction(String processInstanceId) {
        return TransactionSynchronizationManager.getResource(ENTERED) instanceof Set<?> entered && entered.contains(processInstanceId);
    }

    /**
     * After the claiming transaction committed, outside any transaction: runs the claimed job as a job executor would
     * (no person's security context). Whether it ran; when not, the engine's retry handling has it.
     */
    boolean run(String jobId) {
        SecurityContext caller = SecurityContextHolder.getContext();
        SecurityContextHolder.clearContext();
        try {
            management.executeJob(jobId);
            return true;
        } catch (RuntimeException e) {
            // the failed-job handling decremented its retries and released the lock: the job executor retries it
            LOG.warn("The publication job {} failed on the releasing thread; the job executor will retry it: {}", jobId, e.toString());
            return false;
        } finally {
            SecurityContextHolder.setContext(caller);
        }
    }
}
