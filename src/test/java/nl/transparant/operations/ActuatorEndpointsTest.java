package nl.transparant.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.transparant.site.PageTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Health for everyone (status only), the Prometheus metrics with the product's own gauges for administrators only. */
class ActuatorEndpointsTest extends PageTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anyoneSeesWhetherTheApplicationIsUpButNoDetails() throws Exception {
        for (String path : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            MockHttpServletResponse response = call(get(path));
            assertThat(response.getStatus()).as(path).isEqualTo(200);
            JsonNode health = JSON.readTree(response.getContentAsString());
            assertThat(health.path("status").asText()).isEqualTo("UP");
            assertThat(health.has("components")).as("components of %s", path).isFalse();
            assertThat(health.has("details")).isFalse();
        }
    }

    @Test
    void anAdministratorSeesThatReadinessIncludesTheDatabase() throws Exception {
        JsonNode readiness = JSON.readTree(call(get("/actuator/health/readiness").with(authentication(as("admin")))).getContentAsString());
        assertThat(readiness.path("components").path("db").path("status").asText()).isEqualTo("UP");
        JsonNode liveness = JSON.readTree(call(get("/actuator/health/liveness").with(authentication(as("admin")))).getContentAsString());
        assertThat(liveness.path("components").has("db")).as("a database outage must not restart the node").isFalse();
    }

    @Test
    void metricsAreForAdministratorsOnly() throws Exception {
        MockHttpServletResponse anonymous = call(get("/actuator/prometheus"));
        assertThat(anonymous.getStatus()).isEqualTo(401);
        assertThat(anonymous.getContentType()).startsWith("application/problem+json");
        for (String staff : new String[] {"owner-zoetermeer", "auditor-regional", "publisher-zoetermeer"}) {
            assertThat(call(get("/actuator/prometheus").with(authentication(as(staff)))).getStatus()).as(staff).isEqualTo(403);
        }
        assertThat(call(get("/actuator/prometheus").with(authentication(as("admin")))).getStatus()).isEqualTo(200);
    }

    @Test
    void noOtherActuatorEndpointIsReachable() throws Exception {
        for (String path : new String[] {"/actuator", "/actuator/env", "/actuator/beans", "/actuator/metrics", "/actuator/info",
                "/actuator/heapdump", "/actuator/threaddump", "/actuator/loggers", "/actuator/configprops"}) {
            assertThat(call(get(path)).getStatus()).as("anonymous " + path).isIn(401, 404);
            assertThat(call(get(path).with(authentication(as("admin")))).getStatus()).as("admin " + path).isIn(403, 404);
        }
    }

    @Test
    void theGaugesCountCasesTasksJobsAndPublications() throws Exception {
        String before = metrics();
        double drafts = value(before, "transparant_cases\\{[^}]*stage=\"draft\"[^}]*}");
        double preScans = value(before, "transparant_tasks_open\\{[^}]*task=\"answerPreScan\"[^}]*}");
        double versions = value(before, "transparant_register_versions\\{[^}]*}");
        double entries = value(before, "transparant_register_entries\\{[^}]*}");

        draft("owner-zoetermeer", complete(unique("Metriek concept")));
        var submitted = draft("owner-zoetermeer", complete(unique("Metriek pre-scan")));
        cases.submit(staff("owner-zoetermeer"), submitted.getId());
        published("owner-zoetermeer", "publisher-zoetermeer", complete(unique("Metriek gepubliceerd")));

        // the gauges answer from a snapshot at most MeasuredSnapshot.DEFAULT_MAX_AGE old: they move once it is renewed
        String after = await().atMost(MeasuredSnapshot.DEFAULT_MAX_AGE.multipliedBy(3)).pollInterval(Duration.ofMillis(250))
                .until(this::metrics, m -> value(m, "transparant_register_versions\\{[^}]*}") == versions + 1
                        && value(m, "transparant_cases\\{[^}]*stage=\"draft\"[^}]*}") == drafts + 1
                        && value(m, "transparant_tasks_open\\{[^}]*task=\"answerPreScan\"[^}]*}") == preScans + 1);
        assertThat(value(after, "transparant_cases\\{[^}]*stage=\"draft\"[^}]*}")).isEqualTo(drafts + 1);
        assertThat(value(after, "transparant_tasks_open\\{[^}]*task=\"answerPreScan\"[^}]*}")).isEqualTo(preScans + 1);
        assertThat(value(after, "transparant_tasks_oldest_age_seconds\\{[^}]*task=\"answerPreScan\"[^}]*}")).isGreaterThanOrEqualTo(0);
        assertThat(value(after, "transparant_register_versions\\{[^}]*}")).isEqualTo(versions + 1);
        assertThat(value(after, "transparant_register_entries\\{[^}]*}")).isEqualTo(entries + 1);
        assertThat(value(after, "transparant_jobs_executable\\{[^}]*}")).isGreaterThanOrEqualTo(0);
        assertThat(value(after, "transparant_jobs_failed\\{[^}]*}")).isEqualTo(0);
        assertThat(value(after, "transparant_rereviews_overdue\\{[^}]*}")).isEqualTo(0);
        // a task definition nobody has reached yet is there, at zero
        assertThat(after).containsPattern("transparant_tasks_open\\{[^}]*task=\"reviewDpia\"[^}]*}");
        // the engine's and the JVM's own meters come along
        assertThat(after).contains("hikaricp_connections_active").contains("jvm_memory_used_bytes");
    }

    private String metrics() throws Exception {
        MockHttpServletResponse response = call(get("/actuator/prometheus").with(authentication(as("admin"))));
        assertThat(response.getStatus()).isEqualTo(200);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    private static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(scrape);
        assertThat(m.find()).as("series %s in%n%s", series, scrape).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private MockHttpServletResponse call(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }
}
