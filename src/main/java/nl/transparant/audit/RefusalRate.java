package nl.transparant.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many refusals of one person the decision log keeps one by one: the first {@code limit} in each window of
 * {@code window} (counted from that person's first refusal in it); beyond that they are only counted, and the count
 * goes into the log as one record when the window is over. Someone scripting refused requests can then add at most
 * {@code limit + 1} records per window, while a person who clicks a few wrong links leaves every refusal on record.
 * In memory per node, one small entry per person with refusals in an open window.
 *
 * <p>Not a rate limiter library (Bucket4j): nothing is refused here, refusals are only counted instead of stored
 * one by one, and what a bucket cannot give is the count of a finished window to write as one record; the
 * scheduled {@link #closeFinishedWindows()} drops finished windows, so no request scans the map. Per node, because
 * each node's summary record is complete for that node: the log still holds every refusal, stored or counted.
 */
final class RefusalRate {

    /** Refusals that were counted and not stored, to be written as one record. */
    record Counted(String actor, String roles, long refusals, Instant first, Instant last) {
    }

    /** What to do with one refusal: store it or not, and a count of an earlier window to write first, if any. */
    record Decision(boolean store, Optional<Counted> closedWindow) {
    }

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    RefusalRate(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    int limit() {
        return limit;
    }

    Duration window() {
        return window;
    }

    Decision refused(String actor, String roles) {
        Instant now = clock.instant();
        var outcome = new Object() {
            Optional<Counted> closed = Optional.empty();
            boolean store;
        };
        windows.compute(actor, (key, open) -> {
            Window current = open;
            if (current == null || current.over(now)) {
                outcome.closed = current == null ? Optional.empty() : current.counted(actor);
                current = new Window(now, roles);
            }
            outcome.store = current.stored < limit;
            if (outcome.store) {
                current.stored++;
            } else {
                current.count(now);
            }
            return current;
        });
        return new Decision(outcome.store, outcome.closed);
    }

    /** Ends every window that is over, returning the counts still to be written; their people start afresh. */
    List<Counted> closeFinishedWindows() {
        return close(false);
    }

    /** Closes every window, also those still open (the node stops): what was counted so far, per person. */
    List<Counted> closeAllWindows() {
        return close(true);
    }

    private List<Counted> close(boolean evenOpen) {
        Instant now = clock.instant();
        List<Counted> counts = new ArrayList<>();
        for (String actor : List.copyOf(windows.keySet())) {
            windows.computeIfPresent(actor, (key, open) -> {
                if (!evenOpen && !open.over(now)) {
                    return open;
                }
                open.counted(actor).ifPresent(counts::add);
                return null;
            });
        }
        return counts;
    }

    private final class Window {

        private final Instant start;
        private final String roles;
        private int stored;
        private long counted;
        private Instant firstCounted;
        private Instant lastCounted;

        Window(Instant start, String roles) {
            this.start = start;
            this.roles = roles;
        }

        boolean over(Instant now) {
            return !now.isBefore(start.plus(window));
        }

        void count(Instant now) {
            if (counted++ == 0) {
                firstCounted = now;
            }
            lastCounted = now;
        }

        Optional<Counted> counted(String actor) {
            return counted == 0 ? Optional.empty() : Optional.of(new Counted(actor, roles, counted, firstCounted, lastCounted));
        }
    }
}
