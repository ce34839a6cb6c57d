package nl.transparant.site;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Moments shown on the pages, in Dutch time and the page language. Used from the templates as
 * {@code @pageDates}; the database stores instants, people read local dates.
 */
@Component("pageDates")
public class PageDates {

    static final ZoneId NETHERLANDS = ZoneId.of("Europe/Amsterdam");

    public String dateTime(Instant instant, Locale locale) {
        return instant == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(formatting(locale)).withZone(NETHERLANDS).format(instant);
    }

    public String date(Instant instant, Locale locale) {
        return instant == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(formatting(locale)).withZone(NETHERLANDS).format(instant);
    }

    /** English readers here are in Europe: "27 November 2026, 14:05", not the American month-first order. */
    private static Locale formatting(Locale locale) {
        Locale page = SiteLanguage.supported(locale);
        return Locale.ENGLISH.equals(page) ? Locale.UK : page;
    }

    /** For the {@code datetime} attribute of {@code <time>}, which machines read. */
    public String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
