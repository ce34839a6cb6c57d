package nl.transparant.nationalregister;

import static org.assertj.core.api.Assertions.assertThat;

import nl.transparant.site.PageTestSupport;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The deliveries page where the connector is off (the default): it says so, in both languages. */
class DeliveryPagesTest extends PageTestSupport {

    @Test
    void theBoardSaysTheConnectorIsOffInDutchAndEnglish() throws Exception {
        Document dutch = page("/staff/register/deliveries", "publisher-zoetermeer").assertStatus(200).document();
        assertThat(dutch.selectFirst("h1").text()).isEqualTo("Levering aan het landelijke register");
        assertThat(dutch.select("[role=status]").text()).contains("staat op deze installatie uit");

        Document english = page("/staff/register/deliveries?lang=en", "admin").assertStatus(200).document();
        assertThat(english.selectFirst("h1").text()).isEqualTo("Delivery to the national register");
        assertThat(english.select("[role=status]").text()).contains("switched off");

        assertThat(page("/staff", "publisher-zoetermeer").document().select("a[href=/staff/register/deliveries]")).hasSize(1);
    }
}
