package nl.transparant.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class RouteReasonsTest {

    private static final Locale DUTCH = Locale.forLanguageTag("nl");

    @Test
    void aReasonInBothLanguagesIsShownInTheReadersHalf() {
        String reason = "Verboden AI-praktijk (AI-verordening art. 5) / Prohibited AI practice (AI Act Art. 5)";
        assertThat(RouteReasons.inLanguage(reason, DUTCH)).isEqualTo("Verboden AI-praktijk (AI-verordening art. 5)");
        assertThat(RouteReasons.inLanguage(reason, Locale.ENGLISH)).isEqualTo("Prohibited AI practice (AI Act Art. 5)");
        assertThat(RouteReasons.inLanguage(reason, null)).as("Dutch by default").isEqualTo("Verboden AI-praktijk (AI-verordening art. 5)");
    }

    @Test
    void aReasonNotWrittenInTwoHalvesIsShownAsWritten() {
        assertThat(RouteReasons.inLanguage("Alleen Nederlands", Locale.ENGLISH)).isEqualTo("Alleen Nederlands");
        assertThat(RouteReasons.inLanguage("DPIA / IAMA / FRIA nodig", Locale.ENGLISH)).as("more than one separator")
                .isEqualTo("DPIA / IAMA / FRIA nodig");
        assertThat(RouteReasons.inLanguage(" / English only", DUTCH)).isEqualTo(" / English only");
        assertThat(RouteReasons.inLanguage("Nederlands / ", Locale.ENGLISH)).isEqualTo("Nederlands / ");
        assertThat(RouteReasons.inLanguage("a/b", Locale.ENGLISH)).as("a slash without spaces is part of a text").isEqualTo("a/b");
        assertThat(RouteReasons.inLanguage(null, DUTCH)).isNull();
    }
}
