package nl.transparant.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.screening.DpiaAnswers;
import nl.transparant.screening.PreScanAnswers;
import nl.transparant.site.PageTestSupport;
import nl.transparant.workflow.review.ReviewTask;
import nl.transparant.workflow.review.TaskCompletion;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The four-eyes rule through the whole application: {@code owner-privacy-zoetermeer}, a second owner of Zoetermeer who is
 * also its privacy officer, does the owner's work on a colleague's case and may then not approve it, neither through the
 * API nor through the page; the submitter of a case may not record the supervisor's advice on it. Each refusal is a 403
 * explained in Dutch or English and recorded in the decision log.
 */
class FourEyesPagesTest extends PageTestSupport {

    static final String SUBMITTER = "owner-zoetermeer";
    static final String OWNER_AND_OFFICER = "owner-privacy-zoetermeer";
    static final String OFFICER = "privacy-zoetermeer";
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    nl.transparant.obligations.Obligations obligations;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    nl.transparant.cases.livingentry.LivingEntries livingEntries;

    @Test
    void whoFilledInTheDpiaMayNotApproveItThroughTheApiOrThePage() throws Exception {
        AlgorithmCase c = draft(SUBMITTER, complete(unique("Vier ogen DPIA")));
        cases.submit(staff(SUBMITTER), c.getId());
        completeTask(OWNER_AND_OFFICER, c.getId(), "answerPreScan",
                new TaskCompletion(null, null, PreScanAnswers.of("personalData", "largeScale", "matchingDatasets")));
        completeTask(OWNER_AND_OFFICER, c.getId(), "fillInDpia", new TaskCompletion(null, null, DpiaAnswers.lowResidualRisk()));
        ReviewTask review = task(OFFICER, c.getId(), "reviewDpia");
        long refusalsBefore = refusalsOf(OWNER_AND_OFFICER);

        MockHttpServletResponse dutch = completeOverApi(OWNER_AND_OFFICER, review.id(), null);
        MockHttpServletResponse english = completeOverApi(OWNER_AND_OFFICER, review.id(), "en-GB,en;q=0.9,nl;q=0.5");

        assertThat(dutch.getStatus()).isEqualTo(403);
        assertThat(dutch.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(JSON.readTree(dutch.getContentAsString()).get("detail").asText()).startsWith("U heeft zelf werk aan deze zaak gedaan");
        JsonNode problem = JSON.readTree(english.getContentAsString());
        assertThat(english.getStatus()).isEqualTo(403);
        assertThat(problem.get("title").asText()).isEqualTo("Four eyes: someone else must do this");
        assertThat(problem.get("detail").asText()).startsWith("You did work on this case yourself");
        // the particular reason in the caller's language, the step by its name (it read "(answerPreScan)", in English
        // beside a Dutch detail)
        assertThat(problem.get("reason").asText()).isEqualTo(
                "You did work on this case (Answer the pre-scan), so you cannot review it: someone else must (four eyes).");
        assertThat(JSON.readTree(dutch.getContentAsString()).get("reason").asText()).isEqualTo(
                "U deed werk aan deze zaak (Pre-scan beantwoorden), dus u kunt haar niet beoordelen: iemand anders moet dat doen (vier ogen).");

        Page page = page(form("/staff/cases/" + c.getId() + "/tasks/" + review.id(), OWNER_AND_OFFICER)
                .param("outcome", "approve").param("rationale", "Mijn eigen DPIA."));
        page.assertStatus(403);
        assertThat(page.document().selectFirst("h1").text()).isEqualTo("Vier ogen: iemand anders moet dit doen");

        assertThat(refusalsOf(OWNER_AND_OFFICER)).as("every refusal in the decision log").isEqualTo(refusalsBefore + 3);
        // in the case's own trail, where an auditor looks for who was kept from reviewing it (they named no case)
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM decision_log WHERE event_type = 'authorisation-denied' AND actor_id = ? "
                + "AND case_id = ?", Long.class, OWNER_AND_OFFICER, c.getId())).isEqualTo(3);
        assertThat(task(OFFICER, c.getId(), "reviewDpia").id()).as("the review is still open").isEqualTo(review.id());

