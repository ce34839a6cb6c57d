package nl.transparant.cases;

import static nl.transparant.site.PageChecks.assertWellFormedPage;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nl.transparant.assessment.AssessmentDefinition;
import nl.transparant.assessment.AssessmentDefinition.Task;
import nl.transparant.assessment.AssessmentDefinitions;
import nl.transparant.screening.DpiaAnswers;
import nl.transparant.screening.PreScanAnswers;
import nl.transparant.screening.ScreeningRecord;
import nl.transparant.screening.Screenings;
import nl.transparant.site.PageTestSupport;
import nl.transparant.workflow.review.ReviewTask;
import nl.transparant.workflow.review.TaskCompletion;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The DPIA in the browser: the owner answers it with its risk register, and a high residual risk waits for the supervisor. */
class DpiaPagesTest extends PageTestSupport {

    private static final String RISKS = "3.1";
    private static final String MEASURES = "3.1.7";

    @Autowired
    AssessmentDefinitions definitions;
    @Autowired
    Screenings screenings;

    @Test
    void theDpiaFormShowsEveryTaskWithSlotsForRisksAndTheirMeasuresInDutchAndEnglish() throws Exception {
        AlgorithmCase created = atDpia("owner-bar", "Jeugdzorg toewijzen");
        ReviewTask dpia = task("owner-bar", created.getId(), "fillInDpia");
        String prefix = "task-" + dpia.id() + "-answers-";
        AssessmentDefinition definition = definitions.current("urn:nl:transparantdpia").orElseThrow();

        Document dutch = page("/staff/cases/" + created.getId(), "owner-bar").assertStatus(200).document();
        Document english = page("/staff/cases/" + created.getId() + "?lang=en", "owner-bar").assertStatus(200).document();
        for (Document page : List.of(dutch, english)) {
            assertWellFormedPage(page);
            assertThat(page.select("script[src=/js/questionnaire.js]")).hasSize(1);
            assertThat(page.select("script:not([src])")).as("no inline script").isEmpty();
        }
        assertThat(dutch.selectFirst("#task-" + dpia.id()).text()).isEqualTo("DPIA invullen");

        for (Task t : definition.allTasks()) {
            String id = prefix + idOf(definition, t);
            assertThat(dutch.getElementById(id)).as("task %s on the form", t.id()).isNotNull();
            assertThat(questionText(dutch, id)).as("Dutch text of task %s", t.id()).contains(t.title());
            assertThat(questionText(english, id)).as("English text of task %s", t.id()).contains(t.translations().get("task_en"));
        }

        // three empty risks, each with two empty measures, named by group, instance and task
        Element register = dutch.getElementById(prefix + "groups-3-1");
        assertThat(register.select("> section[data-instance]")).hasSize(3);
        assertThat(register.select("> section[data-instance] > h6").eachText()).containsExactly("Risico 1", "Risico 2", "Risico 3");
        assertThat(english.getElementById(prefix + "groups-3-1").select("> section[data-instance] > h6").eachText())
                .containsExactly("Risk 1", "Risk 2", "Risk 3");
        for (int risk = 0; risk < 3; risk++) {
            Element measures = dutch.getElementById(prefix + "groups-3-1-" + risk + "-groups-3-1-7");
            assertThat(measures.select("> section[data-instance]")).as("measures of risk %s", risk).hasSize(2);
            assertThat(dutch.select("input[type=radio][name=\"dpia[3.1][" + risk + "][3.1.8]\"]").eachAttr("value"))
                    .containsExactly("laag", "midden", "hoog");
            assertThat(dutch.select("select[name=\"dpia[3.1][" + risk + "][3.1.7][1][3.1.7.4]\"] option").eachAttr("value"))
                    .containsExactly("", "planned", "in_progress", "done", "dropped");
        }
        assertThat(register.attr("data-repeat-name")).isEqualTo("dpia[3.1]");
        assertThat(register.attr("data-repeat-add")).isEqualTo("Nog een risico toevoegen");
        assertThat(english.getElementById(prefix + "groups-3-1").attr("data-repeat-add")).isEqualTo("Add another risk");
        assertThat(register.selectFirst(".hint").text()).contains("Lege blokken tellen niet mee.");
        assertThat(dutch.selectFirst("select[name=\"dpia[1.3]\"] option[value=public_task]").text())
                .isEqualTo("Taak van algemeen belang of openbaar gezag (e)");
        assertThat(english.selectFirst("select[name=\"dpia[1.3]\"] option[value=public_task]").text())
                .isEqualTo("Public task or official authority (e)");
        assertThat(dutch.getElementById(prefix + "answers-1-10").parent().attr("data-conditions"))
                .isEqualTo("[{\"name\":\"dpia[1.9]\",\"operator\":\"equals\",\"value\":\"true\",\"show\":true}]");
        assertThat(dutch.selectFirst("form[action$=/tasks/" + dpia.id() + "] button[type=submit]").text()).isEqualTo("Antwoorden versturen");
    }

