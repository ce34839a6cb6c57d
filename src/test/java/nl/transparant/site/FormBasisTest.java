package nl.transparant.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The field-by-field merge of a form refused because someone saved in between (outside testers, rounds 3 and 4). */
class FormBasisTest {

    static final List<String> KEYS = List.of("name", "goal", "category", "lawful_basis_grouping", "internalNotes");

    @Test
    void eachFieldTakesTheChangeOfWhoeverMadeItAndOneChangedByBothIsPointedOut() {
        Map<String, Object> opened = Map.of("name", "Oud", "goal", "<p>Doel</p>", "category", List.of("Wonen"), "internalNotes", "Notitie");
        String basis = FormBasis.of(opened, KEYS, 3);
        Map<String, Object> typed = new LinkedHashMap<>(opened);
        typed.put("name", "Door mij");
        typed.put("internalNotes", "Notitie\r\n"); // the same, as a browser sends it back
        Map<String, Object> stored = new LinkedHashMap<>(opened);
        stored.put("goal", "<p>Doel van de ander</p>");
        stored.put("name", "Door de ander");

        FormBasis.Merged merged = FormBasis.merge(FormBasis.parse(basis, 3L).orElseThrow(), typed, stored, KEYS);

        assertThat(merged.values()).containsEntry("goal", "<p>Doel van de ander</p>").containsEntry("name", "Door mij")
                .containsEntry("category", List.of("Wonen")).containsEntry("internalNotes", "Notitie");
        assertThat(merged.takenOver()).containsExactly("goal");
        assertThat(merged.changedByBoth()).containsOnlyKeys("name");
    }

    /** A form without its basis, or with a tampered one: nothing is taken over unseen, every difference is pointed out. */
    @Test
    void withoutABasisEveryFieldThatDiffersFromTheStoredOneIsPointedOut() {
        Map<String, Object> typed = Map.of("name", "Oud", "goal", "<p>Doel</p>");
        Map<String, Object> stored = Map.of("name", "Oud", "goal", "<p>Nieuw doel</p>");
        // a basis copied from a newer page (version 4) onto a form opened at version 3 is no basis either
        String newer = FormBasis.of(stored, KEYS, 4);
        for (String posted : new String[] {null, "", "xyz", "name=abc", "v=3;name=abc", newer}) {
            FormBasis.Merged merged = FormBasis.merge(FormBasis.parse(posted, 3L).orElse(Map.of()), typed, stored, KEYS);
            assertThat(merged.values()).as(posted).containsEntry("goal", "<p>Doel</p>");
            assertThat(merged.changedByBoth()).as(posted).containsOnlyKeys("goal");
        }
    }

    @Test
    void aStoredValueIsShownAsPeopleReadIt() {
        assertThat(FormBasis.shown("<ul><li>r1</li><li>r2 Noor</li><li>r3</li></ul>")).isEqualTo("r1 / r2 Noor / r3");
        assertThat(FormBasis.shown("Notitie 1\nNoor erbij")).isEqualTo("Notitie 1 / Noor erbij");
        assertThat(FormBasis.shown(List.of(Map.of("link", "https://wetten.overheid.nl/A", "title", "Wet A")))).isEqualTo("Wet A – https://wetten.overheid.nl/A");
        assertThat(FormBasis.shown(List.of("Wonen", "Verkeer"))).isEqualTo("Wonen; Verkeer");
        assertThat(FormBasis.shown("  ")).isEmpty();
        assertThat(FormBasis.shown(null)).isEmpty();
        assertThat(FormBasis.shown("x".repeat(500))).hasSize(401).endsWith("…");
    }
}
