package nl.transparant.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import nl.transparant.TransparantApplication;
import nl.transparant.register.problemreports.ProblemReports;
import nl.transparant.site.PageTestSupport;
import nl.transparant.standard.FieldDefinition;
import nl.transparant.standard.FieldType;
import nl.transparant.standard.RegisterStandard;
import nl.transparant.workflow.review.ReviewTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * Importing an organisation's entries from the national register's files: the round trip from this register's own
 * downloads into an empty register (a second application with a database of its own), idempotence by lars, all or
 * nothing per file, and who may import.
 */
class RegisterImportTest extends PageTestSupport {

    static final ObjectMapper JSON = new ObjectMapper();
    static ConfigurableApplicationContext emptyRegister;

    @Autowired
    RegisterStandard standard;
    @Autowired
    PublishedEntries entries;
    @Autowired
    ProblemReports problemReports;
    @Autowired
    RegisterImport registerImport;

    @AfterAll
    static void closeTheEmptyRegister() {
        if (emptyRegister != null) {
            emptyRegister.close();
        }
    }

    @Test
    void everyFieldRoundTripsFromTheDownloadsIntoAnEmptyRegister() throws Exception {
        PublishedEntry source = published("owner-zoetermeer", "publisher-zoetermeer", everyField(unique("Rondreis")));
        JsonNode sourceFields = json(mvc, get("/api/public/algorithms/" + source.getLars())).get("fields");
        for (FieldDefinition field : standard.fields()) {
            assertThat(sourceFields.has(field.key())).as("the source entry fills %s", field.key()).isTrue();
        }
        String dump = onlyTheEntry(download(mvc, "/register/downloads/algoritmeregister.json"), source.getLars());
        String csv = onlyTheRow(download(mvc, "/register/downloads/algoritmeregister.csv"), source.getLars());

        MockMvc target = emptyRegister();
        assertThat(json(target, get("/api/public/algorithms")).size()).isZero();
        JsonNode report = importFile(target, "publisher-zoetermeer", "zoetermeer", "json", dump, 200);
        assertThat(report.get("created").asInt()).isEqualTo(1);
        assertThat(report.at("/rows/0/lars").asText()).isEqualTo(source.getLars());
        assertThat(report.at("/rows/0/result").asText()).isEqualTo("CREATED");

        JsonNode imported = json(target, get("/api/public/algorithms/" + source.getLars()));
        assertThat(imported.get("version").asInt()).isEqualTo(1);
        assertThat(imported.get("fields")).isEqualTo(sourceFields);

        // the CSV of the same entry reads back to exactly the same fields: nothing to change
        JsonNode fromCsv = importFile(target, "admin", "zoetermeer", "csv", csv, 200);
        assertThat(fromCsv.at("/rows/0/result").asText()).as(fromCsv.toString()).isEqualTo("SKIPPED");
        assertThat(fromCsv.at("/rows/0/reason").asText()).isEqualTo("ongewijzigd");
        // with the empty rows a spreadsheet exports below the last one: skipped, not each refused (outside tester)
        String header = csv.substring(0, csv.indexOf("\r\n"));
        String emptyRow = ",".repeat((int) header.chars().filter(c -> c == ',').count()) + "\r\n";
        JsonNode withEmptyRows = importFile(target, "admin", "zoetermeer", "csv", csv + emptyRow.repeat(50) + "\r\n", 200);
        assertThat(withEmptyRows.get("rows")).hasSize(1);
        assertThat(withEmptyRows.at("/rows/0/result").asText()).isEqualTo("SKIPPED");

        // listed for search, in the downloads and in the feed like a published entry
        assertThat(json(target, get("/api/public/algorithms").param("q", source.getName())).findValuesAsText("lars"))
                .containsExactly(source.getLars());
        assertThat(download(target, "/register/downloads/algoritmeregister.csv")).contains(source.getLars());
        assertThat(target.perform(get("/register/feed.atom")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains(source.getLars());
    }

    @Test
    void theSameFileAgainIsSkippedAndAChangedFieldBecomesVersionTwo() throws Exception {
        String lars = newLars();
        Map<String, Object> row = row(lars, "Gemeente Capelle aan den IJssel", unique("Herhaald"));
        String file = dump(row);
        assertThat(importFile(mvc, "publisher-capelle", "capelle", "json", file, 200).at("/rows/0/result").asText()).isEqualTo("CREATED");

        JsonNode again = importFile(mvc, "publisher-capelle", "capelle", "json", file, 200);
        assertThat(again.get("skipped").asInt()).isEqualTo(1);
        assertThat(again.at("/rows/0/reason").asText()).isEqualTo("ongewijzigd");
        assertThat(entries.findByLarsOrderByVersionNumberDesc(lars)).hasSize(1);

        row.put("description_short", "Een gewijzigde korte omschrijving.");
        JsonNode changed = importFile(mvc, "publisher-capelle", "capelle", "json", dump(row), 200);
        assertThat(changed.at("/rows/0/result").asText()).isEqualTo("UPDATED");
        assertThat(changed.at("/rows/0/version").asInt()).isEqualTo(2);
        assertThat(changed.at("/rows/0/reason").asText()).isEqualTo("gewijzigd: description_short");
        JsonNode latest = json(mvc, get("/api/public/algorithms/" + lars));
        assertThat(latest.get("version").asInt()).isEqualTo(2);
        assertThat(latest.at("/fields/description_short").asText()).isEqualTo("Een gewijzigde korte omschrijving.");
        assertThat(json(mvc, get("/api/public/algorithms/" + lars + "/versions")).size()).isEqualTo(2);
    }

    /**
     * Found by a newcomer: the organisation's own download, edited and imported, changed an entry this register published
     * after a review, with no review and no record. Unchanged it is skipped; changed it is refused and nothing stored.
     */
    @Test
    void anImportCannotChangeAnEntryPublishedHereAfterAReview() throws Exception {
        PublishedEntry reviewed = published("owner-capelle", "publisher-capelle", complete(unique("Beoordeeld")));
        Map<String, Object> row = new LinkedHashMap<>(reviewed.getFields());
        row.put("lars", reviewed.getLars());
        String same = dump(row);
        assertThat(importFile(mvc, "publisher-capelle", "capelle", "json", same, 200).at("/rows/0/result").asText()).isEqualTo("SKIPPED");

        row.put("description_short", "Buiten de beoordeling om gewijzigd.");
        JsonNode refused = importFile(mvc, "publisher-capelle", "capelle", "json", dump(row), 400);
        assertThat(refused.at("/report/rows/0/result").asText()).isEqualTo("REFUSED");
        assertThat(refused.at("/report/rows/0/reason").asText()).contains("na een beoordeling van zijn zaak");
        assertThat(entries.findByLarsOrderByVersionNumberDesc(reviewed.getLars())).hasSize(1);
    }

    @Test
    void oneBadRowRefusesTheWholeFileWithAReportPerRow() throws Exception {
        String good = newLars();
        Map<String, Object> script = row(newLars(), "Gemeente Capelle aan den IJssel", unique("Script"));
        script.put("goal", "<p>Doel</p><script>alert(1)</script>");
        Map<String, Object> unknownStatus = row(newLars(), "Gemeente Capelle aan den IJssel", unique("Status"));
        unknownStatus.put("status", "Misschien");
        Map<String, Object> longName = row(newLars(), "Gemeente Capelle aan den IJssel", "N".repeat(101));

        JsonNode problem = importFile(mvc, "publisher-capelle", "capelle", "json",
                dump(row(good, "Gemeente Capelle aan den IJssel", unique("Goed")), script, unknownStatus, longName), 400);

        assertThat(problem.get("title").asText()).isEqualTo("Import geweigerd"); // in the caller's language: Dutch unless English is asked for
        assertThat(problem.get("detail").asText()).contains("niets van dit bestand is opgeslagen");
        JsonNode rows = problem.at("/report/rows");
        assertThat(rows.get(0).get("result").asText()).isEqualTo("CREATED");
        assertThat(rows.get(1).get("result").asText()).isEqualTo("REFUSED");
        assertThat(rows.get(1).get("reason").asText()).startsWith("goal:").contains("Script");
        assertThat(rows.get(2).get("reason").asText()).startsWith("status:");
        assertThat(rows.get(3).get("reason").asText()).startsWith("name:").contains("100");
        assertThat(rows.get(3).get("row").asInt()).isEqualTo(4);
        assertThat(entries.existsByLars(good)).isFalse();
        // the same report in English when the caller asks for it: the detail, each row's reason
        MockHttpServletResponse english = mvc.perform(post("/api/register/import").with(authentication(as("publisher-capelle")))
                .param("organisation", "capelle").param("format", "json").header("Accept-Language", "en").contentType("application/json")
                .content(dump(row(good, "Gemeente Capelle aan den IJssel", unique("Goed")), unknownStatus).getBytes(StandardCharsets.UTF_8)))
                .andReturn().getResponse();
        JsonNode inEnglish = JSON.readTree(english.getContentAsString(StandardCharsets.UTF_8));
        assertThat(english.getStatus()).isEqualTo(400);
        assertThat(inEnglish.get("detail").asText()).isEqualTo("1 of 2 rows cannot be imported; nothing of this file was stored. "
                + "Correct the rows listed and import the whole file again.");
        assertThat(inEnglish.at("/report/rows/0/reason").asText()).isEqualTo("new register id");
        assertThat(mvc.perform(get("/api/public/algorithms/" + good)).andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void richTextBeyondTheAllowedTagsIsSanitisedAndSystemFieldsComeFromTheFile() throws Exception {
        String lars = newLars();
        Map<String, Object> row = row(lars, "Gemeente Capelle aan den IJssel", unique("Opmaak"));
        row.put("goal", "<p>Doel met <strong>nadruk</strong> en <a href=\"https://example.org\">link</a></p>");
        importFile(mvc, "publisher-capelle", "capelle", "json", dump(row), 200);

        JsonNode fields = json(mvc, get("/api/public/algorithms/" + lars)).get("fields");
        assertThat(fields.get("goal").asText()).isEqualTo("<p>Doel met nadruk en link</p>");
        assertThat(fields.get("publication_dt").asText()).isEqualTo("2024-05-17");
        assertThat(fields.get("publication_category").asText()).isEqualTo("Overige algoritmes");
    }

    @Test
    void aProblemReportAboutAnImportedEntryReachesTheOrganisationsOwnersAsATask() throws Exception {
        String lars = newLars();
        importFile(mvc, "publisher-capelle", "capelle", "json", dump(row(lars, "Gemeente Capelle aan den IJssel", unique("Gemeld"))), 200);

        problemReports.report(lars, "De contactgegevens kloppen niet meer.", null);

        ReviewTask task = task("owner-capelle", "import:" + lars, "handleProblemReport");
        assertThat(task.organisation()).isEqualTo("capelle");
        assertThat(problemReports.underReview(lars)).isEqualTo(1);
        MockHttpServletResponse inbox = mvc.perform(get("/api/tasks").with(authentication(as("owner-capelle")))).andReturn().getResponse();
        assertThat(inbox.getStatus()).isEqualTo(200);
        assertThat(inbox.getContentAsString()).contains(task.id());

        MockHttpServletResponse completed = mvc.perform(post("/api/tasks/" + task.id() + "/complete")
                        .with(authentication(as("owner-capelle")))
                        .contentType("application/json")
                        .content("{\"rationale\": \"De contactgegevens zijn bijgewerkt.\"}"))
                .andReturn().getResponse();
        assertThat(completed.getStatus()).as(completed.getContentAsString()).isEqualTo(200);
        assertThat(problemReports.underReview(lars)).isZero();
    }

    @Test
    void rowsOfAnotherOrganisationAreRefused() throws Exception {
        String lars = newLars();
        JsonNode problem = importFile(mvc, "publisher-capelle", "capelle", "json",
                dump(row(lars, "Gemeente Zoetermeer", unique("Van een ander"))), 400);
        assertThat(problem.at("/report/rows/0/result").asText()).isEqualTo("REFUSED");
        assertThat(problem.at("/report/rows/0/reason").asText()).contains("Gemeente Zoetermeer").contains("Capelle");
        assertThat(entries.existsByLars(lars)).isFalse();
    }

    @Test
    void onlyThePublisherOfTheOrganisationOrAnAdministratorImports() throws Exception {
        String file = dump(row(newLars(), "Gemeente Capelle aan den IJssel", unique("Rechten")));
        for (String caller : List.of("owner-capelle", "privacy-capelle", "auditor-regional", "ethics-regional", "publisher-zoetermeer")) {
            assertThat(send(mvc, caller, "capelle", "json", file).getStatus()).as(caller).isEqualTo(403);
        }
        MockHttpServletResponse anonymous = mvc.perform(post("/api/register/import").param("organisation", "capelle")
                .param("format", "json").content(file)).andReturn().getResponse();
        assertThat(anonymous.getStatus()).isEqualTo(401);
        assertThat(send(mvc, "admin", "capelle", "json", file).getStatus()).isEqualTo(200);
        // told in the caller's language, without the same refusal in English beside it (outside tester)
        JsonNode refused = JSON.readTree(send(mvc, "publisher-zoetermeer", "capelle", "json", file).getContentAsString(StandardCharsets.UTF_8));
        assertThat(refused.get("detail").asText()).startsWith("Alleen een registerpublicist van de organisatie");
        assertThat(refused.has("reason")).isFalse();
    }

    @Test
    void filesThatCannotBeReadAreAProblemNotAnError() throws Exception {
        assertThat(send(mvc, "admin", "capelle", "json", "{\"algoritme_versions\": ").getStatus()).isEqualTo(400);
        assertThat(send(mvc, "admin", "capelle", "csv", "Naam,Onbekende kolom\r\nx,y\r\n").getContentAsString())
                .contains("Onbekende kolom");
        assertThat(send(mvc, "admin", "capelle", "xml", "<x/>").getStatus()).isEqualTo(400);
        assertThat(send(mvc, "admin", "nergens", "json", "{}").getStatus()).isEqualTo(404);
        // a key or column given twice was read as its last value (outside tester): refused, naming it, nothing stored
        String lars = newLars();
        String twice = dump(row(lars, "Gemeente Capelle aan den IJssel", unique("Tweemaal"))).replace("[{", "[{\"name\":\"Eerst\",");
        MockHttpServletResponse key = send(mvc, "admin", "capelle", "json", twice);
        assertThat(key.getStatus()).isEqualTo(400);
        assertThat(key.getContentAsString(StandardCharsets.UTF_8)).contains("de sleutel \\\"name\\\" staat twee keer");
        String versionsTwice = dump(row(lars, "Gemeente Capelle aan den IJssel", unique("Tweemaal"))).replaceFirst("\\}$",
                ",\"algoritme_versions\":[]}");
        assertThat(send(mvc, "admin", "capelle", "json", versionsTwice).getContentAsString(StandardCharsets.UTF_8))
                .contains("algoritme_versions\\\" staat twee keer");
        assertThat(send(mvc, "admin", "capelle", "csv", "Naam,Naam\r\nx,y\r\n").getContentAsString(StandardCharsets.UTF_8))
                .contains("Kolom \\\"Naam\\\" staat twee keer in de kopregel");
        assertThat(entries.existsByLars(lars)).isFalse();
    }

    @Test
    void aFileOfManyRefusedRowsStopsAtTheLimitWithABoundedReport() throws Exception {
        int rows = RegisterImport.MAX_REFUSED_ROWS * 5;
        String file = "{\"algoritme_versions\":[" + String.join(",", Collections.nCopies(rows, "{}")) + "]}";
        JsonNode refused = importFile(mvc, "admin", "capelle", "json", file, 400);
        assertThat(refused.path("report").path("refused").asInt()).isEqualTo(RegisterImport.MAX_REFUSED_ROWS);
        assertThat(refused.path("report").path("rows")).hasSize(RegisterImport.MAX_REFUSED_ROWS);
        assertThat(refused.path("report").path("rows").get(0).path("reason").asText()).isNotBlank();
        assertThat(refused.path("detail").asText()).contains("gestopt na "
                + java.text.NumberFormat.getIntegerInstance(java.util.Locale.forLanguageTag("nl")).format(RegisterImport.MAX_REFUSED_ROWS) + " geweigerde rijen");
    }

    @Test
    void halfASurrogatePairInAFileOfAnotherTypeRefusesItsRow() throws Exception {
        String lars = newLars();
        String file = dump(row(lars, "Gemeente Capelle aan den IJssel", unique("Half") + " \ud800 paar"));
        MockHttpServletResponse response = mvc.perform(post("/api/register/import").with(authentication(as("admin")))
                .param("organisation", "capelle").param("format", "json").contentType("application/octet-stream")
                .content(file.replace("\ud800", "\\ud800").getBytes(StandardCharsets.UTF_8))).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(400);
        assertThat(response.getContentAsString()).contains("UTF-16-surrogaat");
        assertThat(entries.existsByLars(lars)).isFalse();
    }

    @Test
    void oneImportAtATimePerOrganisation() throws Exception {
        byte[] file = dump(row(newLars(), "Gemeente Capelle aan den IJssel", unique("Eerste"))).getBytes(StandardCharsets.UTF_8);
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // the first import holds its organisation while its file is still coming in
        InputStream slowUpload = new FilterInputStream(new ByteArrayInputStream(file)) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                reading.countDown();
                try {
                    if (!release.await(60, TimeUnit.SECONDS)) {
                        throw new IOException("the test never let the upload go on");
                    }
                } catch (InterruptedException e) {
                    throw new InterruptedIOException();
                }
                return super.read(buffer, offset, length);
            }
        };
        ExecutorService uploader = Executors.newSingleThreadExecutor();
        try {
            Future<RegisterImport.Report> first = uploader.submit(() ->
                    registerImport.importFile(staff("publisher-capelle"), "capelle", RegisterImport.Format.JSON, slowUpload));
            assertThat(reading.await(60, TimeUnit.SECONDS)).as("the first import reads its file").isTrue();

            String second = newLars();
            MockHttpServletResponse refused = send(mvc, "admin", "capelle", "json",
                    dump(row(second, "Gemeente Capelle aan den IJssel", unique("Tweede"))));
            assertThat(refused.getStatus()).isEqualTo(409);
            assertThat(refused.getContentType()).startsWith("application/problem+json");
            assertThat(entries.existsByLars(second)).isFalse();
            // another organisation's import is not held up
            assertThat(send(mvc, "publisher-zoetermeer", "zoetermeer", "json",
                    dump(row(newLars(), "Gemeente Zoetermeer", unique("Elders")))).getStatus()).isEqualTo(200);

            release.countDown();
            assertThat(first.get(60, TimeUnit.SECONDS).created()).isEqualTo(1);
        } finally {
            release.countDown();
            uploader.shutdownNow();
        }
        // the organisation is free again once the first import's transaction is over
        assertThat(send(mvc, "admin", "capelle", "json", dump(row(newLars(), "Gemeente Capelle aan den IJssel", unique("Daarna"))))
                .getStatus()).isEqualTo(200);
    }

    @Test
    void aRowLargerOrDeeperThanAnyEntryIsRefusedWhileItIsRead() throws Exception {
        Map<String, Object> huge = row(newLars(), "Gemeente Capelle aan den IJssel", unique("Groot"));
        huge.put("tags", Collections.nCopies(RegisterImportFiles.MAX_ROW_VALUES + 1, 1));
        MockHttpServletResponse tooLarge = send(mvc, "admin", "capelle", "json", dump(huge));
        assertThat(tooLarge.getStatus()).isEqualTo(400);
        assertThat(tooLarge.getContentAsString()).contains("groter dan een algoritme in het register kan zijn");

        String deep = "{\"algoritme_versions\": [{\"tags\": " + "[".repeat(50) + "]".repeat(50) + "}]}";
        MockHttpServletResponse tooDeep = send(mvc, "admin", "capelle", "json", deep);
        assertThat(tooDeep.getStatus()).isEqualTo(400);
        assertThat(tooDeep.getContentAsString()).contains("te diep genest");
        assertThat(entries.existsByLars(String.valueOf(huge.get("lars")))).isFalse();
    }

    @Test
    void theCsvReaderFollowsRfc4180AndUndoesTheFormulaDefence() {
        RegisterImportFiles.CsvRecords records = new RegisterImportFiles.CsvRecords(new java.io.StringReader("a,\"b,\"\"c\"\"\r\nd\",'=x\r\n,\n"));
        assertThat(records.next()).containsExactly("a", "b,\"c\"\r\nd", "'=x");
        assertThat(records.next()).containsExactly("", "");
        assertThat(records.next()).isNull();
        assertThat(RegisterImportFiles.undefused("'=SUM(A1)")).isEqualTo("=SUM(A1)");
        assertThat(RegisterImportFiles.undefused("'gewoon")).isEqualTo("'gewoon");
    }

    /** Every field of the standard a person fills in, lists and rows of links included; publication fills the rest. */
    private Map<String, Object> everyField(String name) {
        Map<String, Object> fields = complete(name);
        for (FieldDefinition field : standard.editableFields()) {
            if (fields.containsKey(field.key())) {
                continue;
            }
            Object value;
            if (field.type() == FieldType.HTML) {
                value = "<p>" + field.title().nl() + ", met een komma en \"aanhalingstekens\".</p><ul><li>een</li><li>twee</li></ul>";
            } else if (field.type() == FieldType.ENUM) {
                value = field.permittedValues().get(0).nl();
            } else if (field.type() == FieldType.MULTI) {
                value = List.of(field.permittedValues().get(0).nl(), field.permittedValues().get(2).nl());
            } else if (field.type() == FieldType.GROUPING) {
                value = List.of(Map.of("title", "Eerste " + field.title().nl(), "link", "https://example.org/" + field.key()),
                        Map.of("title", "Tweede, met komma", "link", "https://example.org/tweede"));
            } else if (field.isUrl()) {
                value = "https://example.org/" + field.key();
            } else if (field.isYearMonth()) {
                value = "2023-04";
            } else {
                value = "@" + field.title().nl();
            }
            fields.put(field.key(), value);
        }
        return fields;
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
    private static String dump(Map<String, Object>... rows) throws Exception {
        return JSON.writeValueAsString(Map.of("algoritme_versions", List.of(rows), "organisation_details", List.of()));
    }

    private static String newLars() {
        return String.format("9%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    private static String onlyTheEntry(String dump, String lars) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(dump);
        ArrayNode kept = JSON.createArrayNode();
        root.get("algoritme_versions").forEach(v -> {
            if (lars.equals(v.path("lars").asText())) {
                kept.add(v);
            }
        });
        root.set("algoritme_versions", kept);
        return JSON.writeValueAsString(root);
    }

    private static String onlyTheRow(String csv, String lars) {
        List<String> lines = new ArrayList<>();
        lines.add(csv.substring(0, csv.indexOf("\r\n")));
        lines.add(csv.lines().filter(l -> l.contains("," + lars + ",")).findFirst().orElseThrow());
        return String.join("\r\n", lines) + "\r\n";
    }

    private static JsonNode importFile(MockMvc mvc, String caller, String organisation, String format, String file, int status)
            throws Exception {
        MockHttpServletResponse response = send(mvc, caller, organisation, format, file);
        String body = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(response.getStatus()).as(body).isEqualTo(status);
        return JSON.readTree(body);
    }

    private static MockHttpServletResponse send(MockMvc mvc, String caller, String organisation, String format, String file)
            throws Exception {
        return mvc.perform(post("/api/register/import").with(authentication(as(caller)))
                .param("organisation", organisation).param("format", format)
                .contentType(format.equals("csv") ? "text/csv" : "application/json")
                .content(file.getBytes(StandardCharsets.UTF_8))).andReturn().getResponse();
    }

    private static JsonNode json(MockMvc mvc, MockHttpServletRequestBuilder request) throws Exception {
        MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return JSON.readTree(response.getContentAsString(StandardCharsets.UTF_8));
    }

    private static String download(MockMvc mvc, String url) throws Exception {
        MvcResult started = mvc.perform(get(url)).andReturn();
        MockHttpServletResponse response = mvc.perform(asyncDispatch(started)).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    /** A second application on a database of its own, started once: the register an organisation moves to. */
    private static MockMvc emptyRegister() {
        if (emptyRegister == null) {
            emptyRegister = new SpringApplicationBuilder(TransparantApplication.class)
                    // arguments, not builder properties: those are defaults that application.yml would override
                    .run("--spring.datasource.url=jdbc:h2:mem:import-target;MODE=MariaDB;DB_CLOSE_DELAY=-1",
                            "--transparant.demo-data=false", "--server.port=0", "--spring.jmx.enabled=false");
        }
        return MockMvcBuilders.webAppContextSetup((WebApplicationContext) emptyRegister).apply(springSecurity()).build();
    }
}