    @Test
    void aDpiaHandedInThroughTheFormWithTwoRisksRoutesTheCaseAndRecordsBoth() throws Exception {
        AlgorithmCase created = atDpia("owner-bar", "Schuldhulp signaleren");
        ReviewTask dpia = task("owner-bar", created.getId(), "fillInDpia");

        // the second risk in the third slot: the empty slot between is no risk
        Page done = page(risk(risk(dpiaBasics(form("/staff/cases/" + created.getId() + "/tasks/" + dpia.id(), "owner-bar")),
                0, "Onjuiste signalen", "midden", "midden")
                .param("dpia[3.1][0][3.1.7][0][3.1.7.1]", "Een medewerker controleert elk signaal.")
                .param("dpia[3.1][0][3.1.7][0][3.1.7.2]", "Team schuldhulp")
                .param("dpia[1.5]", "Naam, adres en schulden.")
                .param("dpia[3.1][0][3.1.7][0][3.1.7.3]", "2026-06-01")
                .param("dpia[3.1][0][3.1.7][0][3.1.7.4]", "done")
                .param("dpia[3.1][0][3.1.7][1][3.1.7.1]", "")
                .param("dpia[3.1][1][3.1.1]", "")
                .param("dpia[3.1][1][3.1.7][0][3.1.7.4]", ""),
                2, "Gegevens lekken", "laag", "hoog")
                .param("rationale", ""));

        done.assertStatus(302);
        assertThat(cases.read(staff("owner-bar"), created.getId()).getStage()).isEqualTo(CaseStage.DPIA_REVIEW);
        ScreeningRecord recorded = screenings.all(created.getId()).stream().filter(r -> r.getKind().equals("dpia")).findFirst().orElseThrow();
        assertThat(recorded.getAnswers()).contains("\"3.1.1\":\"Onjuiste signalen\"", "\"3.1.1\":\"Gegevens lekken\"",
                "\"1.9\":false", "\"3.1.4\":[\"privacy\",\"non_discrimination\"]", "\"3.1.7.4\":\"done\"");
        assertThat(recorded.getOutcome()).contains("\"riskLevelsAfterMeasures\":[\"midden\",\"laag\"]", "\"priorConsultationRequired\":false");

        AssessmentDefinition definition = definitions.current("urn:nl:transparantdpia").orElseThrow();
        Document page = page("/staff/cases/" + created.getId(), "owner-bar").assertStatus(200).document();
        assertWellFormedPage(page);
        assertThat(page.selectFirst("h2#dpia-outcome").text()).isEqualTo("Uitkomst van de DPIA");
        assertThat(page.selectFirst(".dpia-outcome__residual").text()).isEqualTo("Midden");
        assertThat(page.selectFirst(".dpia-outcome__prior-consultation").text()).isEqualTo("Nee");
        assertThat(page.select(".dpia-outcome__risks tbody tr").eachText())
                .containsExactly("1. Onjuiste signalen Midden", "2. Gegevens lekken Laag");
        assertThat(page.selectFirst(".dpia-outcome__definition").text()).isEqualTo("urn:nl:transparantdpia, versie "
                + definition.version() + " (sha256 " + definition.id().sha256().substring(0, 12) + ")");
        Document english = page("/staff/cases/" + created.getId() + "?lang=en", "owner-bar").assertStatus(200).document();
        assertThat(english.selectFirst(".dpia-outcome__residual").text()).isEqualTo("Medium");
        assertThat(english.select(".dpia-outcome__risks tbody tr").eachText())
                .containsExactly("1. Onjuiste signalen Medium", "2. Gegevens lekken Low");
    }

