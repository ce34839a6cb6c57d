package nl.transparant.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApplicationUserGrantsTest {

    @Test
    void theLogIsAppendOnlyItsHeadMovesAndEverythingElseIsOrdinaryData() {
        assertThat(ApplicationUserGrants.rightsOn("decision_log")).isEqualTo("SELECT, INSERT");
        assertThat(ApplicationUserGrants.rightsOn("decision_log_head")).isEqualTo("SELECT, UPDATE");
        assertThat(ApplicationUserGrants.rightsOn("flyway_schema_history")).isNull();
        assertThat(ApplicationUserGrants.rightsOn("ACT_RU_TASK")).isEqualTo("SELECT, INSERT, UPDATE, DELETE");
        assertThat(ApplicationUserGrants.rightsOn("algorithm_case")).isEqualTo("SELECT, INSERT, UPDATE, DELETE");
    }

    @Test
    void whatIsTakenAwayIsEveryOtherTablePrivilegeAndNeverAWantedOne() {
        assertThat(ApplicationUserGrants.rightsBeyond("SELECT, INSERT", true))
                .contains("UPDATE", "DELETE", "DROP", "ALTER", "TRIGGER", "GRANT OPTION", "DELETE HISTORY")
                .doesNotContain("SELECT", "INSERT");
        assertThat(ApplicationUserGrants.rightsBeyond("SELECT, INSERT, UPDATE, DELETE", false))
                .doesNotContain("SELECT", "INSERT", "UPDATE", "DELETE", "DELETE HISTORY").contains("DROP");
    }

    @Test
    void theAccountIsANameWithAnOptionalHostAndNothingElse() {
        new ApplicationUserGrants("transparant_app@10.0.%");
        new ApplicationUserGrants("");
        assertThatThrownBy(() -> new ApplicationUserGrants("app'@'%'; DROP TABLE decision_log; --"))
                .hasMessageContaining("name or name@host");
    }
}
