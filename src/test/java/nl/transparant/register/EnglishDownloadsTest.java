package nl.transparant.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.site.PageTestSupport;
import nl.transparant.standard.RegisterStandard;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The English downloads: the standard's English titles as CSV headers, each version's English texts over the Dutch
 * ones, the Dutch text (and a column naming it) where there is no translation, and every version in the history files.
 */
class EnglishDownloadsTest extends PageTestSupport {

    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    RegisterStandard standard;
    @Autowired
    PublishedEntries entries;
    @Autowired
    RegisterListing listing;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void theEnglishCsvHasEnglishHeadersEnglishTextsAndSaysWhichTextsAreDutch() throws Exception {
        String dutchName = unique("Bomen tellen");
        Map<String, Object> fields = complete(dutchName);
        fields.put("goal", "<p>Bomen beter onderhouden.</p>");
        AlgorithmCase draft = draft("owner-zoetermeer", fields);
        String englishName = "Counting trees, \"all\" of them " + dutchName.substring(dutchName.lastIndexOf(' ') + 1);
        cases.editEnglish(staff("owner-zoetermeer"), draft.getId(), cases.read(staff("owner-zoetermeer"), draft.getId()).getVersion(),
                Map.of("name", englishName, "goal", "<p>Better care for trees.</p>"));
        PublishedEntry entry = published(draft);
        PublishedEntry dutchOnly = published("owner-zoetermeer", "publisher-zoetermeer", complete(unique("Alleen Nederlands csv")));

        MockHttpServletResponse response = download("/register/downloads/algoritmeregister-eng.csv");
        assertThat(response.getContentType()).startsWith("text/csv");
        assertThat(response.getHeader("Content-Disposition")).isEqualTo("attachment; filename=\"algoritmeregister-eng.csv\"");
        List<List<String>> rows = parse(response.getContentAsString(StandardCharsets.UTF_8));

        List<String> header = rows.get(0);
        List<String> expectedHeader = new ArrayList<>(standard.fields().stream().map(f -> f.title().en()).toList());
        expectedHeader.add("Texts in Dutch (no English version)");
        assertThat(header).isEqualTo(expectedHeader);
        assertThat(header).startsWith("Name", "Short description", "Organisation name", "Theme", "Status");

        Map<String, String> translated = row(rows, entry.getLars());
        assertThat(translated.get("Name")).isEqualTo(englishName);
        assertThat(translated.get("Purpose and impact")).isEqualTo("<p>Better care for trees.</p>");
        assertThat(translated.get("Short description")).isEqualTo("Korte omschrijving van " + dutchName + ".");
        assertThat(translated.get("Language")).isEqualTo("eng");
        assertThat(translated.get("Status")).as("permitted values by the English page's labels: the CSV is for people").isEqualTo("In use");
        assertThat(translated.get("Texts in Dutch (no English version)")).isEqualTo("Short description");

        Map<String, String> dutch = row(rows, dutchOnly.getLars());
        assertThat(dutch.get("Name")).isEqualTo(dutchOnly.getName());
        assertThat(dutch.get("Language")).isEqualTo("nld");
        assertThat(dutch.get("Texts in Dutch (no English version)")).isEqualTo("Name; Short description");

        // the JSON is machine data: the standard's values as it spells them
        JsonNode json = JSON.readTree(download("/register/downloads/algoritmeregister-eng.json").getContentAsString(StandardCharsets.UTF_8));
        List<String> statuses = new ArrayList<>();
        json.findParents("lars").stream().filter(n -> n.path("lars").asText().equals(entry.getLars()))
                .forEach(n -> statuses.add(n.path("status").asText()));
        assertThat(statuses).isNotEmpty().allMatch("In gebruik"::equals);

        Document overview = page("/en/register").assertStatus(200).document();
        assertThat(overview.select(".download-list a[hreflang=en]").eachAttr("href")).containsExactly(
                "/register/downloads/algoritmeregister-eng.csv", "/register/downloads/algoritmeregister-eng.json",
                "/register/downloads/algoritmeregister-historie-eng.csv", "/register/downloads/algoritmeregister-historie-eng.json");
    }

