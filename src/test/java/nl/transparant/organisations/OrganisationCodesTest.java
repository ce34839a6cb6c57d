package nl.transparant.organisations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Codes made from real names: readable, within the engine's 64 characters, and never another organisation's. */
class OrganisationCodesTest {

    @Test
    void aNameBecomesALowerCaseCodeWithoutAccentsOrTheWordGemeente() {
        assertThat(OrganisationCodes.fromName("Gemeente Capelle aan den IJssel", code -> false)).isEqualTo("capelle-aan-den-ijssel");
        assertThat(OrganisationCodes.fromName("Gemeente 's-Gravenhage", code -> false)).isEqualTo("s-gravenhage");
        assertThat(OrganisationCodes.fromName("Gemeente Súdwest-Fryslân", code -> false)).isEqualTo("sudwest-fryslan");
        assertThat(OrganisationCodes.fromName("Provincie Zuid-Holland", code -> false)).isEqualTo("provincie-zuid-holland");
        assertThat(OrganisationCodes.fromName("Gemeenschappelijke Regeling Omgevingsdienst Midden- en West-Brabant", code -> false))
                .isEqualTo("gr-omgevingsdienst-midden-en-west-brabant");
    }

    @Test
    void aLongNameIsCutAtAHyphenAndATakenCodeGetsANumber() {
        String code = OrganisationCodes.fromName("Stichting Samenwerkingsverband Informatievoorziening en Dienstverlening van de "
                + "Gemeenten in Zuid-Holland-Zuid en de Drechtsteden", c -> false);
        assertThat(code).isEqualTo("stichting-samenwerkingsverband-informatievoorziening-en");
        assertThat(OrganisationCodes.fromName("Gemeente Utrecht", Set.of("utrecht", "utrecht-2")::contains)).isEqualTo("utrecht-3");
    }
}
