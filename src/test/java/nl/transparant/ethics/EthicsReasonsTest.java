package nl.transparant.ethics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The reason the committee's votes give a decision is stored with codes and shown in the reader's language. */
class EthicsReasonsTest {

    private final EthicsReasons reasons = new EthicsReasons(bundles());

    @Test
    void theGeneratedReasonIsShownInDutchAndInEnglish() {
        String stored = EthicsReasons.HEADER.formatted(2, "approve") + "\n"
                + "ethicus-a: positive – Zorgvuldig.\n"
                + "ethicus-b: positive-with-conditions – Met uitleg aan burgers. (conditions: Publiceer een uitleg; Evalueer na een jaar)";

        assertThat(reasons.shown(stored, Locale.forLanguageTag("nl"))).isEqualTo("""
                Ethische commissie, 2 stemmen, uitkomst: Goedgekeurd
                ethicus-a: Positief – Zorgvuldig.
                ethicus-b: Positief met voorwaarden – Met uitleg aan burgers. (voorwaarden: Publiceer een uitleg; Evalueer na een jaar)""");
        assertThat(reasons.shown(stored, Locale.ENGLISH)).isEqualTo("""
                Ethics committee, 2 votes, outcome: Approved
                ethicus-a: Positive – Zorgvuldig.
                ethicus-b: Positive with conditions – Met uitleg aan burgers. (conditions: Publiceer een uitleg; Evalueer na een jaar)""");
    }

    @Test
    void anyOtherReasonIsShownAsWritten() {
        assertThat(reasons.shown("Zorgvuldig onderbouwd.", Locale.ENGLISH)).isEqualTo("Zorgvuldig onderbouwd.");
        assertThat(reasons.shown(null, Locale.ENGLISH)).isNull();
    }

    private static ResourceBundleMessageSource bundles() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }
}
