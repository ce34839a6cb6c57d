package nl.transparant.workflow;

import static org.assertj.core.api.Assertions.assertThat;

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
        AtomicBoolean finished = new AtomicBoolean();
        pool.execute(() -> {
            started.countDown();
            try {
                Thread.sleep(500);
                finished.set(true);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        ((ThreadPoolTaskExecutor) processed).shutdown();
        return finished.get();
    }
}
