package nl.transparant.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Map;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.CaseStage;
import nl.transparant.screening.DpiaAnswers;
import nl.transparant.screening.PreScanAnswers;
import nl.transparant.site.PageTestSupport;
import nl.transparant.workflow.review.TaskCompletion;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Completions that must change nothing, and say why. A task of one organisation's case, completed by a person of the same
 * role at another organisation: not found (404), and the task stays open for its own organisation (the completion reads
 * the task inside its engine command and checks its organisation itself, not through a tenant-checked task query). A task
 * that ended without being completed is not called completed.
 */
class TaskCompletionRefusalsTest extends PageTestSupport {

    @Test
    void aReviewerOfAnotherOrganisationFindsNoTaskToCompleteAndTheCaseWaitsForItsOwn() throws Exception {
        AlgorithmCase c = draft("owner-zoetermeer", complete(unique("Alleen voor Zoetermeer")));
        cases.submit(staff("owner-zoetermeer"), c.getId());
        completeTask("owner-zoetermeer", c.getId(), "answerPreScan",
                new TaskCompletion(null, null, PreScanAnswers.of("personalData", "largeScale", "matchingDatasets")));
        completeTask("owner-zoetermeer", c.getId(), "fillInDpia", new TaskCompletion(null, null, DpiaAnswers.lowResidualRisk()));
        String review = task("privacy-zoetermeer", c.getId(), "reviewDpia").id();

        MockHttpServletResponse refused = completeOverApi("privacy-nissewaard", review, "{\"outcome\":\"approve\",\"rationale\":\"Niet van ons.\"}");

        assertThat(refused.getStatus()).isEqualTo(404);
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(cases.read(staff("owner-zoetermeer"), c.getId()).getStage()).isEqualTo(CaseStage.DPIA_REVIEW);
        assertThat(cases.decisions(staff("owner-zoetermeer"), c.getId())).noneMatch(d -> "reviewDpia".equals(d.getActivityId()));

        assertThat(completeOverApi("privacy-zoetermeer", review, "{\"outcome\":\"approve\",\"rationale\":\"Akkoord.\"}").getStatus())
                .isEqualTo(200);
        assertThat(cases.decisions(staff("owner-zoetermeer"), c.getId())).anyMatch(d -> "reviewDpia".equals(d.getActivityId())
                && "privacy-zoetermeer".equals(d.getDecidedBy()));
    }

    @Test
    void anOwnerOfAnotherOrganisationCannotAnswerThePreScan() throws Exception {
        AlgorithmCase c = draft("owner-zoetermeer", complete(unique("Pre-scan van Zoetermeer")));
        cases.submit(staff("owner-zoetermeer"), c.getId());
        String preScan = task("owner-zoetermeer", c.getId(), "answerPreScan").id();

        MockHttpServletResponse refused = completeOverApi("owner-nissewaard", preScan,
                new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("answers", PreScanAnswers.of())));

        assertThat(refused.getStatus()).isEqualTo(404);
        assertThat(cases.read(staff("owner-zoetermeer"), c.getId()).getStage()).isEqualTo(CaseStage.PRE_SCAN);
        assertThat(task("owner-zoetermeer", c.getId(), "answerPreScan").id()).isEqualTo(preScan);
    }

    /** Found from the outside: after an emergency stop the pre-scan was "already completed", by nobody. */
    @Test
    void aTaskEndedByAnEmergencyStopIsNotCalledCompleted() throws Exception {
        AlgorithmCase c = draft("owner-zoetermeer", complete(unique("Noodstop")));
        cases.submit(staff("owner-zoetermeer"), c.getId());
        String preScan = task("owner-zoetermeer", c.getId(), "answerPreScan").id();
        assertThat(mvc.perform(post("/api/admin/cases/" + c.getId() + "/emergency").with(authentication(as("admin")))
                .contentType(MediaType.APPLICATION_JSON).content("{\"action\":\"stop\",\"reason\":\"Verkeerd ingediend.\"}"))
                .andReturn().getResponse().getStatus()).isEqualTo(200);

        MockHttpServletResponse refused = completeOverApi("owner-zoetermeer", preScan,
                new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("answers", PreScanAnswers.of())));

        assertThat(refused.getStatus()).isEqualTo(409);
        assertThat(refused.getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("beëindigd zonder dat iemand haar afrondde").doesNotContain("al afgerond");
    }

    /**
     * Found from the outside: a publisher whose release was stored but not answered sent it again and was told the task
     * was completed "by" themselves, by name, as if by someone else.
     */
    @Test
    void aCompletionSentAgainByWhoeverCompletedItSaysTheyDid() throws Exception {
        AlgorithmCase c = draft("owner-zoetermeer", complete(unique("Twee keer verstuurd")));
        cases.submit(staff("owner-zoetermeer"), c.getId());
        String preScan = task("owner-zoetermeer", c.getId(), "answerPreScan").id();
        String body = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("answers", PreScanAnswers.of()));
        assertThat(completeOverApi("owner-zoetermeer", preScan, body).getStatus()).isEqualTo(200);

        MockHttpServletResponse again = completeOverApi("owner-zoetermeer", preScan, body);

        assertThat(again.getStatus()).isEqualTo(409);
        assertThat(again.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("U heeft deze taak al afgerond.");
    }

    private MockHttpServletResponse completeOverApi(String user, String taskId, String body) throws Exception {
        return mvc.perform(post("/api/tasks/" + taskId + "/complete").with(authentication(as(user)))
                .contentType(MediaType.APPLICATION_JSON).content(body)).andReturn().getResponse();
    }
}
