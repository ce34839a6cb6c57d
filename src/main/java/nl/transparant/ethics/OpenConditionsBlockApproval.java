package nl.transparant.ethics;

import java.util.List;
import nl.transparant.identity.StaffUser;
import nl.transparant.workflow.review.ApprovalBlocked;
import nl.transparant.workflow.review.ApprovalCondition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code approvalRequires="ethics-conditions-met"}: an approval (the publisher's release) waits until the owner has
 * marked every condition of the ethics committee's approval met.
 */
@Component
class OpenConditionsBlockApproval implements ApprovalCondition {

    static final String KEY = "ethics-conditions-met";

    private final JdbcTemplate jdbc;

    OpenConditionsBlockApproval(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public void check(StaffUser approver, String caseId) {
        Integer open = jdbc.queryForObject("SELECT COUNT(*) FROM ethics_condition WHERE case_id = ? AND state = 'OPEN'",
                Integer.class, caseId);
        if (open != null && open > 0) {
            throw new ApprovalBlocked((open == 1 ? "1 condition of the ethics committee is" : open + " conditions of the ethics committee are")
                    + " still open. The project owner marks each"
                    + " one met on the case; then the entry can be released.", "ethics.release.blocked", List.of(open));
        }
    }
}
