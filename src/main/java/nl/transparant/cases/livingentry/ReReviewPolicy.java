package nl.transparant.cases.livingentry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * When a published entry is next re-reviewed (GDPR Art. 35(11)), by {@code policies/re-review.yaml}: the DPIA's
 * own review date if it lies ahead, else today plus the policy's interval. Policy data: read again at a publication after the file changed.
 */
record ReReviewPolicy(Period interval, String dpiaReviewDateQuestion, int dueHour) {

    static final ZoneId NETHERLANDS = ZoneId.of("Europe/Amsterdam");

    ReReviewPolicy {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalStateException("The re-review interval must be at least one day, not " + interval);
        }
        if (dueHour < 0 || dueHour > 23) {
            throw new IllegalStateException("The re-review due_hour must be 0-23, not " + dueHour);
        }
    }

    static ReReviewPolicy read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            if (!(document instanceof Map<?, ?> root)) {
                throw new IllegalStateException(file + " is not a mapping");
            }
            return new ReReviewPolicy(Period.parse(String.valueOf(root.get("interval"))),
                    String.valueOf(java.util.Objects.requireNonNull(root.get("dpia_review_date_question"))),
                    ((Number) root.get("due_hour")).intValue());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the re-review policy " + file, e);
        } catch (DateTimeException | ClassCastException | NullPointerException e) {
            throw new IllegalStateException(file + " needs interval (an ISO 8601 period such as P1Y), "
                    + "dpia_review_date_question and due_hour", e);
        }
    }

    /** The moment the first re-review after a publication on {@code today} falls due. */
    Instant firstDue(LocalDate today, Optional<LocalDate> dpiaReviewDate) {
        return dueOn(dpiaReviewDate.filter(date -> date.isAfter(today)).orElse(today.plus(interval)));
    }

    /** The moment a re-review set for {@code day} falls due: that day at the policy's hour, Dutch time. */
    Instant dueOn(LocalDate day) {
        return day.atTime(LocalTime.of(dueHour, 0)).atZone(NETHERLANDS).toInstant();
    }

    /** The day, Dutch time, on which a re-review due at {@code moment} falls. */
    static LocalDate dayOf(Instant moment) {
        return moment.atZone(NETHERLANDS).toLocalDate();
    }

    /**
     * The latest day to which staff may move a re-review on {@code today}: one interval ahead, as far as a confirmation
     * puts the next one. Further would postpone a legal re-review without anyone checking the entry.
     */
    LocalDate latestMoveOn(LocalDate today) {
        return today.plus(interval);
    }
}
