package nl.transparant.requests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** A body that says nothing of its length (chunked) is counted while it is read and stopped at the limit. */
class BodySizeLimitsTest {

    @Test
    void aChunkedBodyIsStoppedAtTheLimitWhileItIsRead() throws Exception {
        MockHttpServletRequest chunked = new MockHttpServletRequest("POST", "/api/tasks/x/preview") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        chunked.addHeader("Transfer-Encoding", "chunked");
        chunked.setContent(("[" + "1,".repeat((int) BodySizeLimits.DEFAULT_BYTES) + "1]").getBytes());
        MockHttpServletResponse response = new MockHttpServletResponse();
        new BodySizeLimits().doFilter(chunked, response, (request, ignored) -> new ObjectMapper().readTree(request.getInputStream()));
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        // shaped as the application's other problems: the path refused, and no content sniffing (outside test)
        assertThat(new ObjectMapper().readTree(response.getContentAsString()).path("instance").asText()).isEqualTo("/api/tasks/x/preview");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void theImportKeepsItsLargeLimitAndTheRestASmallOne() {
        assertThat(BodySizeLimits.limitFor("/api/register/import")).isEqualTo(64L * 1024 * 1024);
        assertThat(BodySizeLimits.limitFor("/api/cases/x")).isEqualTo(2L * 1024 * 1024);
        assertThat(BodySizeLimits.limitFor("/api/tasks/x/complete")).isEqualTo(1024L * 1024);
        assertThat(BodySizeLimits.limitFor("/engine-rest/deployment/create")).isEqualTo(1024L * 1024);
        assertThat(BodySizeLimits.limitFor("/api/algoritme/NLD")).isEqualTo(64L * 1024);
        assertThat(BodySizeLimits.limitFor("/staff/cases/x/tasks/y")).isEqualTo(2L * 1024 * 1024);
        // a file of evidence larger than its 5 MB is still read, so the service refuses it on the page with what was typed
        assertThat(BodySizeLimits.limitFor("/staff/cases/x/obligations")).isEqualTo(32L * 1024 * 1024);
        assertThat(BodySizeLimits.limitFor("/staff/register/import")).isEqualTo(64L * 1024 * 1024);
        assertThat(BodySizeLimits.limitFor("/login")).isEqualTo(1024L * 1024);
    }
}
