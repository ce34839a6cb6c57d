package nl.transparant.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** A job running when the application stops finishes instead of being interrupted half-way. */
class JobExecutorShutdownTest {

    @Test
    void aRunningJobFinishesWhenThePoolShutsDown() throws Exception {
        assertThat(runJobAndShutDown(true)).as("with the post-processor").isTrue();
        assertThat(runJobAndShutDown(false)).as("Spring's default interrupts it").isFalse();
    }

    private static boolean runJobAndShutDown(boolean letFinish) throws Exception {
        ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
        Object processed = new JobExecutorShutdown().postProcessBeforeInitialization(pool,
                letFinish ? JobExecutorShutdown.CAMUNDA_TASK_EXECUTOR : "someOtherExecutor");
        pool.initialize();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        pool.execute(() -> {
            started.countDown();
            try {
                // a job still working when the shutdown begins: it goes on until the test lets it finish
                finished.set(mayFinish.await(30, TimeUnit.SECONDS));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        ThreadPoolTaskExecutor executor = (ThreadPoolTaskExecutor) processed;
        Thread shuttingDown = new Thread(executor::shutdown, "shutting-down");
        shuttingDown.start();
        // the job may finish only once the shutdown is done with it: by default it has interrupted the job and returned;
        // told to let jobs finish, it waits for the pool to terminate
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(executor.getThreadPoolExecutor().isShutdown()
                && (!shuttingDown.isAlive() || shuttingDown.getState() == Thread.State.TIMED_WAITING)).isTrue());
        mayFinish.countDown();
        shuttingDown.join(Duration.ofSeconds(30).toMillis());
        assertThat(shuttingDown.isAlive()).as("the shutdown is over").isFalse();
        return finished.get();
    }
}
