package nl.transparant.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** A clock that stands still until a test moves it: time-based limits are tested without sleeping. */
public final class ControlledClock extends Clock {

    private final AtomicReference<Instant> now;

    public ControlledClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public void advance(Duration duration) {
        now.updateAndGet(t -> t.plus(duration));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    /** Puts one as the application's {@link Clock} bean, for the components that take theirs from the context. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class AsBean {

        @Bean
        ControlledClock clock() {
            return new ControlledClock(Instant.parse("2026-03-02T09:00:00Z"));
        }
    }
}
