package nl.transparant.reports;

import static nl.transparant.site.PageChecks.assertWellFormedPage;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.transparant.assessment.AssessmentDefinition;
import nl.transparant.assessment.AssessmentDefinitions;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.screening.PreScanAnswers;
import nl.transparant.site.PageTestSupport;
import nl.transparant.workflow.review.TaskCompletion;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The pre-scan, DPIA and IAMA of a case as a report: on the page and as a PDF of the same content. */
class ReportPagesTest extends PageTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADVICE = "Advies: beperk de bewaartermijn tot een jaar.";
    private static final String HIDDEN = "Niet gevraagd omdat het niet kon.";

    @Autowired
    AssessmentDefinitions definitions;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theDpiaReportShowsTheVisibleAnswersTheRiskRegisterTheOutcomeAndTheDecisions() throws Exception {
        AlgorithmCase dpia = withDpia("owner-zoetermeer", "Rapport DPIA", dpiaAnswers("Onterechte verdenking"));
        completeTask("privacy-zoetermeer", dpia.getId(), "reviewDpia", new TaskCompletion("approve", "Zorgvuldig onderbouwd.", null));
        AssessmentDefinition definition = definitions.current("urn:nl:transparantdpia").orElseThrow();

        Document page = page("/staff/cases/" + dpia.getId() + "/reports/dpia", "privacy-zoetermeer").assertStatus(200).document();
        assertWellFormedPage(page);
        assertThat(page.select("script:not([src=/js/error-summary.js])")).as("no script but the site's own").isEmpty();
        assertThat(page.selectFirst("h1").text()).startsWith("DPIA (gegevensbeschermingseffectbeoordeling)").contains(dpia.getName());
        assertThat(page.selectFirst(".report-definition").text()).contains("urn:nl:transparantdpia", "versie " + definition.version());
        assertThat(page.selectFirst(".report-definition__name").text()).as("the questionnaire by its name").isEqualTo(definition.name());
        assertThat(page.select(".report-hash").eachText()).contains(definition.id().sha256());

        // answers under their questions, option values as their labels, hidden answers left out
        assertThat(answer(page, "1.3")).isEqualTo("Taak van algemeen belang of openbaar gezag (e)");
        assertThat(question(page, "1.3")).isEqualTo("Grondslag van de verwerking (AVG art. 6 lid 1)");
        assertThat(answer(page, "5.2")).isEqualTo(ADVICE);
        assertThat(answer(page, "5.3")).isEqualTo("Nee");
        assertThat(answer(page, "5.4")).isEqualTo("Het advies past niet bij de wettelijke taak.");
        assertThat(answer(page, "6.1")).isEqualTo("Ja");
        assertThat(page.select("[data-task=1.10], [data-task=6.4]")).as("answers of hidden questions").isEmpty();
        assertThat(page.text()).doesNotContain(HIDDEN, "Naar Zwitserland");
        assertThat(answer(page, "7.2")).isEqualTo("1 maart 2027");

        // the risk register: each risk's level before and after measures from the risk matrix, with its measures
        Element register = page.selectFirst(".report-repeated[data-task=3.1]");
        assertThat(register.select("> .report-instance > h5").eachText())
                .containsExactly("1. Risico: Onterechte verdenking", "2. Risico: Gegevens lekken");
        Element first = register.selectFirst(".report-instance[data-instance=1]");
        assertThat(first.selectFirst(".report-risk__before").text()).isEqualTo("Hoog");
        assertThat(first.selectFirst(".report-risk__after").text()).isEqualTo("Midden");
        assertThat(register.selectFirst(".report-instance[data-instance=2] .report-risk__after").text()).isEqualTo("Laag");
        assertThat(first.select("[data-task=3.1.7] thead th").eachText())
                .containsExactly("Nr.", "Maatregel", "Eigenaar", "Uiterste datum", "Status");
        assertThat(first.select("[data-task=3.1.7] tbody tr").eachText())
                .containsExactly("1 Handmatige toets van elk signaal Teamleider handhaving 1 februari 2027 In uitvoering",
                        "2 Uitleg aan betrokkenen Communicatie 1 april 2027 Gepland");
        assertThat(first.select("[data-task=3.1.10] dd").text()).isEqualTo("Aanvaard door de directie.");

        // the outcome: the level reached, the criteria that fired with their explanations, the scores
        Element verdict = page.selectFirst(".report-verdict[data-assessment=residual_risk]");
        assertThat(verdict.selectFirst("h3").text()).isEqualTo("Restrisico: Restrisico midden: aanvullende maatregelen aanbevolen");
        assertThat(verdict.select("[data-criterion]").eachAttr("data-criterion")).containsExactly("declared_medium", "risk_register_medium");
        assertThat(verdict.selectFirst("[data-criterion=declared_medium]").text()).startsWith("Het hoogste restrisico over alle risico's is midden.");
        // a score that is a level of the risk matrix is shown by the level's name, its number beside it
        assertThat(page.select(".report-scores tbody tr").eachText())
                .contains("Risico v\u00f3\u00f3r maatregelen Hoog (3)", "Risico na maatregelen Midden (2)", "Opgegeven restrisico Midden (2)");
        assertThat(page.select(".report-residual-differs")).as("declared as the matrix gives it").isEmpty();
        assertThat(page.selectFirst(".report-residual").text()).contains("Midden");
        assertThat(page.select(".report-prior-consultation")).as("no prior consultation at medium").isEmpty();

        // the decisions on the case: who, in which role, when, what, why
        assertThat(page.select(".report-decisions tbody tr").eachText()).anySatisfy(row ->
                assertThat(row).contains("DPIA beoordelen", "Goedgekeurd", "Pieter Smit", "Privacy officer", "Zorgvuldig onderbouwd."));

        Document english = page("/staff/cases/" + dpia.getId() + "/reports/dpia?lang=en", "owner-zoetermeer").assertStatus(200).document();
        assertWellFormedPage(english);
        assertThat(english.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(question(english, "1.3")).isEqualTo("Lawful basis of the processing (GDPR Art. 6(1))");
        assertThat(answer(english, "5.3")).isEqualTo("No");
        assertThat(english.selectFirst(".report-instance[data-instance=1] .report-risk__after").text()).isEqualTo("Medium");
        assertThat(english.select(".report-decisions tbody tr").eachText()).anySatisfy(row -> assertThat(row).contains("Approved"));
        assertThat(english.selectFirst("a.button[href*=/pdf]").attr("href"))
                .isEqualTo("/staff/cases/" + dpia.getId() + "/reports/dpia/pdf?lang=en");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDeclaredResidualRiskThatDiffersFromTheRiskMatrixIsFlaggedInTheReportAndThePdf() throws Exception {
        Map<String, Object> answers = dpiaAnswers("Verkeerde score");
        ((Map<String, Object>) answers.get("answers")).put("4.3", "laag");
        AlgorithmCase dpia = withDpia("owner-zoetermeer", "Rapport afwijkend restrisico", answers);

        Document page = page("/staff/cases/" + dpia.getId() + "/reports/dpia", "privacy-zoetermeer").assertStatus(200).document();
        assertThat(page.selectFirst(".report-residual-differs").text())
                .isEqualTo("Let op: het opgegeven restrisico (Laag) wijkt af van de risicomatrix, die het hoogste risico na maatregelen Midden noemt.");
        assertThat(page.select(".report-scores tbody tr").eachText()).contains("Opgegeven restrisico Laag (1)");

        Page download = page("/staff/cases/" + dpia.getId() + "/reports/dpia/pdf?lang=en", "privacy-zoetermeer").assertStatus(200);
        try (PDDocument pdf = Loader.loadPDF(download.result().getResponse().getContentAsByteArray())) {
            assertThat(text(pdf)).contains("the declared residual risk (Low) differs from the risk matrix, which gives Medium",
                    "Declared residual risk Low (1)");
        }
    }

    @Test
    void thePdfHoldsTheSameReportTaggedWithItsLanguageAndTitleAsADownload() throws Exception {
        AlgorithmCase dpia = withDpia("owner-capelle", "Rapport PDF", dpiaAnswers("Verkeerde koppeling"));
        completeTask("privacy-capelle", dpia.getId(), "reviewDpia", new TaskCompletion("approve", "Akkoord met de maatregelen.", null));
        AssessmentDefinition definition = definitions.current("urn:nl:transparantdpia").orElseThrow();

        Page download = page("/staff/cases/" + dpia.getId() + "/reports/dpia/pdf", "owner-capelle").assertStatus(200);
        var response = download.result().getResponse();
        assertThat(response.getContentType()).isEqualTo("application/pdf");
        assertThat(response.getHeader("Content-Disposition")).isEqualTo("attachment; filename=\"dpia-" + dpia.getId() + ".pdf\"");
        try (PDDocument pdf = Loader.loadPDF(response.getContentAsByteArray())) {
            String text = text(pdf);
            assertThat(text).contains("DPIA (gegevensbeschermingseffectbeoordeling)", dpia.getName(),
                    "Grondslag van de verwerking", "Taak van algemeen belang of openbaar gezag (e)", ADVICE,
                    "Risico: Verkeerde koppeling", "Risico: Gegevens lekken", "Handmatige toets van elk signaal", "Teamleider handhaving",
                    "Restrisico midden: aanvullende maatregelen aanbevolen", "DPIA beoordelen", "Goedgekeurd", "Privacy officer",
                    "Akkoord met de maatregelen.", "Lotte Mulder",
                    "urn:nl:transparantdpia", "versie " + definition.version(), definition.id().sha256());
            assertThat(text).doesNotContain(HIDDEN);
            assertThat(pdf.getDocumentInformation().getTitle()).isEqualTo("DPIA (gegevensbeschermingseffectbeoordeling): " + dpia.getName());
            assertThat(pdf.getDocumentCatalog().getLanguage()).isEqualTo("nl");
            assertThat(pdf.getDocumentCatalog().getMarkInfo().isMarked()).as("tagged PDF").isTrue();
            assertThat(pdf.getDocumentCatalog().getStructureTreeRoot()).isNotNull();
            assertThat(pdf.getDocumentCatalog().getViewerPreferences().displayDocTitle()).isTrue();
        }

        Page english = page("/staff/cases/" + dpia.getId() + "/reports/dpia/pdf?lang=en", "auditor-regional").assertStatus(200);
        try (PDDocument pdf = Loader.loadPDF(english.result().getResponse().getContentAsByteArray())) {
            assertThat(pdf.getDocumentCatalog().getLanguage()).isEqualTo("en");
            assertThat(text(pdf)).contains("DPIA (data protection impact assessment)", "Lawful basis of the processing",
                    "Residual risk after measures", "version " + definition.version());
        }
    }

    @Test
    void thePreScanReportShowsTheCriteriaThatFiredAndTheAiActPath() throws Exception {
        AlgorithmCase preScan = draft("owner-bar", complete(unique("Rapport pre-scan")));
        cases.submit(staff("owner-bar"), preScan.getId());
        completeTask("owner-bar", preScan.getId(), "answerPreScan",
                new TaskCompletion(null, null, PreScanAnswers.of("personalData", "largeScale", "sensitiveData")));

        Document page = page("/staff/cases/" + preScan.getId() + "/reports/pre-scan", "ethics-regional").assertStatus(200).document();
        assertWellFormedPage(page);
        Element verdict = page.selectFirst(".report-verdict[data-assessment=dpia]");
        assertThat(verdict.attr("data-level")).isEqualTo("required");
        assertThat(verdict.select("[data-criterion]")).isNotEmpty();
        assertThat(verdict.select("[data-criterion] span").eachText()).allSatisfy(explanation -> assertThat(explanation).isNotBlank());
        assertThat(page.selectFirst(".report-ai-act")).isNotNull();
        assertThat(page.select(".report-ai-act tbody tr")).isNotEmpty();
        assertThat(page.select(".report-answers .report-qa")).isNotEmpty();

        // the case page and the auditor's case view link every report of the case
        Document casePage = page("/staff/cases/" + preScan.getId(), "owner-bar").assertStatus(200).document();
        assertWellFormedPage(casePage);
        assertThat(casePage.select(".report-links a").eachAttr("href")).containsExactly(
                "/staff/cases/" + preScan.getId() + "/reports/pre-scan", "/staff/cases/" + preScan.getId() + "/reports/pre-scan/pdf?lang=nl");
        Document audit = page("/staff/audit/cases/" + preScan.getId(), "auditor-regional").assertStatus(200).document();
        assertThat(audit.select(".report-links a").eachAttr("href")).contains("/staff/cases/" + preScan.getId() + "/reports/pre-scan");

        Document draftPage = page("/staff/cases/" + draft("owner-bar", complete(unique("Zonder rapport"))).getId(), "owner-bar").document();
        assertThat(draftPage.select(".report-links")).as("nothing recorded, nothing linked").isEmpty();
    }

    @Test
    void aHighResidualRiskReportsThePriorConsultationAndTheSupervisorsAdvice() throws Exception {
        AlgorithmCase waiting = waitingForSupervisor("owner-zoetermeer", "privacy-zoetermeer");
        Document before = page("/staff/cases/" + waiting.getId() + "/reports/dpia", "owner-zoetermeer").assertStatus(200).document();
        assertThat(before.selectFirst(".report-prior-consultation").text()).contains("moest vooraf worden geraadpleegd", "nog niet vastgelegd");

        String advice = "De AP adviseert extra waarborgen (kenmerk z2026-07).";
        supervisorAdvice.record(staff("privacy-zoetermeer"), waiting.getId(), advice);
        Document after = page("/staff/cases/" + waiting.getId() + "/reports/dpia", "publisher-zoetermeer").assertStatus(200).document();
        assertThat(after.selectFirst(".report-supervisor-advice").text()).isEqualTo(advice);
        assertThat(after.selectFirst(".report-prior-consultation .hint").text()).contains("Pieter Smit");
    }

    @Test
    void anIamaRecordedLikeTheDpiaRendersFromItsOwnDefinitionWithTheFriaQuestionsMarked() throws Exception {
        AlgorithmCase c = draft("owner-nissewaard", complete(unique("Rapport IAMA")));
        AssessmentDefinition iama = definitions.current("urn:nl:transparantiama").orElseThrow();
        Map<String, Object> right = Map.of("answers", Map.of("4.2.1", iama.task("4.2.1").orElseThrow().options().get(0).value(),
                "4.2.2", "Mensen kunnen onterecht worden uitgesloten."));
        record(c.getId(), "iama", iama, Map.of("answers", Map.of("1.1", "Sneller en eerlijker beslissen.", "2.5", "Toewijzen van hulp."),
                "groups", Map.of("4.2", List.of(right))), Map.of("verdicts", List.of(), "scores", Map.of()));

        Document page = page("/staff/cases/" + c.getId() + "/reports/iama?lang=en", "owner-nissewaard").assertStatus(200).document();
        assertWellFormedPage(page);
        assertThat(page.selectFirst("h1").text()).startsWith("IAMA (fundamental rights and algorithms impact assessment)");
        assertThat(answer(page, "1.1")).isEqualTo("Sneller en eerlijker beslissen.");
        assertThat(page.selectFirst("[data-task=2.5] .report-fria").text()).isEqualTo("FRIA (AI Act Art. 27)");
        assertThat(page.selectFirst("[data-task=4.2]").text()).contains("Mensen kunnen onterecht worden uitgesloten.");
    }

    @Test
    void scriptInRecordedAnswersIsTextOnThePageAndInThePdf() throws Exception {
        AlgorithmCase c = draft("owner-zoetermeer", complete(unique("Rapport met script")));
        AssessmentDefinition dpia = definitions.current("urn:nl:transparantdpia").orElseThrow();
        String script = "<script>alert('x')</script>";
        Map<String, Object> risk = new LinkedHashMap<>();
        risk.put("3.1.1", "Risico " + script);
        risk.put("3.1.5", "hoog");
        risk.put("3.1.6", "hoog");
        record(c.getId(), "dpia", dpia, Map.of("answers", Map.of("1.1", "Beschrijving " + script + " <img src=x onerror=alert(1)>"),
                "groups", Map.of("3.1", List.of(Map.of("answers", risk)))), Map.of("verdicts", List.of(), "scores", Map.of()));

        Page shown = page("/staff/cases/" + c.getId() + "/reports/dpia", "auditor-regional").assertStatus(200);
        assertWellFormedPage(shown.document());
        assertThat(shown.document().select("script:not([src=/js/error-summary.js]), img")).isEmpty();
        assertThat(shown.html()).contains("&lt;script&gt;alert(").doesNotContain(script);
        assertThat(answer(shown.document(), "1.1")).isEqualTo("Beschrijving " + script + " <img src=x onerror=alert(1)>");

        byte[] bytes = page("/staff/cases/" + c.getId() + "/reports/dpia/pdf", "auditor-regional").assertStatus(200)
                .result().getResponse().getContentAsByteArray();
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            assertThat(text(pdf)).contains("Beschrijving " + script, "Risico: Risico " + script);
            assertThat(pdf.getDocumentCatalog().getOpenAction()).isNull();
            assertThat(pdf.getDocumentCatalog().getNames() == null || pdf.getDocumentCatalog().getNames().getJavaScript() == null)
                    .as("no JavaScript in the PDF").isTrue();
            assertThat(pdf.getDocumentCatalog().getAcroForm()).isNull();
        }
    }

    @Test
    void aCaseWithoutThatReportOrOfAnotherOrganisationIsNotFound() throws Exception {
        AlgorithmCase preScan = awaitingRelease("owner-zoetermeer", complete(unique("Rapport niet gevonden")));
        page("/staff/cases/" + preScan.getId() + "/reports/dpia", "owner-zoetermeer").assertStatus(404);
        page("/staff/cases/" + preScan.getId() + "/reports/pre-scan", "owner-nissewaard").assertStatus(404);
        page("/staff/cases/" + preScan.getId() + "/reports/pre-scan/pdf", "owner-nissewaard").assertStatus(404);
        page("/staff/cases/no-such-case/reports/pre-scan", "auditor-regional").assertStatus(404);
        Document notFound = page("/staff/cases/" + preScan.getId() + "/reports/nothing", "auditor-regional").assertStatus(404).document();
        assertWellFormedPage(notFound);
    }

    private AlgorithmCase withDpia(String owner, String name, Map<String, Object> answers) {
        AlgorithmCase created = draft(owner, complete(unique(name)));
        cases.submit(staff(owner), created.getId());
        completeTask(owner, created.getId(), "answerPreScan", new TaskCompletion(null, null, PreScanAnswers.of("personalData", "largeScale",
                "matchingDatasets")));
        completeTask(owner, created.getId(), "fillInDpia", new TaskCompletion(null, null, answers));
        return created;
    }

    /** A DPIA with two risks, DPO advice not followed, views sought, and answers to questions that their conditions hide. */
    private static Map<String, Object> dpiaAnswers(String firstRisk) {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("1.1", "Het systeem combineert meldingen met de eigen registratie.");
        answers.put("1.2", "Eerder hulp bieden.");
        answers.put("1.3", "public_task");
        answers.put("1.9", false);
        answers.put("1.10", "Naar Zwitserland, op grond van een adequaatheidsbesluit.");
        answers.put("4.3", "midden");
        answers.put("5.1", "2026-10-01");
        answers.put("5.2", ADVICE);
        answers.put("5.3", false);
        answers.put("5.4", "Het advies past niet bij de wettelijke taak.");
        answers.put("6.1", true);
        answers.put("6.2", "De cliëntenraad, in een bijeenkomst.");
        answers.put("6.3", "Verwerkt in de uitleg aan betrokkenen.");
        answers.put("6.4", HIDDEN);
        answers.put("7.2", "2027-03-01");
        // the remaining required questions, answered plainly
        answers.put("1.5", "Meldingen en registratiegegevens.");
        answers.put("1.6", "Inwoners met een melding.");
        answers.put("1.8", "Twee jaar.");
        answers.put("2.1", "Nodig voor het doel.");
        answers.put("2.2", "In verhouding tot het doel.");
        answers.put("2.3", "Geen minder ingrijpende manier.");
        answers.put("2.4", "Alleen wat nodig is.");
        answers.put("2.6", "Via het contactformulier.");
        answers.put("4.1", "Toegangsbeheer.");
        answers.put("7.1", List.of("periodic"));
        answers.put("7.3", "De privacy officer");
        Map<String, Object> risk = new LinkedHashMap<>();
        risk.put("3.1.1", firstRisk);
        risk.put("3.1.2", "Iemand wordt ten onrechte als risico aangemerkt.");
        risk.put("3.1.3", "function_creep");
        risk.put("3.1.4", List.of("privacy"));
        risk.put("3.1.5", "hoog");
        risk.put("3.1.6", "hoog");
        risk.put("3.1.8", "midden");
        risk.put("3.1.9", "midden");
        risk.put("3.1.10", "Aanvaard door de directie.");
        List<Map<String, Object>> measures = List.of(
                Map.of("answers", Map.of("3.1.7.1", "Handmatige toets van elk signaal", "3.1.7.2", "Teamleider handhaving",
                        "3.1.7.3", "2027-02-01", "3.1.7.4", "in_progress")),
                Map.of("answers", Map.of("3.1.7.1", "Uitleg aan betrokkenen", "3.1.7.2", "Communicatie", "3.1.7.3", "2027-04-01",
                        "3.1.7.4", "planned")));
        Map<String, Object> second = Map.of("3.1.1", "Gegevens lekken", "3.1.2", "Een lek bij een leverancier.", "3.1.3", "unauthorised_access",
                "3.1.4", List.of("privacy"), "3.1.5", "midden", "3.1.6", "hoog", "3.1.8", "laag", "3.1.9", "hoog", "3.1.10",
                "Aanvaard door de directie.");
        return Map.of("answers", answers, "groups", Map.of("3.1", List.of(
                Map.of("answers", risk, "groups", Map.of("3.1.7", measures)), Map.of("answers", second))));
    }

    /** A record as the screening module writes one, for answers no form would let through. */
    private void record(String caseId, String kind, AssessmentDefinition definition, Object answers, Object outcome) throws IOException {
        String answersJson = JSON.writeValueAsString(answers);
        String outcomeJson = JSON.writeValueAsString(outcome);
        inTransaction(() -> jdbc.update("INSERT INTO screening_record (case_id, kind, definition_urn, definition_version, definition_sha256, "
                        + "answers, outcome, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                caseId, kind, definition.urn(), definition.version(), definition.id().sha256(), answersJson, outcomeJson, "owner-test",
                Timestamp.from(Instant.now())));
    }

    private static String question(Document page, String taskId) {
        return page.selectFirst(".report-qa[data-task=" + taskId + "] dt > span").text();
    }

    private static String answer(Document page, String taskId) {
        return page.selectFirst(".report-qa[data-task=" + taskId + "] dd").text();
    }

    /** The text of every page, with white space as single spaces and words joined again where a line broke after a hyphen. */
    private static String text(PDDocument pdf) throws IOException {
        return new PDFTextStripper().getText(pdf).replaceAll("-\\R", "-").replaceAll("\\s+", " ");
    }
}
