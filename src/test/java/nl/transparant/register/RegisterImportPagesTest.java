package nl.transparant.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import nl.transparant.site.PageTestSupport;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

/** The staff upload form of the register import: the per-row report, all or nothing, who may use it, both languages. */
class RegisterImportPagesTest extends PageTestSupport {

    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    PublishedEntries entries;

    @Test
    void aPublisherUploadsADumpAndReadsTheReportPerRow() throws Exception {
        String lars = newLars();
        String name = unique("Geüpload algoritme");
        byte[] dump = dump(row(lars, "Gemeente Zoetermeer", name));

        Page created = page(upload("publisher-zoetermeer", "zoetermeer", "json", dump)).assertStatus(200);
        assertThat(created.document().select("[role=status]").text()).contains("Import voltooid").contains("1 nieuw");
        Element first = created.document().selectFirst("#import-report ~ .table-wrap tbody tr");
        assertThat(first.select("th").text()).isEqualTo("1");
        assertThat(first.select("td").eachText()).containsExactly(lars, name, "nieuw", "1", "nieuw Algoritme-ID");
        assertThat(first.selectFirst("a").attr("href")).isEqualTo("/register/" + lars);
        assertThat(register.latest(lars).getFields().get("name")).isEqualTo(name);

        Page again = page(upload("publisher-zoetermeer", "zoetermeer", "json", dump)).assertStatus(200);
        assertThat(again.document().select("#import-report ~ .table-wrap tbody td").eachText()).contains("overgeslagen", "ongewijzigd");

        Map<String, Object> changed = row(lars, "Gemeente Zoetermeer", name);
        changed.put("description_short", "Een nieuwe omschrijving.");
        Page updated = page(upload("publisher-zoetermeer", "zoetermeer", "json", dump(changed))).assertStatus(200);
        assertThat(updated.document().select("#import-report ~ .table-wrap tbody td").eachText())
                .contains("bijgewerkt", "2", "gewijzigd: description_short");
    }

    @Test
    void whatTheImportReadOrIgnoredIsShownBesideTheRow() throws Exception {
        Map<String, Object> row = row(newLars(), "Gemeente Zoetermeer", unique("Met eigen sleutels"));
        row.put("state", "PUBLISHED");
        row.put("status", "Actief");
        Page imported = page(upload("publisher-zoetermeer", "zoetermeer", "json", dump(row))).assertStatus(200);
        assertThat(imported.document().select("#import-report ~ .table-wrap tbody li").eachText()).containsExactly(
                "Eigen sleutels van het landelijke register, geen velden van de standaard, genegeerd: state.",
                "status \"Actief\" gelezen als \"In gebruik\".");
        // in English when the person chose English: the report was English on a Dutch page (outside tester)
        row.put("status", "Actief");
        Page english = page(upload("publisher-zoetermeer", "zoetermeer", "json", dump(row))
                .cookie(new jakarta.servlet.http.Cookie("transparant-lang", "en"))).assertStatus(200);
        assertThat(english.document().select("#import-report ~ .table-wrap tbody td > span").eachText()).containsExactly("unchanged");
        assertThat(english.document().select("#import-report ~ .table-wrap tbody li").eachText()).containsExactly(
                "The national register's own keys, not fields of the standard, ignored: state.", "status \"Actief\" read as \"In gebruik\".");
        assertThat(english.document().select("#import-report ~ .table-wrap td[lang]")).isEmpty();
    }