        assertThat(completeOverApi(OFFICER, review.id(), null).getStatus()).as("a privacy officer who did no work").isEqualTo(200);
    }

    /** Found from the outside: a DPIA written as a draft by one person and handed in by another is still the writer's work. */
    @Test
    void whoWroteTheDpiaAsADraftMayNotApproveItWhenSomeoneElseHandedItIn() throws Exception {
        AlgorithmCase c = draft(SUBMITTER, complete(unique("Vier ogen concept")));
        cases.submit(staff(SUBMITTER), c.getId());
        completeTask(SUBMITTER, c.getId(), "answerPreScan",
                new TaskCompletion(null, null, PreScanAnswers.of("personalData", "largeScale", "matchingDatasets")));
        String dpia = task(OWNER_AND_OFFICER, c.getId(), "fillInDpia").id();
        taskDrafts.save(staff(OWNER_AND_OFFICER), dpia, DpiaAnswers.lowResidualRisk());
        // handed in by the submitter over the colleague's draft, as its page does: naming the draft it hands in
        completeTask(SUBMITTER, c.getId(), "fillInDpia", new TaskCompletion(null, null, DpiaAnswers.lowResidualRisk(),
                taskDrafts.saved(staff(SUBMITTER), dpia).orElseThrow().version()));
        ReviewTask review = task(OFFICER, c.getId(), "reviewDpia");

        assertThat(completeOverApi(OWNER_AND_OFFICER, review.id(), null).getStatus()).isEqualTo(403);
        assertThat(completeOverApi(OFFICER, review.id(), null).getStatus()).isEqualTo(200);
    }

    /** Found from the outside: writing the case's texts is work on it, whoever submits it and does its tasks. */
    @Test
    void whoWroteTheCaseMayNotReviewItWhenSomeoneElseSubmittedIt() throws Exception {
        AlgorithmCase c = draft(OWNER_AND_OFFICER, complete(unique("Vier ogen auteur")));
        cases.submit(staff(SUBMITTER), c.getId());
        completeTask(SUBMITTER, c.getId(), "answerPreScan",
                new TaskCompletion(null, null, PreScanAnswers.of("personalData", "largeScale", "matchingDatasets")));
        completeTask(SUBMITTER, c.getId(), "fillInDpia", new TaskCompletion(null, null, DpiaAnswers.lowResidualRisk()));
        ReviewTask review = task(OFFICER, c.getId(), "reviewDpia");
        // the page tells the privacy officer who wrote the texts why the review is not theirs, not only whose role it is
        // (outside tester: "Deze taak ligt bij: Privacy officer." to a privacy officer)
        Document blocked = page("/staff/cases/" + c.getId(), OWNER_AND_OFFICER).assertStatus(200).document();
        assertThat(blocked.select(".task-why-not").text()).startsWith("U schreef aan deze zaak");
        assertThat(page("/staff/cases/" + c.getId() + "?lang=en", OWNER_AND_OFFICER).document().select(".task-why-not").text())
                .startsWith("You wrote");
        assertThat(page("/staff/cases/" + c.getId(), OFFICER).document().select(".task-why-not")).isEmpty();

        assertThat(completeOverApi(OWNER_AND_OFFICER, review.id(), null).getStatus()).isEqualTo(403);
        assertThat(completeOverApi(OFFICER, review.id(), null).getStatus()).isEqualTo(200);
    }

    /** Found from the outside (second round): texts edited while it is the owners' turn in the review are work too. */
    @Test
    void whoEditedTheTextsDuringTheReviewMayNotApproveIt() throws Exception {
        AlgorithmCase c = draft(SUBMITTER, complete(unique("Vier ogen bewerkt")));
        cases.submit(staff(SUBMITTER), c.getId());
        completeTask(SUBMITTER, c.getId(), "answerPreScan",
                new TaskCompletion(null, null, PreScanAnswers.of("personalData", "largeScale", "matchingDatasets")));
        AlgorithmCase current = cases.read(staff(OWNER_AND_OFFICER), c.getId());
        Map<String, Object> edited = new java.util.LinkedHashMap<>(current.getRegisterFields());
        edited.put("description_short", "Aangepast door een collega die ook privacy officer is.");
        cases.edit(staff(OWNER_AND_OFFICER), c.getId(), current.getVersion(), edited, null);
        completeTask(SUBMITTER, c.getId(), "fillInDpia", new TaskCompletion(null, null, DpiaAnswers.lowResidualRisk()));
        ReviewTask review = task(OFFICER, c.getId(), "reviewDpia");

        assertThat(completeOverApi(OWNER_AND_OFFICER, review.id(), null).getStatus()).isEqualTo(403);
        assertThat(completeOverApi(OFFICER, review.id(), null).getStatus()).isEqualTo(200);
    }

    /** Found from the outside: work on the case's obligations is work on the case; who recorded evidence does not approve it. */
    @Test
    void whoRecordedEvidenceOfAMeasureMayNotApproveTheCase() throws Exception {
        AlgorithmCase c = draft(SUBMITTER, complete(unique("Vier ogen bewijs")));
        cases.submit(staff(SUBMITTER), c.getId());
        completeTask(SUBMITTER, c.getId(), "answerPreScan",
                new TaskCompletion(null, null, PreScanAnswers.of("personalData", "largeScale", "matchingDatasets")));
        obligations.record(staff(OWNER_AND_OFFICER), c.getId(), new nl.transparant.obligations.Obligations.MeasureUpdate(
                "urn:nl:transparant:mtr:pba-probleem", "done", null, "Probleemanalyse gedaan door een collega die ook privacy officer is.",
                null), null);
        completeTask(SUBMITTER, c.getId(), "fillInDpia", new TaskCompletion(null, null, DpiaAnswers.lowResidualRisk()));
        ReviewTask review = task(OFFICER, c.getId(), "reviewDpia");
        long refusalsBefore = refusalsOf(OWNER_AND_OFFICER);

        assertThat(completeOverApi(OWNER_AND_OFFICER, review.id(), null).getStatus()).isEqualTo(403);
        assertThat(refusalsOf(OWNER_AND_OFFICER)).as("the refusal in the decision log").isEqualTo(refusalsBefore + 1);
        assertThat(completeOverApi(OFFICER, review.id(), null).getStatus()).isEqualTo(200);
    }

    /** Found from the outside: a change of a published entry is a second review of the same case, and earlier work counts. */
    @Test
    void workOnAnEarlierRoundOfTheCaseCountsInTheReviewOfAChange() throws Exception {
        AlgorithmCase c = draft(OWNER_AND_OFFICER, complete(unique("Vier ogen wijziging")));
        cases.submit(staff(OWNER_AND_OFFICER), c.getId());
        completeTask(OWNER_AND_OFFICER, c.getId(), "answerPreScan",
                new TaskCompletion(null, null, PreScanAnswers.of("personalData", "largeScale", "matchingDatasets")));
        completeTask(OWNER_AND_OFFICER, c.getId(), "fillInDpia", new TaskCompletion(null, null, DpiaAnswers.lowResidualRisk()));
        completeTask(OFFICER, c.getId(), "reviewDpia", new TaskCompletion("approve", "In orde.", null));
        completeTask("publisher-zoetermeer", c.getId(), "releasePublication", new TaskCompletion("approve", "Klaar.", null));
        awaitPublication(c.getId());

        livingEntries.startChange(staff(SUBMITTER), c.getId());
        cases.submit(staff(SUBMITTER), c.getId());
        completeTask(SUBMITTER, c.getId(), "answerPreScan",
                new TaskCompletion(null, null, PreScanAnswers.of("personalData", "largeScale", "matchingDatasets")));
        completeTask(SUBMITTER, c.getId(), "fillInDpia", new TaskCompletion(null, null, DpiaAnswers.lowResidualRisk()));
        ReviewTask review = task(OFFICER, c.getId(), "reviewDpia");

        assertThat(completeOverApi(OWNER_AND_OFFICER, review.id(), null).getStatus()).isEqualTo(403);
        assertThat(completeOverApi(OFFICER, review.id(), null).getStatus()).isEqualTo(200);
    }

    @Test
    void theSubmitterMayNotRecordTheSupervisorsAdviceOnTheirOwnCase() throws Exception {
        AlgorithmCase c = waitingForSupervisor(OWNER_AND_OFFICER, OFFICER);
        Map<String, String> advice = Map.of("advice", "De AP adviseert aanvullende waarborgen.");
        // not offered to them at all, in their list of work or on the case page, with the reason (outside tester: it
        // was offered, then refused); a colleague is offered it
        org.jsoup.nodes.Document theirs = page("/staff/cases/" + c.getId(), OWNER_AND_OFFICER).document();
        assertThat(theirs.select("form[action$=/supervisor-advice]")).isEmpty();
        assertThat(theirs.select(".supervisor-advice .task-why-not").text()).contains("vier ogen");
        assertThat(page("/staff", OWNER_AND_OFFICER).document().select("tr.inbox-duty a[href*=" + c.getId() + "]")).isEmpty();
        assertThat(page("/staff/cases/" + c.getId(), OFFICER).document().select("form[action$=/supervisor-advice]")).hasSize(1);
        assertThat(page("/staff", OFFICER).document().select("tr.inbox-duty a[href*=" + c.getId() + "]")).isNotEmpty();

        MockHttpServletResponse refused = mvc.perform(post("/api/cases/" + c.getId() + "/supervisor-advice")
                .with(authentication(as(OWNER_AND_OFFICER))).with(csrf()).header(HttpHeaders.ACCEPT_LANGUAGE, "en")
                .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(advice))).andReturn().getResponse();

        assertThat(refused.getStatus()).isEqualTo(403);
        assertThat(JSON.readTree(refused.getContentAsString()).get("reason").asText()).contains("You submitted this case");
        assertThat(mvc.perform(post("/api/cases/" + c.getId() + "/supervisor-advice")
                .with(authentication(as(OFFICER))).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(advice))).andReturn().getResponse().getStatus())
                .isEqualTo(204);
    }

    @Test
    void theAdministratorsPolicyReloadReadsTheFourEyesPolicyToo() throws Exception {
        MockHttpServletResponse reloaded = mvc.perform(post("/api/admin/policies/reload").with(authentication(as("admin"))).with(csrf()))
                .andReturn().getResponse();

        assertThat(reloaded.getStatus()).isEqualTo(200);
        JsonNode fourEyes = null;
        for (JsonNode policy : JSON.readTree(reloaded.getContentAsString()).get("policyFiles")) {
            if (policy.get("served").size() > 0 && policy.get("served").get(0).asText().equals("four-eyes.yaml")) {
                fourEyes = policy;
            }
        }
        assertThat(fourEyes).as("the four-eyes policy among the reloaded policy files").isNotNull();
        assertThat(fourEyes.get("problems")).isEmpty();
    }

    private MockHttpServletResponse completeOverApi(String user, String taskId, String acceptLanguage) throws Exception {
        var request = post("/api/tasks/" + taskId + "/complete").with(authentication(as(user))).with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(Map.of("outcome", "approve", "rationale", "Goedgekeurd.")));
        if (acceptLanguage != null) {
            request.header(HttpHeaders.ACCEPT_LANGUAGE, acceptLanguage);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private long refusalsOf(String user) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM decision_log WHERE event_type = 'authorisation-denied' AND actor_id = ?",
                Long.class, user);
    }
}
