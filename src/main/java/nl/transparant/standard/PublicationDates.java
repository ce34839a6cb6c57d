package nl.transparant.standard;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The publication date ({@code publication_dt}) as another register writes it: a date ({@code 2024-05-17}, as the
 * standard shows it) or a date-time in ISO 8601, with or without zone (the national backend's type, e.g.
 * {@code 2024-05-17T10:15:00+02:00} or {@code 2024-05-17 10:15:00}). Without a zone it is Dutch time.
 */
public final class PublicationDates {

    public static final ZoneId REGISTER_ZONE = ZoneId.of("Europe/Amsterdam");

    private PublicationDates() {
    }

    /** The moment the value names, or empty when it is no date or date-time. */
    public static Optional<Instant> instant(Object value) {
        if (!(value instanceof String text) || text.isBlank()) {
            return Optional.empty();
        }
        String trimmed = text.strip();
        try {
            LocalDate date = LocalDate.parse(trimmed);
            // only the strict form: "2024-5-1" is no date the standard writes
            return date.toString().equals(trimmed) ? Optional.of(date.atStartOfDay(REGISTER_ZONE).toInstant()) : Optional.empty();
        } catch (DateTimeParseException notADate) {
            // a date-time, then
        }
        String iso = trimmed.length() > 10 && trimmed.charAt(10) == ' ' ? trimmed.substring(0, 10) + 'T' + trimmed.substring(11) : trimmed;
        try {
            return Optional.of(OffsetDateTime.parse(iso).toInstant());
        } catch (DateTimeParseException noZone) {
            // a local date-time, then
        }
        try {
            return Optional.of(LocalDateTime.parse(iso).atZone(REGISTER_ZONE).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
