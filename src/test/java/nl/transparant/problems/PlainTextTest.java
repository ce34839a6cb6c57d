package nl.transparant.problems;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainTextTest {

    @Test
    void aRefusalRepeatsAnIdentifierButNothingElseAPersonSent() {
        assertThat(PlainText.echoed("zoetermeer")).isEqualTo("'zoetermeer'");
        assertThat(PlainText.echoed("gm0637")).isEqualTo("'gm0637'");
        assertThat(PlainText.echoed("javascript:alert(1)")).doesNotContain("javascript");
        assertThat(PlainText.echoed("<script>alert(1)</script>")).doesNotContain("<");
        assertThat(PlainText.echoed("x".repeat(65))).doesNotContain("xxx");
        assertThat(PlainText.echoed(null)).isNotBlank();
    }
}