    @Test
    void theEnglishHistoryHoldsEveryVersionWithItsOwnEnglishTexts() throws Exception {
        String name = unique("Historie in het Engels");
        AlgorithmCase draft = draft("owner-capelle", complete(name));
        cases.editEnglish(staff("owner-capelle"), draft.getId(), cases.read(staff("owner-capelle"), draft.getId()).getVersion(),
                Map.of("name", "History in English, version 1"));
        PublishedEntry first = published(draft, "owner-capelle", "publisher-capelle");
        Map<String, Object> changed = new LinkedHashMap<>(first.getFields());
        changed.put("description_short", "Tweede versie.");
        PublishedEntry second = entries.save(new PublishedEntry(first.getCaseId(), first.getLars(), 2, "capelle", changed,
                Map.of("name", "History in English, version 2", "description_short", "Second version."), Instant.now(),
                "publisher-capelle"));
        inTransaction(() -> listing.record(second));

        List<List<String>> csv = parse(download("/register/downloads/algoritmeregister-historie-eng.csv")
                .getContentAsString(StandardCharsets.UTF_8));
        assertThat(csv.get(0)).endsWith("Version", "Texts in Dutch (no English version)");
        List<Map<String, String>> versions = csv.stream().skip(1).filter(r -> r.contains(first.getLars()))
                .map(r -> named(csv.get(0), r)).toList();
        assertThat(versions).extracting(v -> v.get("Version")).containsExactly("1", "2");
        assertThat(versions).extracting(v -> v.get("Name")).containsExactly("History in English, version 1", "History in English, version 2");
        assertThat(versions).extracting(v -> v.get("Short description")).containsExactly("Korte omschrijving van " + name + ".", "Second version.");

        JsonNode dump = JSON.readTree(download("/register/downloads/algoritmeregister-historie-eng.json").getContentAsString(StandardCharsets.UTF_8));
        List<String> names = new ArrayList<>();
        for (JsonNode version : dump.path("algoritme_versions")) {
            if (version.path("lars").asText().equals(first.getLars())) {
                names.add(version.path("name").asText() + " / " + version.path("lang").asText());
            }
        }
        assertThat(names).containsExactly("History in English, version 1 / eng", "History in English, version 2 / eng");
        assertThat(dump.path("organisation_details").isArray()).isTrue();

        String dutchHistory = download("/register/downloads/algoritmeregister-historie.csv").getContentAsString(StandardCharsets.UTF_8);
        assertThat(dutchHistory).as("the Dutch history stays Dutch").doesNotContain("History in English");
    }

    /** Outside tester: the English page's search found an entry only by its Dutch words. Now by the words of either. */
    @Test
    void aSearchFindsAnEntryByItsEnglishTextsOnEitherPage() throws Exception {
        String dutchName = unique("Snoeiplanning");
        String marker = "arboriculture" + dutchName.substring(dutchName.lastIndexOf(' ') + 1).toLowerCase(java.util.Locale.ROOT);
        AlgorithmCase draft = draft("owner-zoetermeer", complete(dutchName));
        cases.editEnglish(staff("owner-zoetermeer"), draft.getId(), cases.read(staff("owner-zoetermeer"), draft.getId()).getVersion(),
                Map.of("name", "Pruning schedule", "goal", "<p>Planning the " + marker + " work.</p>"));
        PublishedEntry entry = published(draft);

        for (String overview : List.of("/en/register?q=", "/register?q=")) {
            Document found = page(overview + marker).assertStatus(200).document();
            assertThat(found.select("a[href*=" + entry.getLars() + "]")).as(overview + marker).isNotEmpty();
        }
        assertThat(page("/en/register?q=" + marker + " snoeiplanning").document().select("a[href*=" + entry.getLars() + "]"))
                .as("a Dutch and an English word together").isNotEmpty();

        // listed by an earlier build, with the Dutch texts only: the next start lists it again
        inTransaction(() -> jdbc.update("update register_listing set search_text = ? where lars = ?",
                RegisterListing.searchText(entry.getFields()), entry.getLars()));
        listing.listUnlisted();
        assertThat(jdbc.queryForObject("select search_text from register_listing where lars = ?", String.class, entry.getLars()))
                .contains(marker).contains("snoeiplanning");
    }

    private PublishedEntry published(AlgorithmCase draft) {
        return published(draft, "owner-zoetermeer", "publisher-zoetermeer");
    }

    private PublishedEntry published(AlgorithmCase draft, String owner, String publisher) {
        cases.submit(staff(owner), draft.getId());
        completeTask(owner, draft.getId(), "answerPreScan",
                new nl.transparant.workflow.review.TaskCompletion(null, null, nl.transparant.screening.PreScanAnswers.of()));
        completeTask(publisher, draft.getId(), "releasePublication",
                new nl.transparant.workflow.review.TaskCompletion("approve", "Klaar.", null));
        awaitPublication(draft.getId());
        return register.current(draft.getName()).stream().filter(e -> e.getCaseId().equals(draft.getId())).findFirst().orElseThrow();
    }

    private Map<String, String> row(List<List<String>> rows, String lars) {
        List<String> row = rows.stream().skip(1).filter(r -> r.contains(lars)).findFirst().orElseThrow();
        return named(rows.get(0), row);
    }

    private static Map<String, String> named(List<String> header, List<String> row) {
        assertThat(row).hasSameSizeAs(header);
        Map<String, String> named = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            named.put(header.get(i), row.get(i));
        }
        return named;
    }

    /** RFC 4180, read independently of the writer: quoted cells with doubled quotes and line breaks, CRLF between rows. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        return rows;
    }

    private MockHttpServletResponse download(String url) throws Exception {
        MvcResult started = mvc.perform(get(url)).andReturn();
        MockHttpServletResponse response = mvc.perform(asyncDispatch(started)).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return response;
    }
}
