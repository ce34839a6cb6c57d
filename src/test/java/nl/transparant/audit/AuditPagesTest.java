package nl.transparant.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.identity.DemoAccount;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.problems.ForbiddenException;
import nl.transparant.register.PublishedEntry;
import nl.transparant.site.PageTestSupport;
import nl.transparant.workflow.history.ProcessHistory;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The auditor's pages: the decision log across cases, one case end to end with its path on the diagram, the exports. */
class AuditPagesTest extends PageTestSupport {

    static final String AUDITOR = "auditor-regional";

    @Autowired
    AuditRecords records;
    @Autowired
    DecisionLog log;
    @Autowired
    ProcessHistory engine;
    @Autowired
    ObjectMapper json;

    private String publishedCase(String name) {
        PublishedEntry entry = published("owner-zoetermeer", "publisher-zoetermeer", complete(unique(name)));
        return entry.getCaseId();
    }

    @Test
    void theAuditorSeesTheRecordsOfACaseWithTheFiltersOfTheApi() throws Exception {
        String caseId = publishedCase("Audit records");

        Page page = page("/staff/audit?caseId=" + caseId, AUDITOR).assertStatus(200);

        List<String> events = page.document().select("tr.audit-record td:nth-of-type(2) code").eachText();
        assertThat(events).contains("case-created", "case-submitted", "pre-scan-assessed", "publication-released");
        assertThat(page.document().select("tr.audit-record")).hasSize(log.ofCase(caseId).size());
        assertThat(page.document().select("a[href*=/staff/audit/cases/" + caseId + "]")).isNotEmpty();
        assertThat(page.document().select("a[href*=/staff/audit/export][href*=format=csv]").attr("href")).contains("caseId=" + caseId);

        Page filtered = page("/staff/audit?caseId=" + caseId + "&eventType=case-created&organisation=zoetermeer", AUDITOR)
                .assertStatus(200);
        assertThat(filtered.document().select("tr.audit-record td:nth-of-type(2) code").eachText()).containsExactly("case-created");
        assertThat(filtered.document().select("#organisation option[selected]").val()).isEqualTo("zoetermeer");
    }

    @Test
    void outcomesAndOrganisationsAreShownByTheirWordsAndTheOutcomeIsChosenFromThoseThatOccur() throws Exception {
        String caseId = publishedCase("Audit uitkomsten");

        Page page = page("/staff/audit?caseId=" + caseId, AUDITOR).assertStatus(200);

        // the pre-scan's outcome is the DPIA level: its words, the code beside them as code
        Element preScan = page.document().select("tr.audit-record").stream()
                .filter(r -> r.select("td:nth-of-type(2) code").text().equals("pre-scan-assessed")).findFirst().orElseThrow();
        assertThat(preScan.select("td:nth-of-type(7)").text()).isEqualTo("DPIA niet nodig (not_required)");
        assertThat(preScan.select("td:nth-of-type(7) code").text()).isEqualTo("not_required");
        assertThat(preScan.select("td:nth-of-type(4)").text()).isEqualTo("Gemeente Zoetermeer");

        // the filter is a choice of the outcomes that occur, by their words, sending the code
        Elements options = page.document().select("select#outcome option");
        assertThat(options.eachAttr("value")).contains("not_required", "approve").doesNotContain("legend");
        assertThat(page.document().select("select#outcome option[value=not_required]").text()).isEqualTo("DPIA niet nodig");
        assertThat(page.document().select("select#earlierOutcome option[value=approve]")).hasSize(1);
        assertThat(page.document().select("datalist")).isEmpty();

        Page chosen = page("/staff/audit?caseId=" + caseId + "&outcome=not_required", AUDITOR).assertStatus(200);
        assertThat(chosen.document().select("tr.audit-record td:nth-of-type(2) code").eachText()).containsExactly("pre-scan-assessed");
        assertThat(chosen.document().select("select#outcome option[selected]").val()).isEqualTo("not_required");
    }

