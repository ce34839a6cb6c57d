package nl.transparant.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.StreamSupport;
import nl.transparant.organisations.Organisation;
import nl.transparant.organisations.OrganisationDirectory;
import nl.transparant.site.PageTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The national register's whole download in one request, in the shapes it really exports: several organisations (one
 * not here yet), publication dates as date-times, the register's own keys beside the standard's, a record of an older
 * standard and empty strings; all or nothing per organisation, or per file on request.
 */
class NationalRegisterImportTest extends PageTestSupport {

    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    OrganisationDirectory organisationDirectory;
    @Autowired
    PublishedEntries entries;

    @Test
    void theWholeDumpGoesToItsOrganisationsAndANewOneIsCreated() throws Exception {
        String zoetermeerLars = newLars();
        String capelleLars = newLars();
        String newLars = newLars();
        String nationalId = String.format("ws%04d", ThreadLocalRandom.current().nextInt(10_000));
        String newName = "Waterschap Proefpolder " + nationalId.substring(2);

        // found by the owner key (its national id); the national backend's date-time; its own keys; empty strings
        Map<String, Object> zoetermeer = row(zoetermeerLars, "Gemeente Zoetermeer", "Parkeren " + zoetermeerLars);
        zoetermeer.put("publication_dt", "2023-03-14T09:30:00+01:00");
        zoetermeer.put("owner", "gm0637");
        zoetermeer.put("language", "NLD");
        zoetermeer.put("create_dt", "2023-03-01T08:00:00");
        zoetermeer.put("state", "PUBLISHED");
        zoetermeer.put("published", true);
        zoetermeer.put("provider", "");
        zoetermeer.put("lawful_basis_grouping", List.of());
        // found by its name only, a plain date
        Map<String, Object> capelle = row(capelleLars, "Gemeente Capelle aan den IJssel", "Afval " + capelleLars);
        capelle.put("publication_dt", "2022-11-02");
        // an organisation not here: its national id and type from the organisation details, which follow the versions;
        // a record of standard 0.4 with its old language and status, a date-time without zone
        Map<String, Object> old = row(newLars, newName, "Peilbeheer " + newLars);
        old.put("standard_version", "0.4");
        old.put("lang", "Nederlands");
        old.put("status", "Actief");
        old.put("department", "");
        old.put("publication_dt", "2021-06-01 12:00:00");
        String dump = dump(List.of(zoetermeer, capelle, old),
                List.of(Map.of("org_id", nationalId, "name", newName, "type", "Waterschap")));

        JsonNode report = importNational("admin", "format=json&createOrganisations=true", dump, 200);
        assertThat(report.get("created").asInt()).as(report.toString()).isEqualTo(3);
        assertThat(report.get("organisationsCreated").asInt()).isEqualTo(1);
        JsonNode created = organisation(report, newName);
        assertThat(created.get("organisationCreated").asBoolean()).isTrue();
        assertThat(created.get("nationalId").asText()).isEqualTo(nationalId);
        Organisation stored = organisationDirectory.findByNationalId(nationalId).orElseThrow();
        assertThat(stored.getCode()).isEqualTo("waterschap-proefpolder-" + nationalId.substring(2));
        assertThat(stored.getOrganisationType()).isEqualTo("Waterschap");
        assertThat(created.at("/rows/0/notes").toString()).contains("0.4", "Nederlands", "Actief", "department");
        assertThat(organisation(report, "Gemeente Zoetermeer").at("/rows/0/notes").toString())
                .contains("gm0637", "create_dt", "state", "published", "language");

        assertThat(entries.findFirstByLarsOrderByVersionNumberDesc(zoetermeerLars).orElseThrow().getOrganisationCode()).isEqualTo("zoetermeer");
        assertThat(entries.findFirstByLarsOrderByVersionNumberDesc(capelleLars).orElseThrow().getOrganisationCode()).isEqualTo("capelle");
        assertThat(entries.findFirstByLarsOrderByVersionNumberDesc(newLars).orElseThrow().getOrganisationCode()).isEqualTo(stored.getCode());

        // the file's publication date is the entry's, not the day of the import
        assertThat(Instant.parse(json(get("/api/public/algorithms/" + zoetermeerLars)).get("publishedAt").asText()))
                .isEqualTo(Instant.parse("2023-03-14T08:30:00Z"));
        assertThat(Instant.parse(json(get("/api/public/algorithms/" + capelleLars)).get("publishedAt").asText()))
                .isEqualTo(Instant.parse("2022-11-01T23:00:00Z"));
        assertThat(Instant.parse(json(get("/api/public/algorithms/" + newLars)).get("publishedAt").asText()))
                .isEqualTo(Instant.parse("2021-06-01T10:00:00Z"));
        JsonNode oldFields = json(get("/api/public/algorithms/" + newLars)).get("fields");
        assertThat(oldFields.get("lang").asText()).isEqualTo("nld");
        assertThat(oldFields.get("status").asText()).isEqualTo("In gebruik");
        assertThat(oldFields.get("standard_version").asText()).isEqualTo("1.0");

        // round trip: what went in comes out of the download unchanged, empty strings and lists included
        JsonNode downloaded = entryOf(download("/register/downloads/algoritmeregister.json"), zoetermeerLars);
        for (String key : List.of("name", "organization", "publication_dt", "provider", "lawful_basis_grouping", "status", "lars")) {
            assertThat(downloaded.get(key)).as(key).isEqualTo(JSON.valueToTree(zoetermeer.get(key)));
        }

        // the same file again changes nothing
        JsonNode again = importNational("admin", "format=json&createOrganisations=true", dump, 200);
        assertThat(again.get("skipped").asInt()).as(again.toString()).isEqualTo(3);
        assertThat(again.get("organisationsCreated").asInt()).isZero();
    }

