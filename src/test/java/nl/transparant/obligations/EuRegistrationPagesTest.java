package nl.transparant.obligations;

import static nl.transparant.site.PageChecks.assertWellFormedPage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.screening.DpiaAnswers;
import nl.transparant.screening.IamaAnswers;
import nl.transparant.screening.PreScanAnswers;
import nl.transparant.site.PageTestSupport;
import nl.transparant.workflow.review.ReviewTask;
import nl.transparant.workflow.review.TaskCompletion;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A high-risk AI system (Annex III) the municipality deploys: its checklist carries the AI Act's deployer obligations, the
 * release waits for the requirements policies/obligations.yaml names and for the confirmed EU database registration,
 * which the owner prepares from the recorded IAMA and confirms with its number.
 */
class EuRegistrationPagesTest extends PageTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theReleaseOfAHighRiskSystemWaitsForItsObligationsAndItsEuRegistration() throws Exception {
        AlgorithmCase c = atRelease();
        String url = "/staff/cases/" + c.getId();

        Document casePage = page(url, "owner-zoetermeer").assertStatus(200).document();
        assertWellFormedPage(casePage);
        assertThat(casePage.select("#obligations .obligations__requirements li").eachAttr("data-urn"))
                .contains("urn:nl:transparant:ver:aia-eu-databank", "urn:nl:transparant:ver:aia-grondrechten",
                        "urn:nl:transparant:ver:aia-menselijk-toezicht", "urn:nl:transparant:ver:aia-geletterdheid");
        assertThat(casePage.select("#obligations").text()).contains("moet in de EU-databank geregistreerd zijn",
                "Nog 2 vereiste(n) niet voldaan");

        String release = url + "/tasks/" + task("publisher-zoetermeer", c.getId(), "releasePublication").id();
        Page blocked = page(form(release, "publisher-zoetermeer").param("outcome", "approve").param("rationale", "Akkoord."));
        blocked.assertStatus(409);
        assertThat(blocked.document().select(".error-summary").text()).contains("Vrijgeven kan nog niet: 2 vereiste(n)");

        for (String measure : List.of("owp-iama", "imp-toezicht", "mon-logs")) {
            page(multipartForm(url + "/obligations", "owner-zoetermeer").param("measure", "urn:nl:transparant:mtr:" + measure)
                    .param("status", "done").param("evidenceText", "Gedaan: " + measure)).assertStatus(302);
        }
        Document drafts = page(url, "owner-zoetermeer").document();
        assertThat(drafts.selectFirst(".obligations__drafts [data-field=risks]").text()).contains("Gedaan: imp-toezicht");
        assertThat(drafts.selectFirst(".obligations__drafts [data-field=impacttoetsen]").text()).startsWith("IAMA vastgelegd op");
        assertThat(page(url, "publisher-zoetermeer").document().select(".obligations__drafts")).isEmpty();
        Page waitsForRegistration = page(form(release + "?lang=en", "publisher-zoetermeer").param("outcome", "approve").param("rationale", "OK."));
        waitsForRegistration.assertStatus(409);
        assertThat(waitsForRegistration.document().select(".error-summary").text()).contains("must first be registered in the EU database");

        Page draft = page(url + "/eu-registration", "owner-zoetermeer").assertStatus(200);
        assertWellFormedPage(draft.document());
        assertThat(draft.document().selectFirst("#eu-deployerName").val()).isNotBlank();
        assertThat(draft.document().selectFirst("#eu-contact").val()).isEqualTo("algoritmes@example.org");
        assertThat(draft.document().selectFirst("#eu-memberState").val()).isEqualTo("NL");
        assertThat(draft.document().selectFirst("#eu-friaSummary").text()).startsWith("IAMA vastgelegd op");
        assertThat(draft.document().select("form[action$=/confirmation]")).as("confirmed only once saved").isEmpty();
        assertThat(page(url + "/eu-registration?lang=en", "owner-zoetermeer").html()).contains("Registration in the EU database");

        // refused: the page again with what was typed and each problem at its field, named by its label (outside tester:
        // a general error page said "providerEntry: Verplicht." and the typed summaries were gone)
        Page refused = page(form(url + "/eu-registration", "owner-zoetermeer").param("deployerName", "Gemeente Zoetermeer").param("contact", "")
                .param("providerEntry", "EU-PROV-1").param("memberState", "XX").param("friaSummary", "Mijn lange samenvatting.")
                .param("dpiaSummary", "Samenvatting."));
        refused.assertStatus(400);
        assertWellFormedPage(refused.document());
        assertThat(refused.document().selectFirst("#eu-friaSummary").text()).isEqualTo("Mijn lange samenvatting.");
        assertThat(refused.document().selectFirst("#eu-providerEntry").val()).isEqualTo("EU-PROV-1");
        assertThat(refused.document().select("#eu-contact-error").text()).contains("Verplicht");
        assertThat(refused.document().selectFirst("#eu-contact").attr("aria-invalid")).isEqualTo("true");
        assertThat(refused.document().select(".error-summary a[href=#eu-contact]").text()).startsWith("Contact");
        assertThat(refused.document().select(".error-summary").text()).doesNotContain("contact:", "memberState:");
        page(form(url + "/eu-registration/confirmation", "owner-zoetermeer").param("registrationNumber", "EU-1")).assertStatus(409);
        page(form(url + "/eu-registration", "publisher-zoetermeer").param("deployerName", "x")).assertStatus(403);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM eu_registration WHERE case_id = ?", Integer.class, c.getId())).isZero();