    @Test
    void aHighResidualRiskWaitsForTheSupervisorsAdviceThatThePrivacyOfficerRecordsOnThePage() throws Exception {
        AlgorithmCase created = atDpia("owner-zoetermeer", "Fraude voorspellen");
        ReviewTask dpia = task("owner-zoetermeer", created.getId(), "fillInDpia");
        page(risk(dpiaBasics(form("/staff/cases/" + created.getId() + "/tasks/" + dpia.id(), "owner-zoetermeer"))
                .param("dpia[1.5]", "Naam en adres."),
                0, "Onterechte verdenking", "hoog", "hoog")).assertStatus(302);
        completeTask("privacy-zoetermeer", created.getId(), "reviewDpia", new TaskCompletion("approve", "Restrisico hoog: raadplegen.", null));
        assertThat(cases.read(staff("owner-zoetermeer"), created.getId()).getStage()).isEqualTo(CaseStage.PRIOR_CONSULTATION);

        // the request is a note task of the privacy officer
        ReviewTask request = task("privacy-zoetermeer", created.getId(), "requestPriorConsultation");
        Document withTask = page("/staff/cases/" + created.getId(), "privacy-zoetermeer").assertStatus(200).document();
        assertWellFormedPage(withTask);
        assertThat(withTask.selectFirst("#task-" + request.id()).text()).isEqualTo("Voorafgaande raadpleging aanvragen");
        assertThat(withTask.selectFirst(".dpia-outcome__prior-consultation").text()).isEqualTo("Ja, verplicht (AVG artikel 36)");
        assertThat(withTask.select("form[action$=/supervisor-advice]")).as("no advice before the request").isEmpty();
        page(form("/staff/cases/" + created.getId() + "/tasks/" + request.id(), "privacy-zoetermeer")
                .param("rationale", "DPIA op 3 maart voorgelegd aan de AP.")).assertStatus(302);

        String action = "/staff/cases/" + created.getId() + "/supervisor-advice";
        Document waiting = page("/staff/cases/" + created.getId(), "owner-zoetermeer").assertStatus(200).document();
        assertWellFormedPage(waiting);
        assertThat(waiting.select("form[action=" + action + "]")).isEmpty();
        assertThat(waiting.selectFirst(".supervisor-advice").text()).contains("Deze taak ligt bij: Privacy officer.");
        Document officer = page("/staff/cases/" + created.getId() + "?lang=en", "privacy-zoetermeer").assertStatus(200).document();
        assertWellFormedPage(officer);
        assertThat(officer.selectFirst("form[action=" + action + "] label[for=supervisor-advice]").text()).isEqualTo("Advice of the supervisor");

        String advice = "De AP adviseert aanvullende waarborgen (brief van 28 april, kenmerk z2026-01).";
        Page empty = page(form(action, "privacy-zoetermeer").param("advice", "  "));
        empty.assertStatus(400);
        assertWellFormedPage(empty.document());
        assertThat(empty.document().select(".error-summary a").eachAttr("href")).containsExactly("#supervisor-advice");
        assertThat(empty.document().selectFirst("textarea#supervisor-advice").attr("aria-describedby"))
                .isEqualTo("supervisor-advice-hint supervisor-advice-error");
        Page markup = page(form(action, "privacy-zoetermeer").param("advice", advice + " <b>let op</b>"));
        markup.assertStatus(400);
        assertThat(markup.document().selectFirst("textarea#supervisor-advice").val()).isEqualTo(advice + " <b>let op</b>");
        assertThat(markup.document().select("b")).isEmpty();
        page(form(action, "owner-zoetermeer").param("advice", advice)).assertStatus(403);
        page(form(action, "privacy-nissewaard").param("advice", advice)).assertStatus(404);
        assertThat(cases.read(staff("owner-zoetermeer"), created.getId()).getStage()).isEqualTo(CaseStage.PRIOR_CONSULTATION);

        Page recorded = page(form(action, "privacy-zoetermeer").param("advice", advice));
        recorded.assertStatus(302);
        assertThat(recorded.redirectedTo()).isEqualTo("/staff/cases/" + created.getId());
        assertThat(cases.read(staff("owner-zoetermeer"), created.getId()).getStage()).isEqualTo(CaseStage.PUBLICATION_REVIEW);
        Document after = page("/staff/cases/" + created.getId(), "owner-zoetermeer").assertStatus(200).document();
        assertThat(after.select(".supervisor-advice")).isEmpty();
        assertThat(after.select("table tbody tr").last().text()).contains("Advies van de toezichthouder vastgelegd", "Vastgelegd", advice);
        Page again = page(form(action, "privacy-zoetermeer").param("advice", advice));
        again.assertStatus(409);
        assertWellFormedPage(again.document());
    }

