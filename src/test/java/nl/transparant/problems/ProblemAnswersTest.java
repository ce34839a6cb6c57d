package nl.transparant.problems;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Every refusal answered outside the handlers has the handlers' shape, and repeats only a plain address. */
class ProblemAnswersTest {

    @Test
    void aRefusalNamesThePlainPathAndForbidsSniffing() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        ProblemAnswers.write(response, ProblemAnswers.of(new MockHttpServletRequest("POST", "/api/tasks/abc-1/complete"), 403, "Geen toegang", "Nee."));
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"instance\":\"/api/tasks/abc-1/complete\"", "\"title\":\"Geen toegang\"");
    }

    @Test
    void anAddressThatIsNotPlainIsNotRepeated() {
        for (String path : new String[] {"/api//cases", "/api/cases;x=y", "/api/cases/%25", "/api/../x", "/a/.hidden", "/" + "x".repeat(300)}) {
            assertThat(ProblemAnswers.of(new MockHttpServletRequest("GET", path), 400, "t", "d")).as(path).doesNotContainKey("instance");
        }
    }
}
