package nl.transparant.screening;

import static nl.transparant.site.PageChecks.assertWellFormedPage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.CaseStage;
import nl.transparant.site.PageTestSupport;
import nl.transparant.workflow.review.ReviewTask;
import nl.transparant.workflow.review.TaskCompletion;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Required questions are enforced when a questionnaire task is completed (a visible one left empty is a 400 naming
 * it; a hidden one never counts; nothing is recorded), and partial answers can be saved as a draft, through the API
 * and the form page, without completing the task.
 */
class RequiredAnswersAndDraftsTest extends PageTestSupport {

    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    Screenings screenings;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Autowired
    org.camunda.bpm.engine.TaskService taskService;

    @Test
    void aPreScanWithRequiredQuestionsLeftEmptyIsRefusedNamingEachAndNothingIsRecorded() throws Exception {
        AlgorithmCase c = submitted("owner-zoetermeer", "Verplichte vragen pre-scan");
        Map<String, Object> answers = PreScanAnswers.of();
        Map<String, Object> preScan = new LinkedHashMap<>(cast(answers.get("prescan")));
        preScan.remove("0.2");
        preScan.remove("5.5");
        answers = new LinkedHashMap<>(answers);
        answers.put("prescan", preScan);

        MockHttpServletResponse refused = completeOverApi("owner-zoetermeer", task("owner-zoetermeer", c.getId(), "answerPreScan").id(),
                answers);

        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(fields(refused)).containsExactly("answers.prescan.0.2", "answers.prescan.5.5");
        assertThat(detail(refused)).isEqualTo("De antwoorden van de pre-scan zijn niet volledig of niet geldig.");
        MockHttpServletResponse inEnglish = mvc.perform(post("/api/tasks/" + task("owner-zoetermeer", c.getId(), "answerPreScan").id()
                + "/complete").with(authentication(as("owner-zoetermeer"))).header(HttpHeaders.ACCEPT_LANGUAGE, "en")
                .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(Map.of("answers", answers))))
                .andReturn().getResponse();
        assertThat(detail(inEnglish)).isEqualTo("The pre-scan answers are not complete or not valid.");
        assertThat(fields(refused)).as("2.1 is hidden: no personal data").doesNotContain("answers.prescan.2.1");
        assertThat(screenings.all(c.getId())).isEmpty();
        assertThat(cases.read(staff("owner-zoetermeer"), c.getId()).getStage()).isEqualTo(CaseStage.PRE_SCAN);
    }

    @Test
    void aDpiaNeedsItsVisibleRequiredAnswersInEveryRiskAndMeasureButNotTheHiddenOnes() throws Exception {
        AlgorithmCase c = submitted("owner-zoetermeer", "Verplichte vragen DPIA");
        completeTask("owner-zoetermeer", c.getId(), "answerPreScan",
                new TaskCompletion(null, null, PreScanAnswers.of("personalData", "largeScale", "matchingDatasets")));
        String task = task("owner-zoetermeer", c.getId(), "fillInDpia").id();
        Map<String, Object> dpia = DpiaAnswers.lowResidualRisk();
        Map<String, Object> answers = new LinkedHashMap<>(cast(dpia.get("answers")));
        answers.put("5.3", false); // the DPO's advice not followed: why not (5.4) becomes required
        answers.remove("7.3");
        Map<String, Object> risk = cast(((List<?>) cast(dpia.get("groups")).get("3.1")).get(0));
        Map<String, Object> measure = new LinkedHashMap<>(cast(cast(((List<?>) cast(risk.get("groups")).get("3.1.7")).get(0)).get("answers")));
        measure.remove("3.1.7.3");
        Map<String, Object> incomplete = Map.of("answers", answers, "groups", Map.of("3.1", List.of(Map.of(
                "answers", risk.get("answers"), "groups", Map.of("3.1.7", List.of(Map.of("answers", measure)))))));

        MockHttpServletResponse refused = completeOverApi("owner-zoetermeer", task, incomplete);

        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(fields(refused)).containsExactlyInAnyOrder("answers.answers.5.4", "answers.answers.7.3",
                "answers.groups.3.1[0].groups.3.1.7[0].answers.3.1.7.3");
        assertThat(fields(refused)).as("6.2 and 6.3 are hidden: data subjects were not asked").doesNotContain("answers.answers.6.2");
        assertThat(detail(refused)).isEqualTo("De DPIA is niet volledig of niet geldig.");
        assertThat(screenings.all(c.getId())).extracting(ScreeningRecord::getKind).containsExactly("pre-scan");

        assertThat(completeOverApi("owner-zoetermeer", task, dpia).getStatus()).isEqualTo(200);
        assertThat(cases.read(staff("owner-zoetermeer"), c.getId()).getStage()).isEqualTo(CaseStage.DPIA_REVIEW);
    }

    @Test
    void theIamaIsRecordedWithItsDefinitionAndAProhibitedPracticeInItStopsTheCase() throws Exception {
        AlgorithmCase proceeding = atIama("Grondrechten toetsen");
        String task = task("owner-zoetermeer", proceeding.getId(), "fillInIama").id();
        MockHttpServletResponse refused = completeOverApi("owner-zoetermeer", task, IamaAnswers.without("1.1", "4.4.4"));
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(fields(refused)).containsExactlyInAnyOrder("answers.answers.1.1", "answers.answers.4.4.4");
        assertThat(detail(refused)).isEqualTo("Het IAMA is niet volledig of niet geldig.");

        assertThat(completeOverApi("owner-zoetermeer", task, IamaAnswers.proceeding()).getStatus()).isEqualTo(200);
        assertThat(cases.read(staff("owner-zoetermeer"), proceeding.getId()).getStage()).isEqualTo(CaseStage.ETHICS_REVIEW);
        ScreeningRecord iama = screenings.latest(proceeding.getId(), "iama").orElseThrow();
        assertThat(iama.getDefinitionUrn()).isEqualTo("urn:nl:transparantiama");
        assertThat(iama.getDefinitionSha256()).hasSize(64);
        assertThat(iama.getOutcome()).contains("\"stop\":false", "\"fundamentalRightsRisk\":\"laag\"");
        assertThat(page("/staff/cases/" + proceeding.getId(), "owner-zoetermeer").document().select(".iama-outcome__stop").text())
                .isEqualTo("Geen reden om te stoppen");

        AlgorithmCase prohibited = atIama("Verboden praktijk in de IAMA");
        completeTask("owner-zoetermeer", prohibited.getId(), "fillInIama", new TaskCompletion(null, null, IamaAnswers.prohibitedPractice()));
        AlgorithmCase stopped = cases.read(staff("owner-zoetermeer"), prohibited.getId());
        assertThat(stopped.getStage()).isEqualTo(CaseStage.STOPPED);
        assertThat(stopped.getClosingReason()).contains("IAMA", "verboden AI-praktijk");
    }

    /**
     * "Tussentijds opslaan" kept the answers but dropped the note typed in the same form (outside tester): the note is
     * kept with the draft, through the form and the API, and comes back in the form; markup or an overlong note is a
     * 400 like a completion's, and leaves the saved draft as it was.
     */
    @Test
    void theNoteTypedBesideTheAnswersIsKeptWithTheDraft() throws Exception {
        AlgorithmCase c = atIama("Concept met toelichting");
        String task = task("owner-zoetermeer", c.getId(), "fillInIama").id();
        String note = "Nog navragen bij de afdeling Burgerzaken.\nTweede regel, " + "x".repeat(4_500);
        page(form("/staff/cases/" + c.getId() + "/tasks/" + task, "owner-zoetermeer")
                .param("iama[1.1]", "Eerlijker beslissen.").param("rationale", note).param("action", "draft")).assertStatus(302);
        Page shown = page("/staff/cases/" + c.getId(), "owner-zoetermeer").assertStatus(200);
        assertThat(shown.document().selectFirst("textarea[name=rationale]").val()).isEqualTo(note);
        assertThat(shown.document().selectFirst("textarea[name=\"iama[1.1]\"]").val()).isEqualTo("Eerlijker beslissen.");

        JsonNode read = JSON.readTree(mvc.perform(get("/api/tasks/" + task + "/draft").with(authentication(as("owner-zoetermeer"))))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(read.get("rationale").asText()).isEqualTo(note);

        for (String refused : List.of("<b>vet</b>", "y".repeat(nl.transparant.workflow.review.ReviewProcess.MAX_RATIONALE + 1))) {
            MockHttpServletResponse bad = mvc.perform(put("/api/tasks/" + task + "/draft").with(authentication(as("owner-zoetermeer")))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(JSON.writeValueAsString(Map.of("answers", Map.of("answers", Map.of("1.1", "Anders.")), "rationale", refused))))
                    .andReturn().getResponse();
            assertThat(bad.getStatus()).isEqualTo(400);
            assertThat(fields(bad)).containsExactly("rationale");
        }
        // a body without answers saved an empty draft over this one (second outside test): refused, nothing changed
        MockHttpServletResponse empty = mvc.perform(put("/api/tasks/" + task + "/draft").with(authentication(as("owner-zoetermeer")))
                .contentType(MediaType.APPLICATION_JSON).content("{}")).andReturn().getResponse();
        assertThat(empty.getStatus()).isEqualTo(400);
        assertThat(fields(empty)).containsExactly("answers");
        assertThat(detail(empty)).isEqualTo("Het concept kan zo niet worden opgeslagen; er is niets veranderd.");
        JsonNode unchanged = JSON.readTree(mvc.perform(get("/api/tasks/" + task + "/draft").with(authentication(as("owner-zoetermeer"))))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(unchanged.get("rationale").asText()).isEqualTo(note);
        assertThat(unchanged.get("answers").toString()).contains("Eerlijker beslissen.").doesNotContain("Anders.");

        // saved again without a note: the note is gone, not kept from before
        assertThat(mvc.perform(put("/api/tasks/" + task + "/draft").with(authentication(as("owner-zoetermeer")))
                .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(Map.of("answers", Map.of("answers", Map.of("1.1", "Anders."))))))
                .andReturn().getResponse().getStatus()).isEqualTo(204);
        assertThat(page("/staff/cases/" + c.getId(), "owner-zoetermeer").document().selectFirst("textarea[name=rationale]").val()).isEmpty();
    }

    /**
     * Two project owners of one organisation filling in the same questionnaire: the second "Tussentijds opslaan" silently
     * replaced the first one's draft, and the page then told the first one these were the answers they saved (outside
     * tester). A save now names the draft it replaces; over another one it is refused (409) with what was typed shown
     * again and who saved meanwhile, and saving again from there replaces it knowingly. The page says whose draft it is.
     */
    @Test
    void twoOwnersSavingOneDraftNeverOverwriteEachOtherUnseen() throws Exception {
        AlgorithmCase c = atIama("Concept van twee eigenaren");
        String task = task("owner-zoetermeer", c.getId(), "fillInIama").id();
        String url = "/staff/cases/" + c.getId() + "/tasks/" + task;
        String seenBySanne = page("/staff/cases/" + c.getId(), "owner-zoetermeer").assertStatus(200)
                .document().selectFirst("input[name=draftVersion]").val();
        String seenByNoor = page("/staff/cases/" + c.getId(), "owner-privacy-zoetermeer").assertStatus(200)
                .document().selectFirst("input[name=draftVersion]").val();
        assertThat(seenBySanne).as("no draft yet").isEmpty();

        page(form(url, "owner-privacy-zoetermeer").param("iama[1.1]", "Antwoord van Noor.").param("draftVersion", seenByNoor)
                .param("action", "draft")).assertStatus(302);
        Page refused = page(form(url, "owner-zoetermeer").param("iama[1.1]", "Antwoord van Sanne.").param("rationale", "Mijn notitie.")
                .param("draftVersion", seenBySanne).param("action", "draft"));
        refused.assertStatus(409);
        assertWellFormedPage(refused.document());
        assertThat(refused.document().selectFirst("form.task-form textarea[name=\"iama[1.1]\"]").val()).isEqualTo("Antwoord van Sanne.");
        assertThat(refused.document().selectFirst("form.task-form textarea[name=rationale]").val()).isEqualTo("Mijn notitie.");
        assertThat(refused.document().select(".task-draft-conflict").text()).contains("Noor Visser");
        // Noor's saved answers are shown beside the form, to read and copy from, and outside it, so they are never sent
        // (outside tester: they appeared nowhere, and saving again replaced them unseen)
        assertThat(refused.document().select("details.their-draft summary").text()).startsWith("De antwoorden die Noor Visser opsloeg");
        assertThat(refused.document().select("details.their-draft textarea").eachText()).contains("Antwoord van Noor.");
        assertThat(refused.document().select("form .their-draft")).isEmpty();
        // closed until asked for, read only and out of the tab order (a disabled fieldset), the person's own form headed
        // apart (outside tester: an open, editable copy looked like the form)
        assertThat(refused.document().selectFirst("details.their-draft").hasAttr("open")).isFalse();
        assertThat(refused.document().select("details.their-draft > fieldset[disabled] textarea")).isNotEmpty();
        assertThat(refused.document().select("h4.your-answers").text()).isEqualTo("Uw antwoorden");
        assertThat(refused.document().select("details.their-draft [id]").eachAttr("id")).allMatch(id -> id.startsWith("their-draft-"));
        assertThat(taskDrafts.saved(staff("owner-zoetermeer"), task).orElseThrow().answers().toString())
                .contains("Antwoord van Noor.").doesNotContain("Sanne");

        // saved again from the page that told her: it replaces Noor's draft, and Noor sees whose answers she now reads
        page(form(url, "owner-zoetermeer").param("iama[1.1]", "Antwoord van Sanne.")
                .param("draftVersion", refused.document().selectFirst("input[name=draftVersion]").val()).param("action", "draft"))
                .assertStatus(302);
        Page noor = page("/staff/cases/" + c.getId(), "owner-privacy-zoetermeer").assertStatus(200);
        assertThat(noor.document().select(".task-draft").text()).contains("Sanne de Vries");
        assertThat(page("/staff/cases/" + c.getId(), "owner-zoetermeer").document().select(".task-draft").text())
                .isEqualTo("U ziet de antwoorden die u tussentijds opsloeg.");

        // the API: the draft tells who saved it and its version; a save naming an older version is a 409 that changes nothing
        JsonNode draft = JSON.readTree(mvc.perform(get("/api/tasks/" + task + "/draft").with(authentication(as("owner-privacy-zoetermeer"))))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(draft.get("savedBy").asText()).isEqualTo("owner-zoetermeer");
        assertThat(draft.get("savedByName").asText()).as("the person as people read them, beside the account").isEqualTo("Sanne de Vries");
        Map<String, Object> noorsAnswers = Map.of("answers", Map.of("1.1", "Nog een antwoord van Noor."));
        MockHttpServletResponse stale = mvc.perform(put("/api/tasks/" + task + "/draft").with(authentication(as("owner-privacy-zoetermeer")))
                .contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(Map.of("answers", noorsAnswers, "version", seenByNoor)))).andReturn().getResponse();
        assertThat(stale.getStatus()).isEqualTo(409);
        assertThat(detail(stale)).startsWith("Sanne de Vries heeft het concept van deze taak intussen opgeslagen");
        assertThat(taskDrafts.saved(staff("owner-zoetermeer"), task).orElseThrow().answers().toString()).contains("Antwoord van Sanne.");
        assertThat(mvc.perform(put("/api/tasks/" + task + "/draft").with(authentication(as("owner-privacy-zoetermeer")))
                .contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(Map.of("answers", noorsAnswers, "version", draft.get("version").asText()))))
                .andReturn().getResponse().getStatus()).isEqualTo(204);

        // the same answers saved again make a new version: "the draft I saw" is that save, not that content (outside
        // tester: a version made of the content came back after A, B, A); a save over one's own newer save says so
        String afterNoor = taskDrafts.saved(staff("owner-zoetermeer"), task).orElseThrow().version();
        taskDrafts.save(staff("owner-privacy-zoetermeer"), task, noorsAnswers, null, afterNoor);
        String again = taskDrafts.saved(staff("owner-zoetermeer"), task).orElseThrow().version();
        assertThat(again).isNotEqualTo(afterNoor);
        MockHttpServletResponse own = mvc.perform(put("/api/tasks/" + task + "/draft").with(authentication(as("owner-privacy-zoetermeer")))
                .contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(Map.of("answers", noorsAnswers, "version", afterNoor)))).andReturn().getResponse();
        assertThat(own.getStatus()).isEqualTo(409);
        assertThat(detail(own)).startsWith("U heeft het concept van deze taak intussen zelf opnieuw opgeslagen");

        // a client that names no version at all replaces only its own draft: a colleague's draft was replaced (a save) or
        // dropped (a completion) unseen through the API
        MockHttpServletResponse unnamed = mvc.perform(put("/api/tasks/" + task + "/draft").with(authentication(as("owner-zoetermeer")))
                .contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(Map.of("answers", Map.of("answers", Map.of("1.1", "Zonder versie.")))))).andReturn().getResponse();
        assertThat(unnamed.getStatus()).isEqualTo(409);
        assertThat(detail(unnamed)).startsWith("Noor Visser heeft een concept van deze taak opgeslagen");
        MockHttpServletResponse completedUnnamed = mvc.perform(post("/api/tasks/" + task + "/complete").with(authentication(as("owner-zoetermeer")))
                .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(Map.of("answers", IamaAnswers.proceeding()))))
                .andReturn().getResponse();
        assertThat(completedUnnamed.getStatus()).isEqualTo(409);
        assertThat(detail(completedUnnamed)).startsWith("Noor Visser heeft een concept van deze taak opgeslagen");
        assertThat(taskDrafts.saved(staff("owner-zoetermeer"), task).orElseThrow().version()).as("nothing changed").isEqualTo(again);
        assertThat(cases.read(staff("owner-zoetermeer"), c.getId()).getStage()).isEqualTo(CaseStage.IAMA);

        // sending the questionnaire from a page older than the draft is refused too, on the page and over the API: the
        // completion replaced a colleague's newer draft unseen (both outside testers)
        Page oldPage = page(form(url, "owner-zoetermeer").param("iama[1.1]", "Verstuurd vanaf een oude pagina.")
                .param("draftVersion", afterNoor));
        oldPage.assertStatus(409);
        assertThat(oldPage.document().select(".task-draft-conflict").text()).contains("Noor Visser");
        assertThat(oldPage.document().selectFirst("form.task-form textarea[name=\"iama[1.1]\"]").val()).isEqualTo("Verstuurd vanaf een oude pagina.");
        Map<String, Object> complete = new LinkedHashMap<>(Map.of("answers", IamaAnswers.proceeding(), "draftVersion", afterNoor));
        MockHttpServletResponse completedOverOld = mvc.perform(post("/api/tasks/" + task + "/complete").with(authentication(as("owner-zoetermeer")))
                .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(complete))).andReturn().getResponse();
        assertThat(completedOverOld.getStatus()).isEqualTo(409);
        assertThat(detail(completedOverOld)).startsWith("Noor Visser heeft het concept van deze taak intussen opgeslagen");
        assertThat(cases.read(staff("owner-zoetermeer"), c.getId()).getStage()).isEqualTo(CaseStage.IAMA);
        complete.put("draftVersion", again);
        assertThat(mvc.perform(post("/api/tasks/" + task + "/complete").with(authentication(as("owner-zoetermeer")))
                .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(complete))).andReturn().getResponse().getStatus())
                .isEqualTo(200);
    }

    /**
     * Found from the outside: a reading-direction override (U+202E) went into questionnaire answers, a draft's note and a
     * completion's rationale, which the decision log keeps; the case's texts refused it.
     */
    @Test
    void answersNotesAndRationalesAreHeldToTheCharactersOfEveryOtherText() throws Exception {
        AlgorithmCase c = atIama("Leesrichting");
        String task = task("owner-zoetermeer", c.getId(), "fillInIama").id();
        MockHttpServletResponse answer = saveDraft("owner-zoetermeer", task, Map.of("answers", Map.of("1.1", "a \u202E b")));
        assertThat(answer.getStatus()).isEqualTo(400);
        MockHttpServletResponse note = mvc.perform(put("/api/tasks/" + task + "/draft").with(authentication(as("owner-zoetermeer")))
                .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(Map.of("answers", Map.of("answers", Map.of("1.1", "Goed.")),
                        "rationale", "Notitie \u2066omgekeerd\u2069")))).andReturn().getResponse();
        assertThat(note.getStatus()).isEqualTo(400);
        assertThat(detail(note) + note.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("leesrichting");
        MockHttpServletResponse completed = mvc.perform(post("/api/tasks/" + task + "/complete").with(authentication(as("owner-zoetermeer")))
                .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(Map.of("answers", IamaAnswers.proceeding(),
                        "rationale", "Notitie \u202Egnirevo")))).andReturn().getResponse();
        assertThat(completed.getStatus()).isEqualTo(400);
        assertThat(cases.read(staff("owner-zoetermeer"), c.getId()).getStage()).isEqualTo(CaseStage.IAMA);
        assertThat(taskDrafts.saved(staff("owner-zoetermeer"), task)).isEmpty();

        // a required answer refused for its characters is reported once, for what was sent, not also as unanswered
        // (outside tester: "Verplicht: beantwoord vraag 1.1" for a question that was answered)
        Map<String, Object> withOverride = IamaAnswers.proceeding();
        @SuppressWarnings("unchecked")
        Map<String, Object> answers = new java.util.LinkedHashMap<>((Map<String, Object>) withOverride.get("answers"));
        answers.put("1.1", "Sneller \u202Eafhandelen");
        Map<String, Object> sent = new java.util.LinkedHashMap<>(withOverride);
        sent.put("answers", answers);
        MockHttpServletResponse once = completeOverApi("owner-zoetermeer", task, sent);
        assertThat(once.getStatus()).isEqualTo(400);
        JsonNode errors = JSON.readTree(once.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).get("errors");
        assertThat(errors.findValuesAsText("field")).containsOnlyOnce("answers.answers.1.1");
        assertThat(errors.toString()).doesNotContain("Verplicht: beantwoord vraag 1.1");
    }

    /** Without a version a person still replaces their own draft and completes over it, as before. */
    @Test
    void withoutAVersionOnesOwnDraftIsReplacedAndCompleted() throws Exception {
        AlgorithmCase c = atIama("Eigen concept zonder versie");
        String task = task("owner-zoetermeer", c.getId(), "fillInIama").id();
        assertThat(saveDraft("owner-zoetermeer", task, Map.of("answers", Map.of("1.1", "Eerste.")))).extracting(r -> r.getStatus()).isEqualTo(204);
        assertThat(saveDraft("owner-zoetermeer", task, Map.of("answers", Map.of("1.1", "Tweede.")))).extracting(r -> r.getStatus()).isEqualTo(204);
        assertThat(taskDrafts.saved(staff("owner-zoetermeer"), task).orElseThrow().answers().toString()).contains("Tweede.");
        assertThat(completeOverApi("owner-zoetermeer", task, IamaAnswers.proceeding()).getStatus()).isEqualTo(200);
    }

    /**
     * A task handed to a person (an administrator's assignment through the engine's REST API) was still completed by
     * anyone of its role through the application, and its assignee then counted as having done that work (outside
     * tester). It is the assignee's until it is handed back: others get a 403 naming them, and no form.
     */
    @Test
    void aTaskGivenToSomeoneIsTheirsUntilItIsHandedBack() throws Exception {
        AlgorithmCase c = atIama("Aan Noor gegeven");
        String task = task("owner-zoetermeer", c.getId(), "fillInIama").id();
        taskService.setAssignee(task, "owner-privacy-zoetermeer");

        MockHttpServletResponse refused = completeOverApi("owner-zoetermeer", task, IamaAnswers.proceeding());
        assertThat(refused.getStatus()).isEqualTo(403);
        assertThat(JSON.readTree(refused.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).get("reason").asText())
                .isEqualTo("Deze taak is aan Noor Visser gegeven; alleen Noor Visser rondt haar af, tot zij wordt teruggegeven.");
        assertThat(saveDraft("owner-zoetermeer", task, Map.of("answers", Map.of("1.1", "Toch even."))).getStatus()).isEqualTo(403);
        Document sannes = page("/staff/cases/" + c.getId(), "owner-zoetermeer").document();
        assertThat(sannes.select("form[action*=/tasks/" + task + "]")).isEmpty();
        assertThat(sannes.select(".task-assignee").text()).startsWith("Deze taak is gegeven aan Noor Visser");
        assertThat(page("/staff/cases/" + c.getId(), "owner-privacy-zoetermeer").document().select("form[action*=/tasks/" + task + "]"))
                .hasSize(1);
        // in the assignee's list of work, and in no one else's (outside tester: it was in nobody's, the assignee's too)
        assertThat(reviewTasks.inbox(staff("owner-privacy-zoetermeer"))).extracting(ReviewTask::id).contains(task);
        assertThat(reviewTasks.inbox(staff("owner-zoetermeer"))).extracting(ReviewTask::id).doesNotContain(task);

        taskService.setAssignee(task, null);
        assertThat(reviewTasks.inbox(staff("owner-zoetermeer"))).extracting(ReviewTask::id).contains(task);
        // a version of a draft when there is none: not blamed on "someone else" (outside tester)
        MockHttpServletResponse unknown = mvc.perform(put("/api/tasks/" + task + "/draft").with(authentication(as("owner-zoetermeer")))
                .contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(Map.of("answers", Map.of("answers", Map.of("1.1", "x")), "version", "bogus"))))
                .andReturn().getResponse();
        assertThat(unknown.getStatus()).isEqualTo(409);
        assertThat(detail(unknown)).startsWith("Deze taak heeft geen opgeslagen concept met die versie");
        assertThat(completeOverApi("owner-zoetermeer", task, IamaAnswers.proceeding()).getStatus()).isEqualTo(200);
    }

    /**
     * A task form sent after its task moved on (completed in another window, or by a colleague) was a 409 saying nothing
     * was saved, and what was typed was gone (outside tester). The case page comes back (409) with the reason and what
     * was typed, the answers and the note, to copy; none of it is in a form that could send it.
     */
    @Test
    void aFormSentAfterItsTaskMovedOnComesBackWithWhatWasTyped() throws Exception {
        AlgorithmCase c = atIama("Concept dat intussen verder ging");
        String task = task("owner-zoetermeer", c.getId(), "fillInIama").id();
        assertThat(completeOverApi("owner-privacy-zoetermeer", task, IamaAnswers.proceeding()).getStatus()).isEqualTo(200);

        for (String action : List.of("draft", "")) {
            Page late = page(form("/staff/cases/" + c.getId() + "/tasks/" + task, "owner-zoetermeer")
                    .param("iama[1.1]", "Wat ik net typte.").param("rationale", "Mijn lange toelichting.").param("action", action));
            late.assertStatus(409);
            assertWellFormedPage(late.document());
            assertThat(late.document().select(".not-saved [role=alert]").text()).contains("Niet opgeslagen", "Deze taak is al afgerond door Noor Visser.");
            assertThat(late.document().selectFirst(".not-saved textarea[name=\"iama[1.1]\"]").val()).isEqualTo("Wat ik net typte.");
            assertThat(late.document().selectFirst("#not-saved-rationale").val()).isEqualTo("Mijn lange toelichting.");
            assertThat(late.document().selectFirst(".not-saved").parents()).as("nothing of it can be sent")
                    .noneMatch(ancestor -> ancestor.tagName().equals("form"));
            assertThat(late.document().select(".not-saved form")).isEmpty();
        }
        assertThat(page(form("/staff/cases/" + c.getId() + "/tasks/" + task + "?lang=en", "owner-zoetermeer")
                .param("rationale", "Late.")).html()).contains("Not saved", "Copy what you still need");
    }

    @Test
    void partialAnswersAreSavedAsADraftThroughTheApiAndTheFormAndComeBackInTheForm() throws Exception {
        AlgorithmCase c = atIama("Concept van de IAMA");
        String task = task("owner-zoetermeer", c.getId(), "fillInIama").id();
        Map<String, Object> partial = Map.of("answers", Map.of("1.1", "Sneller beslissen.", "1.2", List.of("fairness")));
        // no draft yet: a 404 whose explanation is in the reader's language (it was English on a Dutch answer)
        MockHttpServletResponse none = mvc.perform(get("/api/tasks/" + task + "/draft").with(authentication(as("owner-zoetermeer"))))
                .andReturn().getResponse();
        assertThat(none.getStatus()).isEqualTo(404);
        assertThat(none.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("Voor deze taak is geen concept opgeslagen.");

        assertThat(saveDraft("owner-zoetermeer", task, partial).getStatus()).isEqualTo(204);
        MockHttpServletResponse read = mvc.perform(get("/api/tasks/" + task + "/draft").with(authentication(as("owner-zoetermeer"))))
                .andReturn().getResponse();
        assertThat(read.getStatus()).isEqualTo(200);
        assertThat(read.getContentAsString()).contains("\"1.1\":\"Sneller beslissen.\"", "\"fairness\"");
        MockHttpServletResponse wrong = saveDraft("owner-zoetermeer", task, Map.of("answers", Map.of("9.9", "Geen vraag")));
        assertThat(wrong.getStatus()).isEqualTo(400);
        assertThat(fields(wrong)).containsExactly("answers.answers.9.9");
        assertThat(saveDraft("privacy-zoetermeer", task, partial).getStatus()).isEqualTo(403);
        assertThat(cases.read(staff("owner-zoetermeer"), c.getId()).getStage()).as("a draft completes nothing").isEqualTo(CaseStage.IAMA);

        Page saved = page(form("/staff/cases/" + c.getId() + "/tasks/" + task, "owner-zoetermeer")
                .param("iama[1.1]", "Eerlijker beslissen.").param("iama[4.2][0][4.2.2]", "Privacy van aanvragers.")
                .param("action", "draft"));
        saved.assertStatus(302);
        Page shown = page("/staff/cases/" + c.getId(), "owner-zoetermeer").assertStatus(200);
        assertWellFormedPage(shown.document());
        assertThat(shown.document().selectFirst("textarea[name=\"iama[1.1]\"]").val()).isEqualTo("Eerlijker beslissen.");
        assertThat(shown.document().selectFirst("textarea[name=\"iama[4.2][0][4.2.2]\"]").val()).isEqualTo("Privacy van aanvragers.");
        assertThat(shown.document().select(".task-draft")).hasSize(1);
        assertThat(shown.document().select("button[name=action][value=draft]")).hasSize(1);
        assertThat(page("/staff/cases/" + c.getId() + "?lang=en", "owner-zoetermeer").html()).contains("Save for later");

        // every save is a change to the case: the decision log holds who saved which answers, through either client;
        // the refused saves (a wrong question, another role) left nothing
        List<Map<String, Object>> records = jdbc.queryForList("SELECT actor_id, actor_role, activity_id, outcome, payload FROM decision_log"
                + " WHERE case_id = ? AND event_type = 'task-draft-saved' ORDER BY seq", c.getId());
        assertThat(records).hasSize(2);
        assertThat(records).allSatisfy(r -> {
            assertThat(r.get("actor_id")).isEqualTo("owner-zoetermeer");
            assertThat(r.get("actor_role")).isEqualTo("project-owner");
            assertThat(r.get("activity_id")).isEqualTo("fillInIama");
            assertThat(r.get("outcome")).isEqualTo("saved");
        });
        // the answers by their SHA-256 (of what the engine keeps), not in full: a draft may be saved many times, and the
        // log is never cleaned (outside test: 30 drafts of 0.9 MB made one case's timeline 28 MB)
        byte[] kept = (byte[]) taskService.getVariableLocal(task, nl.transparant.workflow.ProcessVariables.DRAFT_ANSWERS);
        String lastPayload = (String) records.get(1).get("payload");
        assertThat(lastPayload).contains("\"answersSha256\":\"" + java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(kept)) + "\"", "\"answersBytes\":" + kept.length)
                .doesNotContain("Eerlijker beslissen.");
        assertThat((String) records.get(0).get("payload")).doesNotContain("Sneller beslissen.");
        assertThat(page("/staff/audit/cases/" + c.getId(), "auditor-regional").assertStatus(200).html()).contains("Concept van een taak opgeslagen");
    }

    /**
     * The AI Act part of a pre-scan draft was only checked to be texts: unknown questions, answers that are none of the
     * options and markup were kept, and written into the draft's record (outside test, 2026-12-06). Now each must be a
     * question of the decision tree in service and one of its answers, as the rest of every draft is checked.
     */
    @Test
    void aPreScanDraftTakesOnlyQuestionsAndAnswersOfTheAiActDecisionTree() throws Exception {
        AlgorithmCase c = submitted("owner-zoetermeer", unique("Concept van de pre-scan"));
        String task = task("owner-zoetermeer", c.getId(), "answerPreScan").id();
        long recordsBefore = jdbc.queryForObject("SELECT COUNT(*) FROM decision_log WHERE case_id = ?", Long.class, c.getId());

        MockHttpServletResponse unknown = saveDraft("owner-zoetermeer", task,
                Map.of("aiAct", Map.of("999", "x", "<img src=x onerror=alert(1)>", "Ja")));
        assertThat(unknown.getStatus()).isEqualTo(400);
        assertThat(fields(unknown)).contains("answers.aiAct.999", "answers.aiAct.<img src=x onerror=alert(1)>");
        MockHttpServletResponse notAnAnswer = saveDraft("owner-zoetermeer", task,
                Map.of("aiAct", Map.of("1", "<script>alert(1)</script>")));
        assertThat(notAnAnswer.getStatus()).isEqualTo(400);
        assertThat(fields(notAnAnswer)).containsExactly("answers.aiAct.1");
        assertThat(detail(notAnAnswer) + notAnAnswer.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains(PreScanAnswers.YES);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM decision_log WHERE case_id = ?", Long.class, c.getId()))
                .as("a refused draft is not recorded").isEqualTo(recordsBefore);

        assertThat(saveDraft("owner-zoetermeer", task, Map.of("aiAct", Map.of("1", PreScanAnswers.YES))).getStatus()).isEqualTo(204);
    }

    private AlgorithmCase submitted(String owner, String name) {
        AlgorithmCase c = draft(owner, complete(unique(name)));
        cases.submit(staff(owner), c.getId());
        return c;
    }

    /** An impactful algorithm without a DPIA (direct effects on residents): straight to the IAMA. */
    private AlgorithmCase atIama(String name) {
        AlgorithmCase c = submitted("owner-zoetermeer", name);
        completeTask("owner-zoetermeer", c.getId(), "answerPreScan", new TaskCompletion(null, null, PreScanAnswers.of("directImpactOnCitizens")));
        assertThat(cases.read(staff("owner-zoetermeer"), c.getId()).getStage()).isEqualTo(CaseStage.IAMA);
        return c;
    }

    private MockHttpServletResponse completeOverApi(String user, String taskId, Map<String, Object> answers) throws Exception {
        return mvc.perform(post("/api/tasks/" + taskId + "/complete").with(authentication(as(user)))
                .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(Map.of("answers", answers))))
                .andReturn().getResponse();
    }

    private MockHttpServletResponse saveDraft(String user, String taskId, Map<String, Object> answers) throws Exception {
        return mvc.perform(put("/api/tasks/" + taskId + "/draft").with(authentication(as(user)))
                .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(Map.of("answers", answers))))
                .andReturn().getResponse();
    }

    private static String detail(MockHttpServletResponse problem) throws Exception {
        return JSON.readTree(problem.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).path("detail").asText();
    }

    private static List<String> fields(MockHttpServletResponse problem) throws Exception {
        return JSON.readTree(problem.getContentAsString()).path("errors").findValuesAsText("field");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }
}