    @Test
    void refusedDpiaAnswersShowAtTheirQuestionAndRiskWithEverythingKept() throws Exception {
        AlgorithmCase created = atDpia("owner-bar", "Wachtlijsten ordenen");
        ReviewTask dpia = task("owner-bar", created.getId(), "fillInDpia");
        String action = "/staff/cases/" + created.getId() + "/tasks/" + dpia.id();
        String prefix = "task-" + dpia.id() + "-answers-";

        Page refused = page(dpiaBasics(form(action, "owner-bar"))
                .param("dpia[1.5]", "BSN en <b>adres</b>")
                .param("dpia[3.1][1][3.1.1]", "Verkeerde volgorde")
                .param("dpia[3.1][1][3.1.5]", "hoog")
                .param("dpia[3.1][1][3.1.7][1][3.1.7.1]", "Steekproef per week")
                .param("rationale", "Eerste versie"));

        refused.assertStatus(400);
        Document page = refused.document();
        assertWellFormedPage(page);
        // the risk moved up to the first slot, as the service numbers it
        String risk = prefix + "groups-3-1-0";
        String question = prefix + "answers-1-5";
        assertThat(page.select(".error-summary a").eachAttr("href")).contains("#" + risk, "#" + question);
        assertThat(page.selectFirst(".error-summary a[href=#" + risk + "]").text()).startsWith("Risico 1:");
        assertThat(page.selectFirst(".error-summary a[href=#" + question + "]").text()).startsWith("Vraag 1.5: Categorie\u00ebn persoonsgegevens");
        assertThat(page.getElementById(risk + "-error").text()).contains("3.1.8", "3.1.9");
        assertThat(page.getElementById(question).attr("aria-describedby")).contains(question + "-error");
        assertThat(page.getElementById(question).attr("aria-invalid")).isEqualTo("true");

        assertThat(page.selectFirst("textarea[name=\"dpia[1.5]\"]").val()).isEqualTo("BSN en <b>adres</b>");
        assertThat(page.select("b")).isEmpty();
        assertThat(page.selectFirst("input[name=\"dpia[3.1][0][3.1.1]\"]").val()).isEqualTo("Verkeerde volgorde");
        assertThat(page.selectFirst("input[name=\"dpia[3.1][0][3.1.5]\"][value=hoog]").hasAttr("checked")).isTrue();
        assertThat(page.selectFirst("textarea[name=\"dpia[3.1][0][3.1.7][0][3.1.7.1]\"]").val()).isEqualTo("Steekproef per week");
        assertThat(page.selectFirst("select[name=\"dpia[1.3]\"] option[selected]").val()).isEqualTo("public_task");
        assertThat(page.selectFirst("input[name=\"dpia[1.9]\"][value=false]").hasAttr("checked")).isTrue();
        assertThat(page.selectFirst("textarea[name=rationale]").val()).isEqualTo("Eerste versie");
        assertThat(page.getElementById(prefix + "groups-3-1").select("> section[data-instance]")).hasSize(3);

        // no risk at all: the problem shows at the register
        Page noRisk = page(dpiaBasics(form(action, "owner-bar")));
        noRisk.assertStatus(400);
        assertThat(noRisk.document().select(".error-summary a").eachAttr("href")).contains("#" + prefix + "groups-3-1");
        assertThat(noRisk.document().getElementById(prefix + "groups-3-1-error")).isNotNull();
        assertThat(cases.read(staff("owner-bar"), created.getId()).getStage()).isEqualTo(CaseStage.DPIA);
    }

    @Test
    void aDpiaCompletedThroughTheServiceShowsItsOutcome() throws Exception {
        AlgorithmCase created = atDpia("owner-capelle", "Subsidies verdelen");
        completeTask("owner-capelle", created.getId(), "fillInDpia", new TaskCompletion(null, null, DpiaAnswers.lowResidualRisk()));
        Document page = page("/staff/cases/" + created.getId(), "owner-capelle").assertStatus(200).document();
        assertWellFormedPage(page);
        assertThat(page.select(".dpia-outcome__risks tbody tr").eachText()).containsExactly("1. Onterecht gebruik van gegevens Laag");
    }

