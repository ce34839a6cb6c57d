package nl.transparant.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

/** Every page forbids inline script and framing; the Camunda web apps keep their own policy. */
class SecurityHeadersTest extends PageTestSupport {

    @Test
    void publicAndStaffPagesCarryAStrictContentSecurityPolicy() throws Exception {
        for (MockHttpServletResponse response : new MockHttpServletResponse[] {
                mvc.perform(get("/register")).andReturn().getResponse(),
                mvc.perform(get("/login")).andReturn().getResponse(),
                mvc.perform(get("/staff").with(authentication(as("owner-zoetermeer")))).andReturn().getResponse()}) {
            String policy = response.getHeader("Content-Security-Policy");
            assertThat(policy).contains("script-src 'self'").contains("style-src 'self'").contains("frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline");
            assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
            assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(response.getHeader("Referrer-Policy")).isEqualTo("same-origin");
        }
    }

    @Test
    void theCamundaWebAppsAreLeftToTheirOwnPolicy() throws Exception {
        MockHttpServletResponse response = mvc.perform(get("/camunda/app/cockpit/default/")).andReturn().getResponse();
        assertThat(response.getHeader("Content-Security-Policy")).isNull();
    }
}