    @Test
    void recordsArePagedAndAPeriodInTheFutureFindsNothing() throws Exception {
        String caseId = publishedCase("Audit paging");
        assertThat(log.ofCase(caseId).size()).isGreaterThan(AuditPages.PAGE_SIZE / 10);

        Page all = page("/staff/audit", AUDITOR).assertStatus(200);
        assertThat(all.document().select("tr.audit-record").size()).isLessThanOrEqualTo(AuditPages.PAGE_SIZE);
        Page later = page("/staff/audit?from=2999-01-01", AUDITOR).assertStatus(200);
        assertThat(later.document().select("tr.audit-record")).isEmpty();
        page("/staff/audit?from=yesterday", AUDITOR).assertStatus(400);
    }

    @Test
    void theChainIsVerifiedOnRequest() throws Exception {
        publishedCase("Audit verify");
        Verification expected = log.verify();

        Page page = page("/staff/audit?verify=true", AUDITOR).assertStatus(200);

        Element result = page.document().selectFirst("#verification");
        assertThat(result).isNotNull();
        assertThat(result.hasClass("notice--success")).isEqualTo(expected.intact());
        if (expected.intact()) {
            assertThat(result.text()).contains("intact");
        }
        assertThat(page("/staff/audit", AUDITOR).document().selectFirst("#verification")).isNull();
    }

