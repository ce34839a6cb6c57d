package nl.transparant.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** One query per scrape, not one per gauge; an unreachable source is "unknown" for as long, not retried per gauge. */
class MeasuredSnapshotTest {

    private Instant now = Instant.parse("2026-11-27T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void aMeasurementIsReusedUntilItIsOlderThanItsMaximumAge() {
        AtomicInteger queries = new AtomicInteger();
        MeasuredSnapshot<Integer> snapshot = new MeasuredSnapshot<>("test", queries::incrementAndGet, Duration.ofSeconds(5), clock);
        assertThat(snapshot.current()).contains(1);
        now = now.plusSeconds(5);
        assertThat(snapshot.current()).contains(1);
        now = now.plusMillis(1);
        assertThat(snapshot.current()).contains(2);
        assertThat(queries).hasValue(2);
    }

    @Test
    void aFailedMeasurementIsUnknownAndNotRetriedBeforeItsTime() {
        AtomicInteger attempts = new AtomicInteger();
        MeasuredSnapshot<Integer> snapshot = new MeasuredSnapshot<>("test", () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("database away");
            }
            return 7;
        }, Duration.ofSeconds(5), clock);
        assertThat(snapshot.current()).isEmpty();
        assertThat(snapshot.current()).isEmpty();
        assertThat(attempts).hasValue(1);
        now = now.plusSeconds(6);
        assertThat(snapshot.current()).contains(7);
    }
}