    /** Submitted, and past a pre-scan whose answers make a DPIA required (and no ethics review). */
    private AlgorithmCase atDpia(String owner, String name) {
        AlgorithmCase created = draft(owner, complete(unique(name)));
        cases.submit(staff(owner), created.getId());
        completeTask(owner, created.getId(), "answerPreScan", new TaskCompletion(null, null, PreScanAnswers.of("personalData", "largeScale",
                "matchingDatasets")));
        assertThat(cases.read(staff(owner), created.getId()).getStage()).isEqualTo(CaseStage.DPIA);
        return created;
    }

    /** The answers outside the risk register, as the form posts them. */
    private static MockHttpServletRequestBuilder dpiaBasics(MockHttpServletRequestBuilder request) {
        return request
                .param("dpia[1.1]", "Het systeem combineert gegevens uit de eigen registratie.")
                .param("dpia[1.2]", "Hulp eerder aanbieden.")
                .param("dpia[1.3]", "public_task")
                .param("dpia[1.9]", "false")
                .param("dpia[1.10]", "")
                .param("dpia[1.6]", "Inwoners met betalingsachterstanden, ongeveer 800.")
                .param("dpia[1.8]", "Een jaar na het laatste contact.")
                .param("dpia[2.1]", "Het doel is zonder deze verwerking niet goed te halen.")
                .param("dpia[2.2]", "De inbreuk is beperkt.")
                .param("dpia[2.3]", "Er is geen minder ingrijpende manier.")
                .param("dpia[2.4]", "Alleen de nodige gegevens.")
                .param("dpia[2.6]", "Inzage via het contactformulier.")
                .param("dpia[4.1]", "Toegangsbeheer en controle van elk signaal.")
                .param("dpia[4.3]", "laag")
                .param("dpia[5.1]", "2026-03-01")
                .param("dpia[5.2]", "De FG adviseert elk signaal door een medewerker te laten beoordelen.")
                .param("dpia[5.3]", "true")
                .param("dpia[6.1]", "false")
                .param("dpia[6.4]", "De zienswijze volgt bij de evaluatie.")
                .param("dpia[7.1]", "periodic")
                .param("dpia[7.2]", "2027-03-01")
                .param("dpia[7.3]", "De privacy officer");
    }

    /** One risk in slot {@code slot}, with its likelihood and impact after measures. */
    private static MockHttpServletRequestBuilder risk(MockHttpServletRequestBuilder request, int slot, String name,
            String likelihoodAfter, String impactAfter) {
        String risk = "dpia[3.1][" + slot + "]";
        return request
                .param(risk + "[3.1.1]", name)
                .param(risk + "[3.1.2]", "Wat er mis kan gaan bij " + name.toLowerCase() + ".")
                .param(risk + "[3.1.3]", "inaccurate_data")
                .param(risk + "[3.1.4]", "privacy", "non_discrimination")
                .param(risk + "[3.1.5]", "hoog")
                .param(risk + "[3.1.6]", "hoog")
                .param(risk + "[3.1.8]", likelihoodAfter)
                .param(risk + "[3.1.9]", impactAfter)
                .param(risk + "[3.1.10]", "Aanvaard door de directie.");
    }

    /** The input id of a task in the first slot of every repeatable group it is in. */
    private static String idOf(AssessmentDefinition definition, Task task) {
        if (task.id().equals(RISKS)) {
            return "groups-3-1";
        }
        if (task.id().equals(MEASURES)) {
            return "groups-3-1-0-groups-3-1-7";
        }
        String own = task.id().replace(".", "-");
        if (task.id().startsWith(MEASURES + ".")) {
            return "groups-3-1-0-groups-3-1-7-0-answers-" + own;
        }
        if (task.id().startsWith(RISKS + ".")) {
            return "groups-3-1-0-answers-" + own;
        }
        return "answers-" + own;
    }

    /** The text a person reads for a task: the heading of a group, the legend or label of a question, or the informational text. */
    private static String questionText(Document page, String id) {
        Element element = page.getElementById(id);
        if (element.tagName().equals("section")) {
            return element.selectFirst("h4, h5, h6").text();
        }
        Element fieldset = element.closest("fieldset.question");
        if (fieldset != null) {
            return fieldset.selectFirst("legend").text();
        }
        Element label = page.selectFirst("label[for=" + id + "]");
        return label != null ? label.text() : element.text();
    }
}