    @Test
    void theCaseTimelineJoinsTheLogWithTheEngineAndDrawsThePathOnTheDiagram() throws Exception {
        String caseId = publishedCase("Audit tijdlijn");
        AlgorithmCase audited = cases.read(staff(AUDITOR), caseId);

        Page page = page("/staff/audit/cases/" + caseId, AUDITOR).assertStatus(200);

        // every record and every activity instance is on the timeline
        assertThat(page.document().select("tr.audit-line--record")).hasSize(log.ofCase(caseId).size());
        var history = engine.of(audited.getProcessInstanceId()).orElseThrow();
        assertThat(page.document().select("tr.audit-line--activity_started")).hasSize(history.activities().size());
        assertThat(page.document().select("tr.audit-line--record th").text()).contains("task-decided");
        assertThat(page.document().select("tr.audit-line--record td.preserve-lines").eachText()).contains("Klaar voor het register.");

        // the diagram: every element the engine passed is highlighted, in the order of the text alternative
        Element svg = page.document().selectFirst("figure.audit-diagram svg");
        assertThat(svg).isNotNull();
        assertThat(svg.attr("role")).isEqualTo("img");
        assertThat(svg.attr("aria-describedby")).isEqualTo("path-steps");
        Set<String> drawn = new LinkedHashSet<>(svg.select("g[data-activity-id]").eachAttr("data-activity-id"));
        List<String> passed = new ArrayList<>();
        history.activities().stream().map(ProcessHistory.ActivityVisit::activityId).filter(drawn::contains).forEach(passed::add);
        assertThat(passed).contains("caseSubmitted", "answerPreScan", "releasePublication");
        for (String activityId : passed) {
            assertThat(svg.select("g.audit-visited[data-activity-id=" + activityId + "]")).as(activityId).hasSize(1);
        }
        assertThat(svg.select("g.audit-visited")).hasSize(new LinkedHashSet<>(passed).size());
        assertThat(svg.select("g.audit-not-visited[data-activity-id=fillInDpia]")).hasSize(1);
        assertThat(svg.select("polyline.audit-taken[data-flow-id=f_start]")).hasSize(1);
        assertThat(page.document().select("ol#path-steps > li").eachAttr("data-activity-id")).containsExactlyElementsOf(passed);
        assertThat(page.document().select(".audit-legend li")).hasSize(4);
        // presentation attributes only: the page's policy forbids inline styles
        assertThat(page.document().select("[style]")).isEmpty();
        assertThat(page.document().select("script:not([src=/js/error-summary.js])")).as("no script but the site's own").isEmpty();

        // the documents as they were: the version recorded at creation, open, and each record pointing at it
        Element document = page.document().selectFirst("details.audit-document");
        assertThat(document).isNotNull();
        assertThat(document.text()).contains(audited.getName());
        assertThat(page.document().select("tr.audit-line--record a[href=#" + document.id() + "]")).isNotEmpty();

        // the process variables at each decision: what the pre-scan set, and what the release was decided on
        Element preScan = page.document().select("details.audit-variables").stream()
                .filter(d -> d.selectFirst("summary code").text().equals("answerPreScan")).findFirst().orElseThrow();
        assertThat(preScan.select("tr[data-variable=dpiaLevel] td").eachText()).containsExactly("DPIA niet nodig not_required", "ja");
        assertThat(preScan.select("tr[data-variable=dpiaLevel] th").text()).isEqualTo("DPIA-niveau uit de pre-scan dpiaLevel");
        Element release = page.document().select("details.audit-variables").stream()
                .filter(d -> d.selectFirst("summary code").text().equals("releasePublication")).findFirst().orElseThrow();
        assertThat(release.select("tr[data-variable=dpiaLevel] td").get(0).text()).isEqualTo("DPIA niet nodig not_required");
        assertThat(release.select("tr[data-variable=dpiaLevel] td").get(1).text()).as("set before, not by the release").isEmpty();
        assertThat(release.select("tr[data-variable=outcome] td").eachText()).containsExactly("Goedgekeurd approve", "ja");
        // the route table's reason, written "Nederlands / English" in one text: the Dutch half, the text as written beside it
        String routeReason = release.select("tr[data-variable=routeReason] td .hint code").text();
        assertThat(routeReason).contains(" / ");
        assertThat(release.select("tr[data-variable=routeReason] td > span").first().text())
                .isEqualTo(routeReason.substring(0, routeReason.indexOf(" / ")));
        // the route table's whole result: one item per output in words, not the map as the engine serialized it
        Element reviewRoute = release.selectFirst("tr[data-variable=reviewRoute] td");
        assertThat(reviewRoute).as("the route table's result is among the variables").isNotNull();
        assertThat(reviewRoute.text()).doesNotContain("{").doesNotContain("HashMap").doesNotContain("=");
        // a yes or no in its word alone, not the word with true/false beside it ("nee false")
        assertThat(reviewRoute.select("li[data-output=dpiaRequired]").text()).isEqualTo("DPIA nodig: nee");
        assertThat(reviewRoute.select("li[data-output=dpiaRequired] code")).isEmpty();
        assertThat(reviewRoute.select("li[data-output=prohibited]").text()).isEqualTo("Verboden: nee");
        assertThat(release.select("tr[data-variable=dpiaRequired] td").get(0).text()).isEqualTo("nee");
        // the outputs in the order of the table's columns as the policy author laid them out, not sorted by their codes
        List<String> columns = outputColumns(Path.of("policies/review-route.dmn"), "review-route");
        assertThat(columns).as("the table's own order differs from the sorted one").isNotEqualTo(columns.stream().sorted().toList());
        assertThat(reviewRoute.select("li[data-output]").eachAttr("data-output")).containsExactlyElementsOf(columns);
        assertThat(reviewRoute.select("li[data-output=routeReason]").text())
                .startsWith("Reden van de route: " + routeReason.substring(0, routeReason.indexOf(" / ")));
        // a code is never shown as a word: the tier in words, its code beside them as code (outside tester: "dpia")
        assertThat(reviewRoute.select("li[data-output=approvalTier]").text())
                .isEqualTo("Goedkeuringsniveau: Eigenaar en publicist (geen verhoogd risico) owner-publisher");
        assertThat(reviewRoute.select("li[data-output=approvalTier] .hint code").text()).isEqualTo("owner-publisher");
        assertThat(release.select("tr[data-variable=approvalTier] td").get(0).text())
                .isEqualTo("Eigenaar en publicist (geen verhoogd risico) owner-publisher");
        assertThat(release.select("tr[data-variable=reviewRoute] th").text()).startsWith("Uitkomst van de routetabel");

        // codes by their words: the state, the step a stage reached, the decision table and the rule that matched
        assertThat(page.document().select("dl.facts dd").eachText()).contains("Afgerond COMPLETED");
        Element stage = page.document().select("tr.audit-line--record").stream()
                .filter(r -> r.select("th > code").text().equals("stage-reached")).findFirst().orElseThrow();
        assertThat(stage.selectFirst(".audit-line__step").text()).isNotBlank().isNotEqualTo(stage.select("th .hint code").text());
        Element route = page.document().select("tr.audit-line--record").stream()
                .filter(r -> r.select("th > code").text().equals("policy-evaluated")).findFirst().orElseThrow();
        assertThat(route.selectFirst(".audit-policy__name").text()).isEqualTo("Beoordelingsroute van een zaak");
        assertThat(route.select("li[data-rule] .audit-rule__words")).isNotEmpty()
                .allSatisfy(words -> assertThat(words.text()).isNotBlank().contains(" "));
        assertThat(route.select("li[data-rule] .audit-rule__words").attr("lang")).as("the DMN's own English words").isEqualTo("en");
    }