    @Test
    void oneBadRowStoresNothingAndTheReportSaysWhichAndWhy() throws Exception {
        String good = newLars();
        String bad = newLars();
        Map<String, Object> script = row(bad, "Gemeente Zoetermeer", unique("Met script"));
        script.put("description_short", "<script>alert(1)</script>");
        Page refused = page(upload("publisher-zoetermeer", "zoetermeer", "json",
                dump(row(good, "Gemeente Zoetermeer", unique("Goed")), script))).assertStatus(400);

        assertThat(refused.document().select("[role=alert] h2").text()).isEqualTo("Er is niets geïmporteerd");
        assertThat(refused.document().select("[role=alert] p").text())
                .startsWith("1 van de 2 rijen kunnen niet worden geïmporteerd; niets van dit bestand is opgeslagen.");
        List<String> rows = refused.document().select("#import-report ~ .table-wrap tbody tr").eachText();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1)).contains(bad, "geweigerd", "description_short");
        assertThat(refused.html()).doesNotContain("<script>alert(1)");
        assertThat(entries.findFirstByLarsOrderByVersionNumberDesc(good)).isEmpty();
        assertThat(entries.findFirstByLarsOrderByVersionNumberDesc(bad)).isEmpty();
    }

    @Test
    void anUnreadableFileOrAMissingChoiceIsABadRequestOnTheSamePage() throws Exception {
        Page notJson = page(upload("publisher-zoetermeer", "zoetermeer", "json", "not json".getBytes(StandardCharsets.UTF_8)))
                .assertStatus(400);
        assertThat(notJson.document().select("[role=alert] h2").text()).contains("kan niet worden gelezen");
        // why, in the page's language: Dutch by default, not marked English; English on request
        assertThat(notJson.document().select("[role=alert] p").text()).isEqualTo("Het bestand is geen geldige JSON.");
        assertThat(notJson.document().select("[role=alert] p").attr("lang")).isEqualTo("nl");
        Page english = page(upload("/staff/register/import?lang=en", "publisher-zoetermeer", "zoetermeer", "json",
                "not json".getBytes(StandardCharsets.UTF_8))).assertStatus(400);
        assertThat(english.document().select("[role=alert] p").text()).isEqualTo("The file is not valid JSON.");
        assertThat(english.document().select("[role=alert] p").attr("lang")).isEqualTo("en");
        Page empty = page(upload("publisher-zoetermeer", "zoetermeer", "json",
                "{\"algoritme_versions\": []}".getBytes(StandardCharsets.UTF_8))).assertStatus(400);
        assertThat(empty.document().select("[role=alert] p").text()).isEqualTo("Het bestand bevat geen algoritmes.");

        Page noFile = page(upload("publisher-zoetermeer", "zoetermeer", "json", new byte[0])).assertStatus(400);
        assertThat(noFile.document().select("[role=alert]").text()).contains("Kies een bestand");
        assertThat(noFile.document().select("#import-organisation option[selected]").attr("value")).isEqualTo("zoetermeer");
    }

    @Test
    void onlyThePublishersOfTheOrganisationAndAdministratorsImport() throws Exception {
        byte[] dump = dump(row(newLars(), "Gemeente Nissewaard", unique("Niet van mij")));
        page(upload("publisher-zoetermeer", "nissewaard", "json", dump)).assertStatus(403);
        page(upload("owner-zoetermeer", "zoetermeer", "json", dump)).assertStatus(403);
        Page admin = page(upload("admin", "nissewaard", "json", dump)).assertStatus(200);
        assertThat(admin.document().select("[role=status]").text()).contains("1 nieuw");

        Page form = page("/staff/register/import", "publisher-zoetermeer").assertStatus(200);
        assertThat(form.document().select("#import-organisation option").eachAttr("value")).containsExactly("zoetermeer");
        assertThat(form.document().selectFirst("form[enctype=multipart/form-data] input[name=_csrf]")).isNotNull();
        assertThat(page("/staff/register/import", "admin").document().select("#import-organisation option").size()).isGreaterThan(1);
        assertThat(page("/staff", "publisher-zoetermeer").document().select("a[href=/staff/register/import]")).hasSize(1);
        assertThat(page("/staff", "owner-zoetermeer").document().select("a[href=/staff/register/import]")).isEmpty();

        MockMultipartHttpServletRequestBuilder withoutToken = multipart("/staff/register/import");
        withoutToken.file(new MockMultipartFile("file", "dump.json", "application/json", dump)).param("organisation", "zoetermeer")
                .param("format", "json");
        page(withoutToken.with(authentication(as("publisher-zoetermeer")))).assertStatus(403);
    }

    @Test
    void theFormAndTheReportAreInEnglishToo() throws Exception {
        Page form = page("/staff/register/import?lang=en", "publisher-zoetermeer").assertStatus(200);
        assertThat(form.document().selectFirst("h1").text()).isEqualTo("Import entries");
        assertThat(form.document().selectFirst("label[for=import-file]").text()).isEqualTo("File");
    }

    private static MockMultipartHttpServletRequestBuilder upload(String caller, String organisation, String format, byte[] file) {
        return upload("/staff/register/import", caller, organisation, format, file);
    }

    private static MockMultipartHttpServletRequestBuilder upload(String url, String caller, String organisation, String format,
            byte[] file) {
        MockMultipartHttpServletRequestBuilder request = multipart(url);
        request.file(new MockMultipartFile("file", "algoritmeregister." + format, "application/octet-stream", file))
                .param("organisation", organisation).param("format", format);
        request.with(csrf()).with(authentication(as(caller)));
        return request;
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

    @SafeVarargs
    private static byte[] dump(Map<String, Object>... rows) throws Exception {
        return JSON.writeValueAsBytes(Map.of("algoritme_versions", List.of(rows), "organisation_details", List.of()));
    }

    private static String newLars() {
        return String.format("8%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }
}
