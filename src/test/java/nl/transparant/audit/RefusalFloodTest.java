package nl.transparant.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import nl.transparant.site.ClockedPageTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Refused requests cannot fill the decision log: each record keeps a short normalised path and nothing the person
 * typed, and beyond 20 refusals a minute per person they are counted into one record instead of stored one by one.
 * Real decisions are not limited. The clock is the test's own.
 */
class RefusalFloodTest extends ClockedPageTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private RefusalRecorder refusals;

    @Test
    void twoHundredRefusalsWithHugePathsLeaveABoundedNumberOfSmallRecordsAndTheNextDecisionIsRecorded() throws Exception {
        long before = head();
        String typed = "x".repeat(7_000);
        for (int i = 0; i < 200; i++) {
            int status = mvc.perform(get("/engine-rest/process-instance/" + typed + i + "/variables/ditTypteIemand")
                    .with(authentication(as("owner-bar")))).andReturn().getResponse().getStatus();
            assertThat(status).isEqualTo(403);
        }
        List<Map<String, Object>> stored = jdbc.queryForList(
                "SELECT outcome, payload FROM decision_log WHERE seq > ? AND actor_id = 'owner-bar' ORDER BY seq", before);
        assertThat(stored).as("the first 20 of the minute, one by one").hasSize(20);
        assertThat(stored).allSatisfy(record -> {
            String payload = (String) record.get("payload");
            assertThat(payload.length()).isLessThan(300);
            assertThat(payload).doesNotContain("xxx").doesNotContain("ditTypteIemand")
                    .contains("\"path\":\"/engine-rest/process-instance/{id}/variables/{id}\"");
        });

        clock.advance(Duration.ofMinutes(1));
        refusals.writeFinishedCounts();
        List<Map<String, Object>> counted = jdbc.queryForList(
                "SELECT payload FROM decision_log WHERE seq > ? AND actor_id = 'owner-bar' AND outcome = 'counted'", before);
        assertThat(counted).hasSize(1);
        JsonNode count = JSON.readTree((String) counted.get(0).get("payload"));
        assertThat(count.get("refusals").asLong()).isEqualTo(180);
        assertThat(count.get("storedPerWindow").asInt()).isEqualTo(20);

        String created = mvc.perform(post("/api/cases").with(authentication(as("owner-bar")))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"fields\":{\"name\":\"Na de vloed\"}}"))
                .andReturn().getResponse().getContentAsString();
        String caseId = JSON.readTree(created).get("id").asText();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM decision_log WHERE case_id = ? AND event_type = 'case-created'",
                Long.class, caseId)).as("a real decision right after the flood is recorded").isEqualTo(1);
    }

    @Test
    void theCountOfAWindowIsWrittenAtThePersonsNextStoredRefusalToo() throws Exception {
        long before = head();
        for (int i = 0; i < 25; i++) {
            mvc.perform(get("/api/admin/policies/" + i).with(authentication(as("owner-capelle"))));
        }
        clock.advance(Duration.ofMinutes(1));
        mvc.perform(get("/api/admin/policies").with(authentication(as("owner-capelle"))));
        List<String> outcomes = jdbc.queryForList(
                "SELECT outcome FROM decision_log WHERE seq > ? AND actor_id = 'owner-capelle' ORDER BY seq", String.class, before);
        assertThat(outcomes).hasSize(22);
        assertThat(outcomes.subList(20, 22)).containsExactly("counted", "denied");
        assertThat(log().verify().intact()).isTrue();
    }

    /** A stop in the middle of a window writes what was counted in it (outside tester: those refusals were in no record). */
    @Test
    void theCountOfTheOpenWindowIsWrittenWhenTheNodeStops() throws Exception {
        long before = head();
        for (int i = 0; i < 25; i++) {
            mvc.perform(get("/api/admin/policies/stop-" + i).with(authentication(as("owner-zoetermeer"))));
        }
        refusals.stop();
        try {
            List<Map<String, Object>> counted = jdbc.queryForList(
                    "SELECT payload FROM decision_log WHERE seq > ? AND actor_id = 'owner-zoetermeer' AND outcome = 'counted'", before);
            assertThat(counted).hasSize(1);
            assertThat(JSON.readTree((String) counted.get(0).get("payload")).get("refusals").asLong()).isEqualTo(5);
        } finally {
            refusals.start();
        }
        assertThat(log().verify().intact()).isTrue();
    }

    @Test
    void aServiceRefusalKeepsItsReasonButNotTheValuesItQuotes() {
        assertThat(RefusalRecorder.reasonWithoutQuotedValues("You do not audit organisation 'mijn-eigen-tekst'."))
                .isEqualTo("You do not audit organisation '…'.");
        assertThat(RefusalRecorder.reasonWithoutQuotedValues("Only a privacy officer records the supervisor's advice."))
                .isEqualTo("Only a privacy officer records the supervisor's advice.");
        assertThat(RefusalRecorder.reasonWithoutQuotedValues("y".repeat(5_000))).hasSize(300);
    }

    @Autowired
    private DecisionLog decisionLog;

    private DecisionLog log() {
        return decisionLog;
    }

    private long head() {
        return decisionLog.head().lastSeq();
    }
}