        page(form(url + "/eu-registration", "owner-zoetermeer").param("deployerName", "Gemeente Zoetermeer")
                .param("contact", "algoritmes@example.org").param("providerEntry", "EU-PROV-2026-0007").param("memberState", "NL")
                .param("friaSummary", "IAMA gedaan; risico op ongelijke behandeling beperkt met een steekproef per kwartaal.")
                .param("dpiaSummary", "Geen persoonsgegevens; een DPIA is niet nodig.")).assertStatus(302);
        // a colleague's save from a page opened before that one: refused with what she typed and who saved (both saves
        // answered 302 and the first was gone: outside tester); saving again from there replaces it knowingly
        Page late = page(form(url + "/eu-registration", "owner-privacy-zoetermeer").param("deployerName", "Gemeente Zoetermeer")
                .param("contact", "noor@example.org").param("providerEntry", "EU-PROV-9999").param("memberState", "NL")
                .param("friaSummary", "Noors samenvatting.").param("dpiaSummary", "Noors DPIA.").param("basedOn", ""));
        late.assertStatus(409);
        assertThat(late.document().select(".eu-conflict").text()).startsWith("Sanne de Vries heeft de registratie intussen opgeslagen");
        assertThat(late.document().selectFirst("#eu-friaSummary").text()).isEqualTo("Noors samenvatting.");
        assertThat(jdbc.queryForObject("SELECT provider_entry FROM eu_registration WHERE case_id = ?", String.class, c.getId()))
                .isEqualTo("EU-PROV-2026-0007");
        page(form(url + "/eu-registration", "owner-zoetermeer").param("deployerName", "Gemeente Zoetermeer")
                .param("contact", "algoritmes@example.org").param("providerEntry", "EU-PROV-2026-0007").param("memberState", "NL")
                .param("friaSummary", "IAMA gedaan; risico op ongelijke behandeling beperkt met een steekproef per kwartaal.")
                .param("dpiaSummary", "Geen persoonsgegevens; een DPIA is niet nodig.")
                .param("basedOn", late.document().selectFirst("input[name=basedOn]").val())).assertStatus(302);
        Page refusedNumber = page(form(url + "/eu-registration/confirmation", "owner-zoetermeer").param("registrationNumber", "<b>"));
        refusedNumber.assertStatus(400);
        assertThat(refusedNumber.document().selectFirst("#eu-number").val()).isEqualTo("<b>");
        assertThat(refusedNumber.document().select("#eu-number-error").text()).isNotBlank();
        page(form(url + "/eu-registration/confirmation", "owner-zoetermeer").param("registrationNumber", "EU-DB-2026-0042")).assertStatus(302);
        assertThat(page(url + "/eu-registration", "publisher-zoetermeer").html())
                .contains("Geregistreerd in de EU-databank onder nummer EU-DB-2026-0042, bevestigd door Sanne de Vries.");