    @Test
    void thePagesSpeakEnglishOnRequest() throws Exception {
        String caseId = publishedCase("Audit English");

        Page records = page("/staff/audit?lang=en", AUDITOR).assertStatus(200);
        Page timeline = page("/staff/audit/cases/" + caseId + "?lang=en", AUDITOR).assertStatus(200);

        assertThat(records.document().select("html").attr("lang")).isEqualTo("en");
        assertThat(records.document().select("h1").text()).isEqualTo("Decision log");
        assertThat(timeline.document().select("#path-heading").text()).isEqualTo("The path taken");
        assertThat(timeline.document().select(".audit-legend li").eachText()).contains("Route taken");
        Element reason = timeline.document().select("tr[data-variable=routeReason] td").first();
        String written = reason.select(".hint code").text();
        assertThat(reason.selectFirst("span").text()).as("the English half of the route table's reason")
                .isEqualTo(written.substring(written.indexOf(" / ") + 3));
        // the standard's value in English from the standard's own label, the tier in English words
        Element route = timeline.document().select("tr[data-variable=reviewRoute] td").first();
        assertThat(route.select("li[data-output=publicationCategory]").text()).startsWith("Publication category: Other algorithms");
        assertThat(route.select("li[data-output=approvalTier]").text()).startsWith("Approval tier: Owner and publisher (no raised risk)");
        assertThat(route.select("li[data-output=dpiaRequired]").text()).isEqualTo("DPIA required: no");
        assertThat(route.select("li[data-output]").eachAttr("data-output"))
                .containsExactlyElementsOf(outputColumns(Path.of("policies/review-route.dmn"), "review-route"));
    }

    /** The names of a decision table's outputs, column by column, as its DMN file has them. */
    private static List<String> outputColumns(Path dmn, String decisionId) throws Exception {
        javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        org.w3c.dom.Document document = factory.newDocumentBuilder().parse(dmn.toFile());
        org.w3c.dom.NodeList decisions = document.getElementsByTagNameNS("*", "decision");
        for (int i = 0; i < decisions.getLength(); i++) {
            org.w3c.dom.Element decision = (org.w3c.dom.Element) decisions.item(i);
            if (decisionId.equals(decision.getAttribute("id"))) {
                org.w3c.dom.NodeList outputs = decision.getElementsByTagNameNS("*", "output");
                List<String> names = new ArrayList<>();
                for (int k = 0; k < outputs.getLength(); k++) {
                    names.add(((org.w3c.dom.Element) outputs.item(k)).getAttribute("name"));
                }
                return names;
            }
        }
        throw new IllegalArgumentException(decisionId + " is not in " + dmn);
    }

