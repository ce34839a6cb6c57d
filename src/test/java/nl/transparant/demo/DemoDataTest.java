package nl.transparant.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import nl.transparant.support.Publications;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The demo cases of {@code src/main/resources/demo/cases.json} go through the real process at start, with complete
 * answers to the policies in {@code policies/}: each ends where the README says it stands, and the published ones are
 * in the register with the assessments that were done.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:demo-data;MODE=MariaDB;DB_CLOSE_DELAY=-1",
        "transparant.demo-data=true"})
class DemoDataTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ManagementService managementService;
    @Autowired
    RuntimeService runtimeService;

    @Test
    void theFiveDemoCasesStandWhereTheReadmeSays() {
        List<Map<String, Object>> demo = jdbc.queryForList("SELECT id, stage, closing_reason FROM algorithm_case ORDER BY created_at, id");
        demo.forEach(c -> Publications.await(managementService, runtimeService, (String) c.get("id")));

        List<String> stages = jdbc.queryForList("SELECT stage FROM algorithm_case ORDER BY created_at, id", String.class);
        assertThat(stages).containsExactly("PUBLISHED", "PUBLISHED", "REJECTED", "DPIA", "PRE_SCAN");
        List<String> kinds = jdbc.queryForList("SELECT kind FROM screening_record WHERE case_id = ? ORDER BY id", String.class,
                demo.get(2).get("id"));
        assertThat(kinds).as("the welfare risk model: pre-scan, DPIA, IAMA").containsExactly("pre-scan", "dpia", "iama");
        String capelle = jdbc.queryForObject("SELECT fields FROM published_entry WHERE case_id = ?", String.class, demo.get(1).get("id"));
        assertThat(capelle).contains("Data Protection Impact Assessment (DPIA)").doesNotContain("(IAMA)");
    }
}
