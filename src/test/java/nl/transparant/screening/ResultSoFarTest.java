package nl.transparant.screening;

import static nl.transparant.site.PageChecks.assertWellFormedPage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.CaseStage;
import nl.transparant.site.PageTestSupport;
import nl.transparant.workflow.review.ReviewTask;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * After "Save for later" the case page shows what the saved answers conclude so far, from the policy in service
 * (the pre-scan's DPIA level with the criteria that fired), in Dutch and English, while nothing is recorded: no
 * screening record, no decision log record, and the task stays open. The same result is given as JSON by
 * {@code POST /api/tasks/{id}/preview}.
 */
class ResultSoFarTest extends PageTestSupport {

    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    Screenings screenings;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aSavedDraftWithTwoWp248FeaturesShowsThatADpiaIsRequiredAndWhyRecordingOnlyTheDraft() throws Exception {
        AlgorithmCase c = draft("owner-zoetermeer", complete(unique("Tussenstand pre-scan")));
        cases.submit(staff("owner-zoetermeer"), c.getId());
        ReviewTask task = task("owner-zoetermeer", c.getId(), "answerPreScan");
        String casePage = "/staff/cases/" + c.getId();
        assertThat(page(casePage, "owner-zoetermeer").document().select(".result-so-far")).as("no draft, no result so far").isEmpty();
        int logRecordsBefore = logRecords(c.getId());

        page(form(casePage + "/tasks/" + task.id(), "owner-zoetermeer")
                .param("prescan[1.1]", "true")
                .param("prescan[3.1]", "large_scale", "matching_datasets")
                .param("action", "draft"))
                .assertStatus(302);

        Document dutch = page(casePage, "owner-zoetermeer").assertStatus(200).document();
        assertWellFormedPage(dutch);
        assertThat(dutch.select(".result-so-far h4").text()).isEqualTo("Tussenstand");
        assertThat(dutch.select(".result-so-far [data-assessment=dpia] .result-so-far__result").text())
                .isEqualTo("DPIA verplicht, omdat:");
        assertThat(dutch.select(".result-so-far [data-criterion]").eachAttr("data-criterion")).containsExactly("edpb_two_or_more");
        assertThat(dutch.select(".result-so-far [data-criterion=edpb_two_or_more]").text())
                .isEqualTo("De verwerking heeft twee of meer van de negen kenmerken van de EDPB (WP248).");
        assertThat(dutch.select("input[name=\"prescan[3.1]\"][checked]").eachAttr("value"))
                .containsExactlyInAnyOrder("large_scale", "matching_datasets");

        Document english = page(casePage + "?lang=en", "owner-zoetermeer").assertStatus(200).document();
        assertWellFormedPage(english);
        assertThat(english.select(".result-so-far h4").text()).isEqualTo("Result so far");
        assertThat(english.select(".result-so-far [data-assessment=dpia] .result-so-far__result").text())
                .isEqualTo("DPIA required, because:");
        assertThat(english.select(".result-so-far [data-criterion=edpb_two_or_more]").text())
                .isEqualTo("The processing has two or more of the nine EDPB features (WP248).");

        assertThat(screenings.all(c.getId())).as("no screening record").isEmpty();
        // the saved draft is a change to the case, recorded as such; the result so far is not an assessment and records nothing
        assertThat(logRecords(c.getId())).as("one decision log record: the draft").isEqualTo(logRecordsBefore + 1);
        assertThat(jdbc.queryForObject("SELECT event_type FROM decision_log WHERE case_id = ? ORDER BY seq DESC LIMIT 1", String.class,
                c.getId())).isEqualTo("task-draft-saved");
        assertThat(cases.read(staff("owner-zoetermeer"), c.getId()).getStage()).isEqualTo(CaseStage.PRE_SCAN);
        assertThat(task("owner-zoetermeer", c.getId(), "answerPreScan").id()).as("the task is still open").isEqualTo(task.id());
    }

    @Test
    void oneWp248FeatureSavedForLaterShowsThatADpiaIsRecommended() throws Exception {
        AlgorithmCase c = draft("owner-zoetermeer", complete(unique("Tussenstand aanbevolen")));
        cases.submit(staff("owner-zoetermeer"), c.getId());
        ReviewTask task = task("owner-zoetermeer", c.getId(), "answerPreScan");
        String casePage = "/staff/cases/" + c.getId();

        page(form(casePage + "/tasks/" + task.id(), "owner-zoetermeer")
                .param("prescan[1.1]", "true")
                .param("prescan[3.1]", "large_scale")
                .param("action", "draft"))
                .assertStatus(302);

        Document dutch = page(casePage, "owner-zoetermeer").assertStatus(200).document();
        assertThat(dutch.select(".result-so-far [data-assessment=dpia] .result-so-far__result").text())
                .isEqualTo("DPIA aanbevolen, omdat:");
        assertThat(dutch.select(".result-so-far [data-criterion]").eachAttr("data-criterion")).containsExactly("edpb_exactly_one");
        assertThat(screenings.all(c.getId())).isEmpty();
    }

    @Test
    void theApiGivesTheResultSoFarOfAnswersToWhoeverMayCompleteTheTaskAndRecordsNothing() throws Exception {
        AlgorithmCase c = draft("owner-zoetermeer", complete(unique("Tussenstand via de API")));
        cases.submit(staff("owner-zoetermeer"), c.getId());
        ReviewTask task = task("owner-zoetermeer", c.getId(), "answerPreScan");
        int logRecordsBefore = logRecords(c.getId());
        Map<String, Object> answers = Map.of("prescan", Map.of("1.1", true, "3.1", List.of("large_scale", "matching_datasets")),
                "aiAct", Map.of("1", "Ja"));

        MockHttpServletResponse preview = preview("owner-zoetermeer", task.id(), answers);

        assertThat(preview.getStatus()).isEqualTo(200);
        JsonNode result = JSON.readTree(preview.getContentAsString());
        assertThat(result.path("recorded").asBoolean(true)).isFalse();
        assertThat(result.path("levels").path("dpia").asText()).isEqualTo("required");
        assertThat(result.path("results").path("dpia").asText()).isEqualTo("DPIA verplicht");
        assertThat(result.path("criteria").path("dpia").findValuesAsText("id")).containsExactly("edpb_two_or_more");
        assertThat(result.path("criteria").path("dpia").get(0).path("explanation").asText()).contains("WP248");
        assertThat(result.path("scores").path("criteria_count").asDouble()).isEqualTo(2.0);
        assertThat(result.path("definition").asText()).startsWith("urn:nl:transparantprescan");
        assertThat(result.path("aiAct").path("status").asText()).isEqualTo("AWAITING_ANSWER");
        assertThat(result.path("aiAct").path("nextQuestionId").asText()).isEqualTo("2");

        JsonNode none = JSON.readTree(preview("owner-zoetermeer", task.id(), Map.of("prescan", Map.of("1.1", false))).getContentAsString());
        assertThat(none.path("levels").path("dpia").isNull()).as("no level reached yet").isTrue();

        MockHttpServletResponse wrong = preview("owner-zoetermeer", task.id(), Map.of("prescan", Map.of("9.9", "Geen vraag")));
        assertThat(wrong.getStatus()).isEqualTo(400);
        assertThat(wrong.getContentType()).startsWith("application/problem+json");
        assertThat(JSON.readTree(wrong.getContentAsString()).path("errors").findValuesAsText("field")).containsExactly("answers.prescan.9.9");
        assertThat(preview("privacy-zoetermeer", task.id(), answers).getStatus()).isEqualTo(403);

        assertThat(screenings.all(c.getId())).isEmpty();
        assertThat(logRecords(c.getId())).isEqualTo(logRecordsBefore);
        assertThat(taskDrafts.saved(staff("owner-zoetermeer"), task.id())).as("a preview saves no draft").isEmpty();
        assertThat(cases.read(staff("owner-zoetermeer"), c.getId()).getStage()).isEqualTo(CaseStage.PRE_SCAN);
    }

    private MockHttpServletResponse preview(String user, String taskId, Map<String, Object> answers) throws Exception {
        return mvc.perform(post("/api/tasks/" + taskId + "/preview").with(authentication(as(user)))
                .contentType(MediaType.APPLICATION_JSON).content(JSON.writeValueAsString(Map.of("answers", answers))))
                .andReturn().getResponse();
    }

    @Test
    void whileTypingThePageAsksForTheResultSoFarOfTheFormAsItStandsAndNothingIsSavedOrRecorded() throws Exception {
        AlgorithmCase c = draft("owner-zoetermeer", complete(unique("Tussenstand tijdens het typen")));
        cases.submit(staff("owner-zoetermeer"), c.getId());
        ReviewTask task = task("owner-zoetermeer", c.getId(), "answerPreScan");
        String casePage = "/staff/cases/" + c.getId();

        Document page = page(casePage, "owner-zoetermeer").assertStatus(200).document();
        assertWellFormedPage(page);
        org.jsoup.nodes.Element live = page.selectFirst("#task-" + task.id() + " ~ [data-result-so-far]");
        assertThat(live.attr("data-result-so-far")).isEqualTo(casePage + "/tasks/" + task.id() + "/result-so-far");
        assertThat(live.attr("aria-live")).isEqualTo("polite");
        assertThat(page.select("script[src=/js/questionnaire.js]")).hasSize(1);
        assertThat(page.select("script:not([src])")).as("no inline script: the page policy forbids it").isEmpty();
        int logRecordsBefore = logRecords(c.getId());

        Page part = page(form(live.attr("data-result-so-far"), "owner-zoetermeer")
                .param("prescan[1.1]", "true")
                .param("prescan[3.1]", "large_scale", "matching_datasets")
                .param("rationale", ""))
                .assertStatus(200);
        assertThat(part.document().select("header, nav, h1")).as("only the result so far").isEmpty();
        assertThat(part.document().select(".result-so-far [data-assessment=dpia] .result-so-far__result").text())
                .isEqualTo("DPIA verplicht, omdat:");
        assertThat(part.document().select(".result-so-far [data-criterion]").eachAttr("data-criterion")).containsExactly("edpb_two_or_more");
        assertThat(part.document().select(".result-so-far .hint").text()).startsWith("Dit volgt uit de antwoorden die u tot nu toe gaf.");
        assertThat(page(form(live.attr("data-result-so-far") + "?lang=en", "owner-zoetermeer").param("prescan[1.1]", "true")
                .param("prescan[3.1]", "large_scale")).assertStatus(200).document()
                .select(".result-so-far [data-assessment=dpia] .result-so-far__result").text()).isEqualTo("DPIA recommended, because:");

        assertThat(screenings.all(c.getId())).as("no screening record").isEmpty();
        assertThat(logRecords(c.getId())).as("no decision log record").isEqualTo(logRecordsBefore);
        assertThat(taskDrafts.saved(staff("owner-zoetermeer"), task.id())).as("no draft saved").isEmpty();
        assertThat(task("owner-zoetermeer", c.getId(), "answerPreScan").id()).as("the task is still open").isEqualTo(task.id());

        page(form(live.attr("data-result-so-far"), "privacy-zoetermeer").param("prescan[1.1]", "true")).assertStatus(403);
        page(form(casePage + "/tasks/no-such-task/result-so-far", "owner-zoetermeer").param("prescan[1.1]", "true")).assertStatus(404);
    }

    private int logRecords(String caseId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM decision_log WHERE case_id = ?", Integer.class, caseId);
    }
}