    @Test
    void aCaseThatWasNeverSubmittedHasATimelineWithoutADiagram() throws Exception {
        String caseId = draft("owner-zoetermeer", complete(unique("Audit concept"))).getId();

        Page page = page("/staff/audit/cases/" + caseId, AUDITOR).assertStatus(200);

        assertThat(page.document().select("svg[role=img]")).isEmpty();
        assertThat(page.document().select("tr.audit-line--record")).hasSize(1);
    }

    @Test
    void otherRolesAreRefused() throws Exception {
        String caseId = publishedCase("Audit geweigerd");
        for (String caller : List.of("owner-zoetermeer", "privacy-zoetermeer", "ethics-regional", "publisher-zoetermeer", "admin")) {
            page("/staff/audit", caller).assertStatus(403);
            page("/staff/audit/cases/" + caseId, caller).assertStatus(403);
            page("/staff/audit/export?format=csv", caller).assertStatus(403);
            page("/staff/audit/cases/" + caseId + "/export", caller).assertStatus(403);
        }
        assertThat(page("/staff/audit").redirectedTo()).endsWith("/login");
    }

    @Test
    void anAuditorSeesOnlyTheOrganisationsInTheirToken() throws Exception {
        String caseId = publishedCase("Audit andere organisatie");
        StaffUser nissewaardOnly = new StaffUser("auditor-nissewaard", "Auditor Nissewaard", Set.of(Role.AUDITOR), Set.of("nissewaard"));

        RecordFilter theirs = records.filter(nissewaardOnly, new AuditRecords.Criteria(null, null, null, null, null, null, caseId));
        assertThat(records.count(theirs)).isZero();
        assertThat(records.count(records.filter(staff(AUDITOR), new AuditRecords.Criteria(null, null, null, null, null, null, caseId))))
                .isEqualTo(log.ofCase(caseId).size());
        assertThat(records.page(records.filter(nissewaardOnly, AuditRecords.Criteria.NONE), 0, 500))
                .allMatch(r -> r.organisation() == null || "nissewaard".equals(r.organisation()));
        assertThatThrownBy(() -> records.filter(nissewaardOnly, new AuditRecords.Criteria("zoetermeer", null, null, null, null, null, null)))
                .isInstanceOf(ForbiddenException.class);

        Authentication signedIn = oneOrganisationAuditor();
        Page list = page(get("/staff/audit?caseId=" + caseId).with(authentication(signedIn))).assertStatus(200);
        assertThat(list.document().select("tr.audit-record")).isEmpty();
        assertThat(list.document().select("#organisation option").eachAttr("value")).containsExactly("", "nissewaard");
        page(get("/staff/audit/cases/" + caseId).with(authentication(signedIn))).assertStatus(404);
        page(get("/staff/audit/cases/" + caseId + "/export").with(authentication(signedIn))).assertStatus(404);
        page(get("/staff/audit?organisation=zoetermeer").with(authentication(signedIn))).assertStatus(403);
    }

    @Test
    void everyWriteAttemptOfTheAuditorIsRefused() throws Exception {
        String caseId = publishedCase("Audit alleen lezen");
        AlgorithmCase before = cases.read(staff(AUDITOR), caseId);
        List<MockHttpServletRequestBuilder> writes = new ArrayList<>();
        for (String path : List.of("/staff/audit", "/staff/audit/export", "/staff/audit/cases/" + caseId,
                "/staff/audit/cases/" + caseId + "/export")) {
            writes.add(post(path).with(csrf()));
            writes.add(put(path).with(csrf()));
            writes.add(delete(path).with(csrf()));
        }
        writes.add(post("/staff/cases/" + caseId + "/edit").with(csrf()).param("version", "0").param("name", "Door de auditor"));
        writes.add(post("/staff/cases/new").with(csrf()).param("name", unique("Nieuw door de auditor")));
        for (MockHttpServletRequestBuilder write : writes) {
            Page answer = page(write.with(authentication(as(AUDITOR))));
            assertThat(answer.status()).as(answer.result().getRequest().getMethod() + " " + answer.result().getRequest().getRequestURI())
                    .isIn(403, 404, 405);
        }
        AlgorithmCase after = cases.read(staff(AUDITOR), caseId);
        assertThat(after.getName()).isEqualTo(before.getName());
        assertThat(after.getUpdatedAt()).isEqualTo(before.getUpdatedAt());
    }