    @Test
    void aRefusedRowKeepsOnlyItsOwnOrganisationOutOrTheWholeFileWhenAsked() throws Exception {
        String zoetermeerLars = newLars();
        String capelleGood = newLars();
        String capelleBad = newLars();
        String unknownLars = newLars();
        Map<String, Object> zoetermeer = row(zoetermeerLars, "Gemeente Zoetermeer", "Goed " + zoetermeerLars);
        Map<String, Object> good = row(capelleGood, "Gemeente Capelle aan den IJssel", "Goed " + capelleGood);
        Map<String, Object> english = row(capelleBad, "Gemeente Capelle aan den IJssel", "Engels " + capelleBad);
        english.put("lang", "Engels");
        english.put("standard_version", "0.4");
        english.put("impact", "Een tekst die in 1.0 geen eenduidige plaats heeft.");
        Map<String, Object> unknown = row(unknownLars, "Gemeente Nergenshuizen " + unknownLars, "Onbekend " + unknownLars);
        String dump = dump(List.of(zoetermeer, good, english, unknown), List.of());

        // atomic=file: one refused row, nothing stored
        MockHttpServletResponse refused = send("admin", "format=json&atomic=file", dump);
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(JSON.readTree(refused.getContentAsString(StandardCharsets.UTF_8)).at("/report/atomic").asText()).isEqualTo("file");
        assertThat(entries.findFirstByLarsOrderByVersionNumberDesc(zoetermeerLars)).isEmpty();

        // by default per organisation: Zoetermeer in, Capelle out as a whole, the unknown one refused with the reason
        JsonNode report = importNational("admin", "format=json", dump, 200);
        assertThat(organisation(report, "Gemeente Zoetermeer").get("stored").asBoolean()).isTrue();
        assertThat(entries.findFirstByLarsOrderByVersionNumberDesc(zoetermeerLars)).isPresent();

        JsonNode capelle = organisation(report, "Gemeente Capelle aan den IJssel");
        assertThat(capelle.get("stored").asBoolean()).isFalse();
        assertThat(capelle.at("/rows/0/result").asText()).isEqualTo("NOT_STORED");
        assertThat(capelle.at("/rows/1/result").asText()).isEqualTo("REFUSED");
        assertThat(capelle.at("/rows/1/reason").asText()).contains("lang: \"Engels\"", "impact: Een veld van standaard 0.4");
        assertThat(entries.findFirstByLarsOrderByVersionNumberDesc(capelleGood)).isEmpty();

        JsonNode missing = organisation(report, "Gemeente Nergenshuizen " + unknownLars);
        assertThat(missing.get("organisation").isNull()).isTrue();
        assertThat(missing.at("/rows/0/reason").asText()).contains("Hier is geen organisatie", "createOrganisations=true");
        assertThat(organisationDirectory.findByName("Gemeente Nergenshuizen " + unknownLars)).isEmpty();
    }

