package nl.transparant.cases.livingentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a published entry is next re-reviewed, by the product's {@code policies/re-review.yaml} and by broken copies of it. */
class ReReviewPolicyTest {

    static final ReReviewPolicy PRODUCT = ReReviewPolicy.read(Path.of("policies", "re-review.yaml"));
    static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    @Test
    void theProductPolicyReReviewsYearlyAtNineInTheMorningOrOnTheDpiasOwnDate() {
        assertThat(PRODUCT.interval()).isEqualTo(Period.ofYears(1));
        assertThat(PRODUCT.dpiaReviewDateQuestion()).isEqualTo("7.2");

        assertThat(PRODUCT.firstDue(TODAY, Optional.empty())).isEqualTo(Instant.parse("2027-11-27T08:00:00Z"));
        assertThat(PRODUCT.firstDue(TODAY, Optional.of(LocalDate.of(2027, 3, 1)))).as("the DPIA's date of the next review")
                .isEqualTo(Instant.parse("2027-03-01T08:00:00Z"));
        assertThat(PRODUCT.firstDue(TODAY, Optional.of(LocalDate.of(2027, 7, 1)))).as("summer time in Amsterdam")
                .isEqualTo(Instant.parse("2027-07-01T07:00:00Z"));
        assertThat(PRODUCT.firstDue(TODAY, Optional.of(TODAY))).as("a DPIA date that is not ahead gives the interval")
                .isEqualTo(Instant.parse("2027-11-27T08:00:00Z"));
    }

    @Test
    void aBrokenPolicyIsRefusedWithWhatItNeeds(@TempDir Path folder) throws IOException {
        assertThatThrownBy(() -> ReReviewPolicy.read(write(folder, "interval: yearly\ndpia_review_date_question: \"7.2\"\ndue_hour: 9\n")))
                .hasMessageContaining("needs interval (an ISO 8601 period such as P1Y)");
        assertThatThrownBy(() -> ReReviewPolicy.read(write(folder, "interval: P0D\ndpia_review_date_question: \"7.2\"\ndue_hour: 9\n")))
                .hasMessageContaining("at least one day");
        assertThatThrownBy(() -> ReReviewPolicy.read(write(folder, "interval: P1Y\ndpia_review_date_question: \"7.2\"\ndue_hour: 25\n")))
                .hasMessageContaining("due_hour must be 0-23");
        assertThatThrownBy(() -> ReReviewPolicy.read(write(folder, "interval: P1Y\ndue_hour: 9\n")))
                .hasMessageContaining("dpia_review_date_question");
    }

    private static Path write(Path folder, String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(folder, "re-review", ".yaml"), yaml);
    }
}
