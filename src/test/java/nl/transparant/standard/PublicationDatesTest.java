package nl.transparant.standard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The publication dates the national register writes: a date, or a date-time with or without zone. */
class PublicationDatesTest {

    @Test
    void aDateIsTheStartOfThatDayInDutchTime() {
        assertThat(PublicationDates.instant("2024-05-17")).contains(Instant.parse("2024-05-16T22:00:00Z"));
        assertThat(PublicationDates.instant("2024-01-17")).contains(Instant.parse("2024-01-16T23:00:00Z"));
    }

    @Test
    void aDateTimeWithZoneIsThatMomentAndWithoutZoneDutchTime() {
        assertThat(PublicationDates.instant("2024-05-17T10:15:00+02:00")).contains(Instant.parse("2024-05-17T08:15:00Z"));
        assertThat(PublicationDates.instant("2024-05-17T08:15:00Z")).contains(Instant.parse("2024-05-17T08:15:00Z"));
        assertThat(PublicationDates.instant("2024-05-17T10:15:00.123456")).contains(Instant.parse("2024-05-17T08:15:00.123456Z"));
        assertThat(PublicationDates.instant("2024-05-17 10:15:00")).contains(Instant.parse("2024-05-17T08:15:00Z"));
    }

    @Test
    void anythingElseIsNoPublicationDate() {
        assertThat(PublicationDates.instant("17-05-2024")).isEmpty();
        assertThat(PublicationDates.instant("2024-5-17")).isEmpty();
        assertThat(PublicationDates.instant("2024-02-30")).isEmpty();
        assertThat(PublicationDates.instant("")).isEmpty();
        assertThat(PublicationDates.instant(20240517)).isEmpty();
    }
}
