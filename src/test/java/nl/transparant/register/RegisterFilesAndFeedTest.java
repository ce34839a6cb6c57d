package nl.transparant.register;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import nl.transparant.site.PageTestSupport;
import nl.transparant.standard.RegisterStandard;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MvcResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Downloads (CSV, the national JSON dump) and the Atom feed: published data only, in the national shapes. */
class RegisterFilesAndFeedTest extends PageTestSupport {

    @Autowired
    RegisterStandard standard;
    @Autowired
    PublishedEntries entries;
    @Autowired
    RegisterListing listing;

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theCsvHasTheStandardsDutchTitlesQuotesAsRfc4180AndDefusesFormulas() throws Exception {
        Map<String, Object> fields = complete(unique("Naam, met \"aanhalingstekens\""));
        fields.put("description_short", "=HYPERLINK(\"https://evil.example\",\"klik\")");
        fields.put("provider", "@leverancier");
        fields.put("category", List.of("Wonen", "Economie"));
        PublishedEntry entry = published("owner-zoetermeer", "publisher-zoetermeer", fields);
        String draftName = unique("Concept dat niet in de download mag");
        draft("owner-zoetermeer", complete(draftName));

        MockHttpServletResponse response = download("/register/downloads/algoritmeregister.csv");

        assertThat(response.getContentType()).startsWith("text/csv");
        assertThat(response.getHeader("Content-Disposition")).isEqualTo("attachment; filename=\"algoritmeregister.csv\"");
        String csv = response.getContentAsString(StandardCharsets.UTF_8);
        String header = csv.substring(0, csv.indexOf("\r\n"));
        assertThat(header).isEqualTo(String.join(",", standard.fields().stream().map(f -> f.title().nl()).toList()));
        assertThat(header).startsWith("Naam,Korte omschrijving,Organisatienaam,Thema,Status");
        String row = csv.lines().filter(l -> l.contains(entry.getLars())).findFirst().orElseThrow();
        String quotedName = "\"" + entry.getName().replace("\"", "\"\"") + "\"";
        assertThat(row).startsWith(quotedName + ",");
        assertThat(row).contains(",\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"klik\"\")\",");
        assertThat(row).contains(",'@leverancier,");
        assertThat(row).contains("\"[\"\"Wonen\"\",\"\"Economie\"\"]\"");
        assertThat(csv).doesNotContain(draftName);
    }

    @Test
    void theHistoryHoldsEveryVersionAndTheCurrentFilesOnlyTheLatest() throws Exception {
        PublishedEntry first = published("owner-capelle", "publisher-capelle", complete(unique("Historie")));
        Map<String, Object> changed = new LinkedHashMap<>(first.getFields());
        changed.put("description_short", "Tweede versie van de historie.");
        PublishedEntry second = entries.save(new PublishedEntry(first.getCaseId(), first.getLars(), 2, "capelle", changed, Instant.now(),
                "publisher-capelle"));
        inTransaction(() -> listing.record(second));

        String history = download("/register/downloads/algoritmeregister-historie.csv").getContentAsString(StandardCharsets.UTF_8);
        assertThat(history.lines().findFirst().orElseThrow()).endsWith(",Versie");
        assertThat(history.lines().filter(l -> l.contains(first.getLars()))).hasSize(2);
        String current = download("/register/downloads/algoritmeregister.csv").getContentAsString(StandardCharsets.UTF_8);
        assertThat(current.lines().filter(l -> l.contains(first.getLars())).toList())
                .singleElement().asString().contains("Tweede versie van de historie.");

        JsonNode dump = JSON.readTree(download("/register/downloads/algoritmeregister.json").getContentAsString(StandardCharsets.UTF_8));
        assertThat(dump.fieldNames()).toIterable().containsExactly("algoritme_versions", "organisation_details");
        List<JsonNode> mine = dump.get("algoritme_versions").findParents("lars").stream()
                .filter(n -> n.get("lars").asText().equals(first.getLars())).toList();
        assertThat(mine).singleElement().satisfies(n -> assertThat(n.get("description_short").asText()).isEqualTo("Tweede versie van de historie."));
        JsonNode capelle = dump.get("organisation_details").findParents("code").stream()
                .filter(n -> n.get("code").asText().equals("capelle")).findFirst().orElseThrow();
        assertThat(capelle.get("name").asText()).isEqualTo("Gemeente Capelle aan den IJssel");
        assertThat(capelle.get("type").asText()).isEqualTo("Gemeente");
        JsonNode all = JSON.readTree(download("/register/downloads/algoritmeregister-historie.json").getContentAsString(StandardCharsets.UTF_8));
        assertThat(all.get("algoritme_versions").findParents("lars").stream()
                .filter(n -> n.get("lars").asText().equals(first.getLars()))).hasSize(2);
    }

    @Test
    void theFeedIsAtomWithPublicationsChangesAndRetirements() throws Exception {
        PublishedEntry first = published("owner-nissewaard", "publisher-nissewaard", complete(unique("Feed & nieuws > 3")));
        Map<String, Object> retired = new LinkedHashMap<>(first.getFields());
        retired.put("status", "Buiten gebruik");
        retired.put("end_date", "2026-10");
        entries.save(new PublishedEntry(first.getCaseId(), first.getLars(), 2, "nissewaard", retired, Instant.now().plusSeconds(1),
                "publisher-nissewaard"));

        MockHttpServletResponse response = mvc.perform(get("/register/feed.atom")).andReturn().getResponse();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).startsWith("application/atom+xml");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document feed = factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.getContentAsByteArray()));
        Element root = feed.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
        assertThat(root.getLocalName()).isEqualTo("feed");
        for (String required : List.of("id", "title", "updated", "author")) {
            assertThat(children(root, required)).as("feed/%s", required).isNotEmpty();
        }
        List<Element> mine = children(root, "entry").stream()
                .filter(e -> text(e, "id").contains("/register/" + first.getLars() + "/versions/")).toList();
        assertThat(mine).hasSize(2);
        assertThat(text(mine.get(0), "title")).startsWith("Buiten gebruik gesteld: " + first.getName());
        assertThat(text(mine.get(1), "title")).startsWith("Gepubliceerd: " + first.getName());
        for (Element entry : children(root, "entry")) {
            for (String required : List.of("id", "title", "updated")) {
                assertThat(children(entry, required)).as("entry/%s", required).hasSize(1);
            }
            assertThat(text(entry, "updated")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        }
    }

    /** A large register streams for longer than the container's 30 s for asynchronous requests, which cut files off. */
    @Test
    void downloadsMayStreamForLongerThanTheContainersDefaultAsyncTimeout() throws Exception {
        for (String file : List.of("algoritmeregister.csv", "algoritmeregister-historie.csv", "algoritmeregister.json",
                "algoritmeregister-historie.json")) {
            MvcResult started = mvc.perform(get("/register/downloads/" + file)).andReturn();
            assertThat(started.getRequest().isAsyncStarted()).as(file).isTrue();
            assertThat(started.getRequest().getAsyncContext().getTimeout()).as(file)
                    .isGreaterThanOrEqualTo(java.time.Duration.ofMinutes(30).toMillis());
            mvc.perform(asyncDispatch(started));
        }
    }

    private MockHttpServletResponse download(String url) throws Exception {
        MvcResult started = mvc.perform(get(url)).andReturn();
        MockHttpServletResponse response = mvc.perform(asyncDispatch(started)).andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(200);
        return response;
    }

    private static List<Element> children(Element parent, String name) {
        NodeList nodes = parent.getChildNodes();
        List<Element> found = new java.util.ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && name.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        return children(parent, name).get(0).getTextContent();
    }
}
