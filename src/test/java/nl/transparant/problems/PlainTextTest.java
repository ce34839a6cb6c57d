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

    /** Found from the outside: "kans a < b en c > d" was refused as markup; a browser reads no tag in it. */
    @Test
    void markupIsWhatABrowserReadsAsATagNotEveryLessThanSign() {
        assertThat(PlainText.containsMarkup("kans a < b en c > d")).isFalse();
        assertThat(PlainText.containsMarkup("Score < 5 controleren")).isFalse();
        assertThat(PlainText.containsMarkup("<script>alert(1)</script>")).isTrue();
        assertThat(PlainText.containsMarkup("tekst </p>")).isTrue();
        assertThat(PlainText.containsMarkup("<!-- opmerking -->")).isTrue();
        assertThat(PlainText.containsMarkup("<?xml")).isTrue();
        assertThat(PlainText.containsMarkup("<b>vet</b>")).isTrue();
    }

    /** Found from the outside: a note of a no-break space or a zero-width space was accepted as written. */
    @Test
    void onlySpacesOfAnyKindAndInvisibleCharactersAreNoText() {
        assertThat(PlainText.hasVisibleText(" \u00a0\u200b\u2060\ufeff\u202f\u3000\t\n")).isFalse();
        assertThat(PlainText.hasVisibleText("")).isFalse();
        assertThat(PlainText.hasVisibleText(null)).isFalse();
        assertThat(PlainText.hasVisibleText("\u200b ok")).isTrue();
        assertThat(PlainText.hasVisibleText("é")).isTrue();
        assertThat(PlainText.hasVisibleText("\ud83d\ude00")).isTrue();
    }
}