    @Test
    void onlyAnAdministratorImportsAcrossOrganisations() throws Exception {
        String dump = dump(List.of(row(newLars(), "Gemeente Zoetermeer", "Niet van mij")), List.of());
        assertThat(send("publisher-zoetermeer", "format=json&createOrganisations=true", dump).getStatus()).isEqualTo(403);
        assertThat(send("admin", "format=json&atomic=sometimes", dump).getStatus()).isEqualTo(400);
    }

    /** Found from the outside: two million empty rows made a report of 900 MB and 3 GB of memory. */
    @Test
    void aFileOfManyRefusedRowsStopsAtTheLimitAndStoresNothing() throws Exception {
        String lastLars = newLars();
        String rows = String.join(",", java.util.Collections.nCopies(1_500, "{}"));
        String file = "{\"algoritme_versions\": [" + rows + ", " + JSON.writeValueAsString(row(lastLars, "Gemeente Zoetermeer", "Na de grens"))
                + "], \"organisation_details\": []}";
        JsonNode problem = importNational("admin", "format=json&createOrganisations=true", file, 400);
        assertThat(problem.at("/report/refused").asInt()).isEqualTo(1_000);
        assertThat(problem.get("detail").asText()).contains("gestopt na 1.000 geweigerde rijen");
        assertThat(entries.findFirstByLarsOrderByVersionNumberDesc(lastLars)).isEmpty();
    }

    @Test
    void aPublicationDateThatIsNoDateIsRefusedWithTheForms() throws Exception {
        Map<String, Object> row = row(newLars(), "Gemeente Zoetermeer", "Datum " + newLars());
        row.put("publication_dt", "17 mei 2024");
        JsonNode problem = importNational("admin", "format=json", dump(List.of(row), List.of()), 400);
        assertThat(problem.at("/report/organisations/0/rows/0/reason").asText()).contains("publication_dt", "jjjj-mm-dd", "ISO 8601");
    }

    private static JsonNode organisation(JsonNode report, String name) {
        return StreamSupport.stream(report.get("organisations").spliterator(), false)
                .filter(o -> name.equals(o.get("name").asText())).findFirst().orElseThrow(() -> new AssertionError(name + " in " + report));
    }

    private static Map<String, Object> row(String lars, String organisation, String name) {
        Map<String, Object> row = new LinkedHashMap<>(complete(name));
        row.put("organization", organisation);
        row.put("publication_category", "Overige algoritmes");
        row.put("lang", "nld");
        row.put("standard_version", "1.0");
        row.put("lars", lars);
        row.put("publication_dt", "2024-05-17");
        return row;
    }

    /** The versions first and the organisation details after them, as a streaming import cannot take for granted. */
    private static String dump(List<Map<String, Object>> versions, List<Map<String, Object>> details) throws Exception {
        Map<String, Object> dump = new LinkedHashMap<>();
        dump.put("algoritme_versions", versions);
        dump.put("organisation_details", details);
        return JSON.writeValueAsString(dump);
    }

    private static String newLars() {
        return String.format("8%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    private JsonNode importNational(String caller, String query, String file, int status) throws Exception {
        MockHttpServletResponse response = send(caller, query, file);
        String body = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(response.getStatus()).as(body).isEqualTo(status);
        return JSON.readTree(body);
    }

    private MockHttpServletResponse send(String caller, String query, String file) throws Exception {
        return mvc.perform(post("/api/register/import?" + query).with(authentication(as(caller)))
                .contentType("application/json").content(file.getBytes(StandardCharsets.UTF_8))).andReturn().getResponse();
    }

    private JsonNode json(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8));
    }

    private String download(String url) throws Exception {
        MvcResult started = mvc.perform(get(url)).andReturn();
        MockHttpServletResponse response = mvc.perform(asyncDispatch(started)).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    private static JsonNode entryOf(String dump, String lars) throws Exception {
        return StreamSupport.stream(JSON.readTree(dump).get("algoritme_versions").spliterator(), false)
                .filter(v -> lars.equals(v.path("lars").asText())).findFirst().orElseThrow();
    }
}
