package nl.transparant.workflow.livingentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean toldToStop = new AtomicBoolean();
        EntryUpkeepProcess starting = new EntryUpkeepProcess(null, null, null, null, null) {
            @Override
            public int startDue(Instant now, BooleanSupplier carryOn) {
                inRound.countDown();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (carryOn.getAsBoolean() && System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
                    Thread.onSpinWait();
                }
                toldToStop.set(!carryOn.getAsBoolean());
                interrupted.set(Thread.currentThread().isInterrupted());
                return 0;
            }
        };
        UpkeepSchedule schedule = new UpkeepSchedule(starting, Duration.ofHours(1), Duration.ZERO, NO_CLOCK.getBeanProvider(Clock.class));
        schedule.start();
        assertThat(inRound.await(10, TimeUnit.SECONDS)).as("the first round began").isTrue();

        schedule.stop();

        assertThat(toldToStop).as("the round was told to end").isTrue();
        assertThat(interrupted).as("and was not interrupted").isFalse();
        assertThat(schedule.isRunning()).isFalse();
    }
}