    @Test
    void everyExportOfACaseSaysWhatEachReviewDecidedAtItsDecisionPoint() throws Exception {
        String caseId = publishedCase("Audit uitkomsten");
        // the page's export and the API's: the API's once read the outcomes from the engine only, which no longer
        // stores them (outside tester)
        for (String url : List.of("/staff/audit/cases/" + caseId + "/export?format=json", "/api/audit/cases/" + caseId + "/export?format=json")) {
            MvcResult export = mvc.perform(get(url).with(authentication(as(AUDITOR)))).andReturn();
            assertThat(export.getResponse().getStatus()).as(url).isEqualTo(200);
            JsonNode release = null;
            for (JsonNode point : json.readTree(export.getResponse().getContentAsByteArray()).path("decisionPoints")) {
                if ("releasePublication".equals(point.path("activityId").asText())) {
                    release = point;
                }
            }
            assertThat(release).as(url).isNotNull();
            assertThat(release.path("variables").path("outcome").asText()).as(url).isEqualTo("approve");
            assertThat(release.path("setHere").toString()).as(url).contains("\"outcome\"");
        }
    }

    @Test
    void exportsDownloadTheFilteredRecordsWithTheirHashes() throws Exception {
        String caseId = publishedCase("Audit export");
        List<DecisionRecord> expected = log.ofCase(caseId);

        MvcResult csv = mvc.perform(get("/staff/audit/export?format=csv&caseId=" + caseId).with(authentication(as(AUDITOR)))).andReturn();
        assertThat(csv.getResponse().getStatus()).isEqualTo(200);
        assertThat(csv.getResponse().getHeader(HttpHeaders.CONTENT_DISPOSITION)).contains("attachment", "decision-log.csv");
        String text = csv.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(text).startsWith(CsvExport.HEADER + "\r\n");
        for (DecisionRecord r : expected) {
            assertThat(text).contains("," + r.previousHash() + "," + r.recordHash() + "\r\n");
        }
        assertThat(text.split("\r\n")).hasSize(expected.size() + 1);

        MvcResult export = mvc.perform(get("/staff/audit/cases/" + caseId + "/export?format=json").with(authentication(as(AUDITOR))))
                .andReturn();
        assertThat(export.getResponse().getStatus()).isEqualTo(200);
        assertThat(export.getResponse().getHeader(HttpHeaders.CONTENT_DISPOSITION)).contains("case-" + caseId + ".json");
        JsonNode body = json.readTree(export.getResponse().getContentAsByteArray());
        assertThat(body.path("chainHead").path("lastHash").asText()).hasSize(64);
        List<String> hashes = new ArrayList<>();
        body.path("records").forEach(r -> hashes.add(r.path("recordHash").asText()));
        assertThat(hashes).containsExactlyElementsOf(expected.stream().map(DecisionRecord::recordHash).toList());
        // each exported record still produces its own hash
        for (DecisionRecord r : expected) {
            assertThat(new CanonicalForm().hash(r)).isEqualTo(r.recordHash());
        }

        Page xml = page(get("/staff/audit/export?format=xml").with(authentication(as(AUDITOR)))).assertStatus(400);
        assertThat(xml.document().text()).contains("Onbekend exportformaat.").contains("json of csv.").doesNotContain("Unknown");
    }

    private static Authentication oneOrganisationAuditor() {
        DemoAccount account = new DemoAccount("auditor-nissewaard", "Auditor Nissewaard", Set.of(Role.AUDITOR), Set.of("nissewaard"));
        return new UsernamePasswordAuthenticationToken(account, null, account.getAuthorities());
    }
}
