package nl.transparant.obligations;

import static nl.transparant.site.PageChecks.assertWellFormedPage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.site.PageTestSupport;
import org.junit.jupiter.api.Test;
import org.jsoup.nodes.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

/** The checklist on the case page: what applies, the owner's status and evidence (a file with its SHA-256), the log, the exports. */
class ObligationsPagesTest extends PageTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEM = "urn:nl:transparant:mtr:pba-probleem";
    private static final byte[] PDF = "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theOwnerRecordsTheWorkOnAMeasureWithAFileAndEveryoneOnTheCaseSeesIt() throws Exception {
        AlgorithmCase c = awaitingRelease("owner-zoetermeer", complete(unique("Verplichtingen afvinken")));
        String url = "/staff/cases/" + c.getId();

        Page owner = page(url, "owner-zoetermeer").assertStatus(200);
        assertWellFormedPage(owner.document());
        Document page = owner.document();
        assertThat(page.select("#obligations .obligations__requirements li").eachAttr("data-urn"))
                .contains("urn:nl:transparant:ver:awb-zorgvuldig", "urn:nl:transparant:ver:avg-rechtmatig")
                .doesNotContain("urn:nl:transparant:ver:aia-eu-databank", "urn:nl:transparant:ver:aia-grondrechten");
        assertThat(page.select("#obligations h4").eachText()).containsSubsequence("Probleemanalyse", "Implementatie");
        assertThat(page.select("#obligations form input[name=measure]").eachAttr("value")).contains(PROBLEM);
        assertThat(page("/staff/cases/" + c.getId(), "publisher-zoetermeer").document().select("#obligations form")).isEmpty();
        assertThat(page(url + "?lang=en", "owner-zoetermeer").html()).contains("Obligations from the Algoritmekader", "Problem analysis");

        page(measureForm(c, "owner-zoetermeer").file(new MockMultipartFile("file", "probleemstelling.pdf", "application/pdf", PDF))
                .param("measure", PROBLEM).param("status", "done").param("evidenceText", "Probleemstelling vastgesteld in het MT.")
                .param("evidenceLink", "https://intranet.example.org/probleem")).assertStatus(302);

        Document after = page(url, "publisher-zoetermeer").document();
        var item = after.select("#obligations li[data-urn]").stream().filter(e -> e.attr("data-urn").equals(PROBLEM)).findFirst().orElseThrow();
        assertThat(item.text()).contains("Gedaan", "Probleemstelling vastgesteld in het MT.", "probleemstelling.pdf",
                "SHA-256 " + ObligationsCatalogue.sha256(PDF), "Vastgelegd door Sanne de Vries");
        String fileUrl = item.selectFirst("a[href*=/evidence/]").attr("href");
        MockHttpServletResponse file = mvc.perform(get(fileUrl).with(authentication(as("publisher-zoetermeer")))).andReturn().getResponse();
        assertThat(file.getStatus()).isEqualTo(200);
        assertThat(file.getContentType()).isEqualTo("application/pdf");
        assertThat(file.getHeader(HttpHeaders.CONTENT_DISPOSITION))
                .isEqualTo("attachment; filename=\"probleemstelling.pdf\"; filename*=UTF-8''probleemstelling.pdf");
        assertThat(ObligationsPages.attachment("beoordeling \"één\".pdf")).as("RFC 6266, never an RFC 2047 encoded word")
                .isEqualTo("attachment; filename=\"beoordeling _een_.pdf\"; filename*=UTF-8''beoordeling%20%22%C3%A9%C3%A9n%22.pdf");
        assertThat(file.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(file.getContentAsByteArray()).isEqualTo(PDF);
        assertThat(mvc.perform(get(fileUrl).with(authentication(as("owner-bar")))).andReturn().getResponse().getStatus())
                .as("another organisation's case").isEqualTo(404);

        Map<String, Object> logged = jdbc.queryForMap("SELECT actor_id, outcome, payload FROM decision_log WHERE case_id = ?"
                + " AND event_type = 'obligation-recorded'", c.getId());
        assertThat(logged).containsEntry("actor_id", "owner-zoetermeer").containsEntry("outcome", "done");
        assertThat((String) logged.get("payload")).contains(PROBLEM, ObligationsCatalogue.sha256(PDF), "probleemstelling.pdf");

        String csv = mvc.perform(get(url + "/obligations/export.csv").with(authentication(as("owner-zoetermeer")))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv).startsWith("kind,urn,version,name").contains("\"measure\",\"" + PROBLEM + "\",\"1.0\"", "\"done\"",
                "\"requirement\",\"urn:nl:transparant:ver:awb-zorgvuldig\"");

        Page report = page(url + "/obligations/report", "publisher-zoetermeer").assertStatus(200);
        assertWellFormedPage(report.document());
        assertThat(report.document().select("table.report-table").text()).contains(PROBLEM, "Gedaan",
                "probleemstelling.pdf (SHA-256 " + ObligationsCatalogue.sha256(PDF) + ")");
        MockHttpServletResponse reportPdf = mvc.perform(get(url + "/obligations/report/pdf").with(authentication(as("publisher-zoetermeer"))))
                .andReturn().getResponse();
        assertThat(reportPdf.getContentType()).isEqualTo("application/pdf");
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(reportPdf.getContentAsByteArray())) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document)).contains("Rapport verplichtingen", "Gedaan");
        }

        JsonNode json = JSON.readTree(mvc.perform(get("/api/cases/" + c.getId() + "/obligations").with(authentication(as("owner-zoetermeer"))))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        JsonNode measure = null;
        for (JsonNode m : json.get("measures")) {
            if (m.get("urn").asText().equals(PROBLEM)) {
                measure = m;
            }
        }
        assertThat(measure.get("status").asText()).isEqualTo("done");
        assertThat(measure.get("files").get(0).get("sha256").asText()).isEqualTo(ObligationsCatalogue.sha256(PDF));
        assertThat(json.get("aiActProfile").has("type")).isTrue();

        MockHttpServletResponse viaApi = mvc.perform(put("/api/cases/" + c.getId() + "/obligations/measures")
                .with(authentication(as("owner-zoetermeer"))).contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(Map.of("measureUrn", PROBLEM, "status", "not-applicable")))).andReturn().getResponse();
        assertThat(viaApi.getStatus()).isEqualTo(400);
        assertThat(viaApi.getContentType()).startsWith("application/problem+json");
        assertThat(viaApi.getContentAsString()).contains("reason");
    }

    @Test
    void badInputIsRefusedAndNothingIsStored() throws Exception {
        AlgorithmCase c = awaitingRelease("owner-zoetermeer", complete(unique("Verplichtingen fout")));
        page(measureForm(c, "owner-zoetermeer").param("measure", PROBLEM).param("status", "in-progress")).assertStatus(302);

        assertRefused(c, 400, measureForm(c, "owner-zoetermeer").file(new MockMultipartFile("file", "bewijs.html", "text/html",
                "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8))).param("measure", PROBLEM).param("status", "done"));
        assertRefused(c, 400, measureForm(c, "owner-zoetermeer").file(new MockMultipartFile("file", "bewijs.pdf", "application/pdf",
                "<html>geen pdf</html>".getBytes(StandardCharsets.UTF_8))).param("measure", PROBLEM).param("status", "done"));
        assertRefused(c, 400, measureForm(c, "owner-zoetermeer").param("measure", PROBLEM).param("status", "klaar"));
        assertRefused(c, 400, measureForm(c, "owner-zoetermeer").param("measure", PROBLEM).param("status", "not-applicable"));
        assertRefused(c, 400, measureForm(c, "owner-zoetermeer").param("measure", PROBLEM).param("status", "done")
                .param("evidenceText", "<b>klaar</b>"));
        // the case page again with the measure's form as it was sent and why (the generic error page lost the typed text)
        Page typed = page(measureForm(c, "owner-zoetermeer").param("measure", PROBLEM).param("status", "done")
                .param("reason", "Overleg met de CISO.").param("evidenceText", "Zie <b>verslag</b> van 3 maart.")
                .param("evidenceLink", "https://intranet.example/verslag"));
        typed.assertStatus(400);
        assertWellFormedPage(typed.document());
        org.jsoup.nodes.Element measure = typed.document().selectFirst("li[data-urn=\"" + PROBLEM + "\"]");
        assertThat(measure.selectFirst("details").hasAttr("open")).isTrue();
        assertThat(measure.selectFirst("textarea[name=evidenceText]").val()).isEqualTo("Zie <b>verslag</b> van 3 maart.");
        assertThat(measure.selectFirst("textarea[name=evidenceText]").attr("aria-invalid")).isEqualTo("true");
        assertThat(measure.selectFirst("textarea[name=reason]").val()).isEqualTo("Overleg met de CISO.");
        assertThat(measure.selectFirst("input[name=evidenceLink]").val()).isEqualTo("https://intranet.example/verslag");
        assertThat(measure.selectFirst("input[name=status][value=done]").hasAttr("checked")).isTrue();
        assertThat(measure.select(".error-summary li").eachText()).hasSize(1);
        // the problem in the summary names its field and links to its input, as the page's other summaries do
        String evidenceId = measure.selectFirst("textarea[name=evidenceText]").id();
        assertThat(measure.select(".error-summary li a").eachAttr("href")).containsExactly("#" + evidenceId);
        assertThat(measure.select(".error-summary li a > span").first().text())
                .isEqualTo(typed.document().selectFirst("label[for=" + evidenceId + "]").text());
        assertThat(measure.select(".error-summary li a > span").last().text()).isNotBlank();
        assertThat(measure.select(".field-error").text()).contains(measure.select(".error-summary li a > span").last().text());
        assertRefused(c, 400, measureForm(c, "owner-zoetermeer").param("measure", PROBLEM).param("status", "done")
                .param("evidenceLink", "javascript:alert(1)"));
        assertRefused(c, 400, measureForm(c, "owner-zoetermeer").param("measure", "urn:nl:transparant:mtr:imp-eu-databank")
                .param("status", "done"));
        assertRefused(c, 403, measureForm(c, "publisher-zoetermeer").param("measure", PROBLEM).param("status", "done"));
        // in the page's language, not the service's English (second outside test)
        assertThat(page(measureForm(c, "publisher-zoetermeer").param("measure", PROBLEM).param("status", "done")).html())
                .contains("Alleen een projecteigenaar van de organisatie van de zaak").doesNotContain("Only a project owner");
        Page noEvidence = page(measureForm(c, "owner-zoetermeer").param("measure", PROBLEM).param("status", "done"));
        noEvidence.assertStatus(400);
        assertThat(noEvidence.html()).as("done needs evidence: text, link or file").contains("evidenceText");
        MockHttpServletResponse noEvidenceOverApi = mvc.perform(put("/api/cases/" + c.getId() + "/obligations/measures")
                .with(authentication(as("owner-zoetermeer"))).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(Map.of("measureUrn", PROBLEM, "status", "done")))).andReturn().getResponse();
        assertThat(noEvidenceOverApi.getStatus()).isEqualTo(400);
        assertThat(JSON.readTree(noEvidenceOverApi.getContentAsString(StandardCharsets.UTF_8)).get("errors").toString())
                .contains("evidenceText");
        // a file over 5 MB (up to a body of 32 MB, which requests.BodySizeLimits lets through for this) comes back on the
        // case page, with what was typed; the browser's script refuses it before sending (StaffAccessibilityIT), with the
        // same limit as the service
        byte[] tooLarge = new byte[Obligations.MAX_FILE_BYTES * 2];
        System.arraycopy(PDF, 0, tooLarge, 0, PDF.length);
        Page large = page(measureForm(c, "owner-zoetermeer").file(new MockMultipartFile("file", "groot.pdf", "application/pdf", tooLarge))
                .param("measure", PROBLEM).param("status", "done").param("evidenceText", "Zie het verslag van de werksessie."));
        large.assertStatus(400);
        assertThat(large.html()).contains("5 MB");
        assertThat(large.document().select("textarea[name=evidenceText]").eachText()).contains("Zie het verslag van de werksessie.");
        assertThat(large.document().select("input[type=file][data-max-bytes]").eachAttr("data-max-bytes"))
                .isNotEmpty().containsOnly(String.valueOf(Obligations.MAX_FILE_BYTES));

        assertThat(jdbc.queryForObject("SELECT status FROM obligation_measure WHERE case_id = ?", String.class, c.getId()))
                .isEqualTo("in-progress");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM obligation_evidence_file WHERE case_id = ?", Integer.class, c.getId())).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM decision_log WHERE case_id = ? AND event_type = 'obligation-recorded'",
                Integer.class, c.getId())).isEqualTo(1);
    }

    private void assertRefused(AlgorithmCase c, int status, org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request) throws Exception {
        Page refused = page(request);
        refused.assertStatus(status);
        assertThat(refused.html()).doesNotContain("Exception", "at nl.transparant");
    }

    /**
     * Two owners on one measure from pages opened at the same time: the second save replaced the first one's evidence
     * without a word (outside tester). It comes back (409) with what was typed and who recorded meanwhile; saving again
     * from there replaces it knowingly.
     */
    @Test
    void aMeasureRecordedByAColleagueMeanwhileIsNotReplacedUnseen() throws Exception {
        AlgorithmCase c = awaitingRelease("owner-zoetermeer", complete(unique("Twee eigenaren, een maatregel")));
        String url = "/staff/cases/" + c.getId();
        String seenByBoth = page(url, "owner-zoetermeer").document()
                .select("#obligations form:has(input[name=measure][value=" + PROBLEM + "]) input[name=basedOn]").val();
        assertThat(seenByBoth).isEmpty();

        page(measureForm(c, "owner-zoetermeer").param("measure", PROBLEM).param("status", "in-progress")
                .param("evidenceText", "Sanne: probleemanalyse loopt.").param("basedOn", seenByBoth)).assertStatus(302);
        Page refused = page(measureForm(c, "owner-privacy-zoetermeer").param("measure", PROBLEM).param("status", "done")
                .param("evidenceText", "Noor: probleem vastgesteld.").param("basedOn", seenByBoth));
        refused.assertStatus(409);
        assertWellFormedPage(refused.document());
        var form = refused.document().selectFirst("#obligations form:has(input[name=measure][value=" + PROBLEM + "])");
        assertThat(form.selectFirst("textarea[name=evidenceText]").text()).isEqualTo("Noor: probleem vastgesteld.");
        assertThat(refused.document().select("#obligations .error-summary").text()).contains("Sanne de Vries", "Niet opgeslagen");
        assertThat(jdbc.queryForObject("SELECT evidence_text FROM obligation_measure WHERE case_id = ?", String.class, c.getId()))
                .isEqualTo("Sanne: probleemanalyse loopt.");

        page(measureForm(c, "owner-privacy-zoetermeer").param("measure", PROBLEM).param("status", "done")
                .param("evidenceText", "Noor: probleem vastgesteld.").param("basedOn", form.selectFirst("input[name=basedOn]").val()))
                .assertStatus(302);
        assertThat(jdbc.queryForObject("SELECT evidence_text FROM obligation_measure WHERE case_id = ?", String.class, c.getId()))
                .isEqualTo("Noor: probleem vastgesteld.");
    }

    private MockMultipartHttpServletRequestBuilder measureForm(AlgorithmCase c, String username) {
        MockMultipartHttpServletRequestBuilder form = multipart("/staff/cases/" + c.getId() + "/obligations");
        form.with(authentication(as(username))).with(csrf());
        return form;
    }
}
