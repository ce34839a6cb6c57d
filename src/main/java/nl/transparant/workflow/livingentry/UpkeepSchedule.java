package nl.transparant.workflow.livingentry;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts the upkeep of the published entries whose first re-review has come ({@link EntryUpkeepProcess#startDue}),
 * every {@code transparant.upkeep.check-interval} (one minute by default) on every node; the plan's row is taken in
 * the transaction that starts the process, so two nodes never start one entry twice. One schedule for the whole
 * register instead of a waiting process instance and a timer job per entry. A round that fails (the database away
 * for a moment) is logged and the next one tries again; a stop in between loses nothing, the plans stay.
 */
@Component
class UpkeepSchedule implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(UpkeepSchedule.class);

    private final EntryUpkeepProcess upkeep;
    private final Duration interval;
    private final Duration firstAfter;
    private final Clock clock;
    private ScheduledExecutorService scheduler;
    private volatile boolean stopping;

    UpkeepSchedule(EntryUpkeepProcess upkeep, @Value("${transparant.upkeep.check-interval:PT1M}") Duration interval,
            @Value("${transparant.upkeep.first-check-after:PT10S}") Duration firstAfter, ObjectProvider<Clock> clock) {
        if (interval.isNegative() || interval.isZero() || firstAfter.isNegative()) {
            // the executor's own refusal said only "IllegalArgumentException: null" (outside tester)
            throw new IllegalStateException("transparant.upkeep.check-interval must be a positive duration such as PT1M (it is " + interval
                    + ") and transparant.upkeep.first-check-after zero or more (it is " + firstAfter + ")");
        }
        this.upkeep = upkeep;
        this.interval = interval;
        this.firstAfter = firstAfter;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** One round: every re-review due by now is started, until the application stops. */
    void startDue() {
        try {
            int started = upkeep.startDue(clock.instant(), () -> !stopping);
            if (started > 0) {
                LOG.info("Started the re-review of {} published entries whose date had come", started);
            }
        } catch (RuntimeException e) {
            LOG.error("Looking for re-reviews that are due failed; the next round tries again", e);
        }
    }

    @Override
    public synchronized void start() {
        stopping = false;
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "entry-upkeep-schedule"));
        // the first round soon after the start: what came due while the application was stopped starts then
        scheduler.scheduleWithFixedDelay(this::startDue, firstAfter.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Lets a round that runs finish the start it is in, and no more: interrupting it (as {@code shutdownNow} does) in
     * the middle of the embedded database's file I/O closed that database under the requests still being answered
     * (outside tester: 500s and stack traces at a SIGTERM). What is left stays planned for the next start.
     */
    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            stopping = true;
            scheduler.shutdown();
            try {
                if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.warn("The re-review schedule's round did not end within 30 s of the stop");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
