package nl.transparant.workflow.livingentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** The re-review schedule's own life: a setting it cannot use, and a stop in the middle of a round. */
class UpkeepScheduleTest {

    private static final StaticListableBeanFactory NO_CLOCK = new StaticListableBeanFactory();

    @Test
    void aCheckIntervalItCannotUseIsNamedAtTheStart() {
        for (Duration unusable : new Duration[] {Duration.ZERO, Duration.ofMinutes(-1)}) {
            assertThatThrownBy(() -> new UpkeepSchedule(null, unusable, Duration.ZERO, NO_CLOCK.getBeanProvider(Clock.class)))
                    .hasMessageContaining("transparant.upkeep.check-interval").hasMessageContaining(unusable.toString());
        }
    }

    /**
     * A stop lets the round finish the start it is in and then ends it: interrupted, the round's thread closed the
     * embedded database in the middle of its file I/O, under the requests still being answered (outside tester).
     */
    @Test
    void aStopEndsTheRoundAfterItsCurrentStartWithoutInterruptingIt() throws Exception {
        CountDownLatch inRound = new CountDownLatch(1);
        CountDownLatch startDone = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicReference<BooleanSupplier> roundGoesOn = new AtomicReference<>();
        EntryUpkeepProcess starting = new EntryUpkeepProcess(null, null, null, null, null, null) {
            @Override
            public int startDue(Instant now, BooleanSupplier carryOn) {
                roundGoesOn.set(carryOn);
                inRound.countDown();
                try {
                    startDone.await(20, TimeUnit.SECONDS); // a start in the middle of the database's work
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
                return 0;
            }
        };
        UpkeepSchedule schedule = new UpkeepSchedule(starting, Duration.ofHours(1), Duration.ZERO, NO_CLOCK.getBeanProvider(Clock.class));
        schedule.start();
        assertThat(inRound.await(10, TimeUnit.SECONDS)).as("the first round began").isTrue();

        ExecutorService stopper = Executors.newSingleThreadExecutor();
        try {
            Future<?> stopped = stopper.submit((Runnable) schedule::stop);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(roundGoesOn.get().getAsBoolean())
                    .as("the round is told to end after this start").isFalse());
            assertThat(stopped).as("the stop waits for the start").isNotDone();
            startDone.countDown();
            stopped.get(10, TimeUnit.SECONDS);
        } finally {
            stopper.shutdownNow();
        }
        assertThat(interrupted).as("the start was not interrupted").isFalse();
        assertThat(schedule.isRunning()).isFalse();
    }
}
