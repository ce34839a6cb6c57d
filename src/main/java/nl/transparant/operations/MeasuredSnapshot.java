package nl.transparant.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a module's gauges read, taken by one query and kept for a few seconds: a Prometheus scrape reads
 * every gauge of a module at once, and should cost the database one query per module, not one per gauge.
 * A failed query (the database is away) is kept just as long, as "unknown": the gauges then report NaN
 * instead of every gauge of every scrape waiting for a connection.
 */
public final class MeasuredSnapshot<T> {

    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(MeasuredSnapshot.class);

    private final String what;
    private final Callable<T> query;
    private final Duration maxAge;
    private final Clock clock;
    private Taken<T> last;

    public MeasuredSnapshot(String what, Callable<T> query) {
        this(what, query, DEFAULT_MAX_AGE, Clock.systemUTC());
    }

    MeasuredSnapshot(String what, Callable<T> query, Duration maxAge, Clock clock) {
        this.what = what;
        this.query = query;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** The latest measurement, or empty while the source cannot be read. */
    public synchronized Optional<T> current() {
        Instant now = clock.instant();
        if (last == null || last.at().plus(maxAge).isBefore(now)) {
            last = new Taken<>(measure(), now);
        }
        return Optional.ofNullable(last.value());
    }

    private T measure() {
        try {
            return query.call();
        } catch (Exception e) {
            log.warn("Cannot measure {} for the metrics: {}", what, e.toString());
            return null;
        }
    }

    private record Taken<T>(T value, Instant at) {
    }
}
