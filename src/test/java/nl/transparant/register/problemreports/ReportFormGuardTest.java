package nl.transparant.register.problemreports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import nl.transparant.register.problemreports.ReportFormGuard.Verdict;
import nl.transparant.support.ControlledClock;
import org.junit.jupiter.api.Test;

/** One address sends at most five reports in any hour: a sliding hour, on a clock the test moves. */
class ReportFormGuardTest {

    private final ControlledClock clock = new ControlledClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final ReportFormGuard guard = new ReportFormGuard("a secret of this test", clock);

    @Test
    void theSixthReportWithinAnHourIsRefusedAndEachPlaceComesBackAnHourAfterItsReport() {
        assertThat(send("10.7.0.1")).isEqualTo(Verdict.ACCEPT);
        clock.advance(Duration.ofMinutes(50));
        for (int i = 0; i < 4; i++) {
            assertThat(send("10.7.0.1")).as("report %d", i + 2).isEqualTo(Verdict.ACCEPT);
        }
        assertThat(send("10.7.0.1")).isEqualTo(Verdict.TOO_MANY);
        assertThat(send("10.7.0.2")).as("another address counts for itself").isEqualTo(Verdict.ACCEPT);

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(send("10.7.0.1")).as("the first report is an hour old: one place, not five").isEqualTo(Verdict.ACCEPT);
        assertThat(send("10.7.0.1")).isEqualTo(Verdict.TOO_MANY);

        clock.advance(Duration.ofMinutes(50));
        for (int i = 0; i < 4; i++) {
            assertThat(send("10.7.0.1")).as("the four of minute 50 are an hour old").isEqualTo(Verdict.ACCEPT);
        }
        assertThat(send("10.7.0.1")).isEqualTo(Verdict.TOO_MANY);
    }

    @Test
    void anAddressQuietForAnHourStartsAfresh() {
        for (int i = 0; i < 5; i++) {
            assertThat(send("10.7.1.1")).isEqualTo(Verdict.ACCEPT);
        }
        assertThat(send("10.7.1.1")).isEqualTo(Verdict.TOO_MANY);
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        for (int i = 0; i < 5; i++) {
            assertThat(send("10.7.1.1")).as("report %d after the quiet hour", i + 1).isEqualTo(Verdict.ACCEPT);
        }
        assertThat(send("10.7.1.1")).isEqualTo(Verdict.TOO_MANY);
    }

    /** A form shown a minute ago and sent now. */
    private Verdict send(String address) {
        String token = guard.issue("00000001", clock.instant().minus(Duration.ofMinutes(1)));
        return guard.check("00000001", token, "", address);
    }
}
