package nl.transparant.register;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.StreamSupport;
import nl.transparant.support.Api;
import nl.transparant.support.FullStackTest;
import org.junit.jupiter.api.Test;

/**
 * The national register's download across organisations on MariaDB with a real token: one organisation created, the
 * file's date-time as the publication date, and a refused row that keeps only its own organisation out.
 */
class NationalRegisterImportIT extends FullStackTest {

    @Test
    void theDumpGoesToItsOrganisationsAndARefusedRowKeepsOnlyItsOwnOut() throws Exception {
        String suffix = String.format("%04d", ThreadLocalRandom.current().nextInt(10_000));
        String newName = "Waterschap Meetpolder " + suffix;
        String zoetermeerLars = newLars();
        String newLars = newLars();
        String capelleLars = newLars();
        Map<String, Object> zoetermeer = row(zoetermeerLars, "Gemeente Zoetermeer");
        zoetermeer.put("owner", "gm0637");
        zoetermeer.put("state", "PUBLISHED");
        zoetermeer.put("publication_dt", "2023-03-14T09:30:00+01:00");
        zoetermeer.put("provider", "");
        Map<String, Object> created = row(newLars, newName);
        created.put("lang", "Nederlands");
        created.put("standard_version", "0.4");
        Map<String, Object> refused = row(capelleLars, "Gemeente Capelle aan den IJssel");
        refused.put("status", "Gepland");
        Map<String, Object> dump = new LinkedHashMap<>();
        dump.put("algoritme_versions", List.of(zoetermeer, created, refused));
        dump.put("organisation_details", List.of(Map.of("org_id", "ws" + suffix, "name", newName, "type", "Waterschap")));

        Api.Response response = as("admin").post("/api/register/import?format=json&createOrganisations=true", dump);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode report = response.json();
        assertThat(organisation(report, newName).get("organisationCreated").asBoolean()).isTrue();
        assertThat(organisation(report, "Gemeente Zoetermeer").get("stored").asBoolean()).isTrue();
        assertThat(organisation(report, "Gemeente Capelle aan den IJssel").get("stored").asBoolean()).isFalse();

        JsonNode entry = anonymous().get("/api/public/algorithms/" + zoetermeerLars).json();
        assertThat(Instant.parse(entry.get("publishedAt").asText())).isEqualTo(Instant.parse("2023-03-14T08:30:00Z"));
        assertThat(entry.at("/fields/provider").asText("missing")).isEmpty();
        assertThat(anonymous().get("/api/public/algorithms/" + newLars).json().at("/fields/lang").asText()).isEqualTo("nld");
        assertThat(anonymous().get("/api/public/algorithms/" + capelleLars).status()).isEqualTo(404);

        assertThat(as("publisher-zoetermeer").post("/api/register/import?format=json", dump).status()).isEqualTo(403);
    }

    private static JsonNode organisation(JsonNode report, String name) {
        return StreamSupport.stream(report.get("organisations").spliterator(), false)
                .filter(o -> name.equals(o.get("name").asText())).findFirst().orElseThrow(() -> new AssertionError(name + " in " + report));
    }

    private static Map<String, Object> row(String lars, String organisation) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", "Landelijk " + lars);
        row.put("description_short", "Ingelezen uit het landelijke register.");
        row.put("organization", organisation);
        row.put("status", "In gebruik");
        row.put("contact_email", "algoritmes@example.org");
        row.put("publication_category", "Overige algoritmes");
        row.put("lang", "nld");
        row.put("standard_version", "1.0");
        row.put("lars", lars);
        row.put("publication_dt", "2024-05-17");
        return row;
    }

    private static String newLars() {
        return String.format("7%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }
}