        JsonNode json = JSON.readTree(mvc.perform(get("/api/cases/" + c.getId() + "/eu-registration")
                .with(authentication(as("publisher-zoetermeer")))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(json.get("registrationNumber").asText()).isEqualTo("EU-DB-2026-0042");
        assertThat(json.get("providerEntry").asText()).isEqualTo("EU-PROV-2026-0007");
        var pdf = mvc.perform(get(url + "/eu-registration/pdf").with(authentication(as("publisher-zoetermeer")))).andReturn().getResponse();
        assertThat(pdf.getStatus()).isEqualTo(200);
        assertThat(pdf.getContentType()).isEqualTo("application/pdf");
        assertThat(pdf.getHeader("Content-Disposition")).startsWith("attachment");
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf.getContentAsByteArray())) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document)).contains("Registratie in de EU-databank",
                    "EU-DB-2026-0042", "EU-PROV-2026-0007", "een DPIA is niet nodig");
        }
        assertThat(jdbc.queryForList("SELECT event_type FROM decision_log WHERE case_id = ? AND event_type LIKE 'eu-registration-%' ORDER BY seq",
                String.class, c.getId())).as("the two saves of the registration (the refused one none) and its confirmation")
                .containsExactly("eu-registration-saved", "eu-registration-saved", "eu-registration-confirmed");

        page(form(release, "publisher-zoetermeer").param("outcome", "approve").param("rationale", "Klaar voor het register.")).assertStatus(302);
        assertThat(reviewTasks.openTasks(staff("publisher-zoetermeer"), c.getId())).extracting(ReviewTask::activityId)
                .doesNotContain("releasePublication");
    }

    /** Found from the outside: its summaries stand for the IAMA and the DPIA, so it is not confirmed (and frozen) before them. */
    @Test
    void theRegistrationIsConfirmedOnlyOnceTheAssessmentsAreRecorded() throws Exception {
        AlgorithmCase c = draft("owner-zoetermeer", complete(unique("Registratie te vroeg")));
        cases.submit(staff("owner-zoetermeer"), c.getId());
        completeTask("owner-zoetermeer", c.getId(), "answerPreScan",
                new TaskCompletion(null, null, PreScanAnswers.of("aiSystem", "highRiskArea", "profiling")));
        String url = "/staff/cases/" + c.getId();
        page(form(url + "/eu-registration", "owner-zoetermeer").param("deployerName", "Gemeente Zoetermeer")
                .param("contact", "algoritmes@example.org").param("providerEntry", "EU-PROV-2026-0008").param("memberState", "NL")
                .param("friaSummary", "Volgt.").param("dpiaSummary", "Volgt.")).assertStatus(302); // a draft may be saved

        Page early = page(form(url + "/eu-registration/confirmation", "owner-zoetermeer").param("registrationNumber", "EU-DB-2026-0043"));
        early.assertStatus(409);
        assertThat(early.html()).contains("pas bevestigd als het IAMA", "Nog niet vastgelegd: IAMA");
        var english = mvc.perform(post("/api/cases/" + c.getId() + "/eu-registration/confirmation")
                .with(authentication(as("owner-zoetermeer"))).with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())
                .header(org.springframework.http.HttpHeaders.ACCEPT_LANGUAGE, "en-GB,en;q=0.9")
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON).content("{\"registrationNumber\":\"EU-DB-2026-0043\"}"))
                .andReturn().getResponse();
        assertThat(english.getStatus()).isEqualTo(409);
        assertThat(english.getContentAsString(StandardCharsets.UTF_8)).contains("Not recorded yet: IAMA");
        assertThat(jdbc.queryForObject("SELECT registration_number FROM eu_registration WHERE case_id = ?", String.class, c.getId()))
                .isNull();
    }

    @Test
    void aCaseThatIsNoHighRiskSystemHasNoRegistration() throws Exception {
        AlgorithmCase c = awaitingRelease("owner-zoetermeer", complete(unique("Geen hoog risico")));
        page("/staff/cases/" + c.getId() + "/eu-registration", "owner-zoetermeer").assertStatus(404);
        assertThat(mvc.perform(get("/api/cases/" + c.getId() + "/eu-registration").with(authentication(as("owner-zoetermeer"))))
                .andReturn().getResponse().getStatus()).isEqualTo(404);
    }

    /** Through the pre-scan (high-risk, Annex III, as deployer), the assessments the route asks and the committee, to the release. */
    private AlgorithmCase atRelease() throws Exception {
        AlgorithmCase created = draft("owner-zoetermeer", complete(unique("Risicoscore hoog risico")));
        cases.submit(staff("owner-zoetermeer"), created.getId());
        completeTask("owner-zoetermeer", created.getId(), "answerPreScan",
                new TaskCompletion(null, null, PreScanAnswers.of("aiSystem", "highRiskArea", "profiling")));
        for (int step = 0; step < 10; step++) {
            List<String> open = reviewTasks.openTasks(staff("owner-zoetermeer"), created.getId()).stream().map(ReviewTask::activityId).toList();
            if (open.contains("releasePublication")) {
                return created;
            } else if (open.contains("fillInDpia")) {
                completeTask("owner-zoetermeer", created.getId(), "fillInDpia", new TaskCompletion(null, null, DpiaAnswers.lowResidualRisk()));
            } else if (open.contains("reviewDpia")) {
                completeTask("privacy-zoetermeer", created.getId(), "reviewDpia", new TaskCompletion("approve", "Voldoende.", null));
            } else if (open.contains("fillInIama")) {
                completeTask("owner-zoetermeer", created.getId(), "fillInIama", new TaskCompletion(null, null, IamaAnswers.proceeding()));
            } else if (open.contains("reviewEthics")) {
                for (String member : List.of("ethics-regional", "ethics-second")) {
                    page(form("/staff/cases/" + created.getId() + "/ethics-votes", member).param("vote", "positive")
                            .param("rationale", "Akkoord.")).assertStatus(302);
                }
            } else {
                throw new AssertionError("Unexpected open tasks " + open);
            }
        }
        throw new AssertionError("The case did not reach the release");
    }

    private org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder multipartForm(String url, String username) {
        var form = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart(url);
        form.with(authentication(as(username))).with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf());
        return form;
    }
}
