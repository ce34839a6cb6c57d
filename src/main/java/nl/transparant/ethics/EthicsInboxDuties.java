package nl.transparant.ethics;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.review.InboxDuties;
import nl.transparant.workflow.review.ReviewTask;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The committee's work in "Mijn werk": an owner sees the conditions they still have to meet (the release waits for
 * them, and no engine task says so), and a member who voted sees that they did, instead of a task they cannot act on.
 */
@Component
@Transactional(readOnly = true)
class EthicsInboxDuties implements InboxDuties {

    static final String ANCHOR = "ethics-title";

    private final JdbcTemplate jdbc;

    EthicsInboxDuties(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Duty> dutiesOf(StaffUser user, Collection<AlgorithmCase> visible) {
        if (!user.has(Role.PROJECT_OWNER) || visible.isEmpty()) {
            return List.of();
        }
        Map<String, AlgorithmCase> open = visible.stream().filter(c -> !c.getStage().closed())
                .collect(Collectors.toMap(AlgorithmCase::getId, Function.identity()));
        if (open.isEmpty()) {
            return List.of();
        }
        // one query for every open condition of the person's organisations; only the cases they may see are kept
        return jdbc.query("SELECT case_id, COUNT(*) AS open_count, MIN(created_at) AS since FROM ethics_condition"
                        + " WHERE state = 'OPEN' GROUP BY case_id",
                (rs, row) -> new Duty(rs.getString("case_id"), "inbox.duty.ethicsConditions", List.of(rs.getInt("open_count")),
                        ANCHOR, Role.PROJECT_OWNER.roleName(), rs.getTimestamp("since").toInstant()))
                .stream().filter(duty -> open.containsKey(duty.caseId())).toList();
    }

    @Override
    public Optional<String> donePart(StaffUser user, ReviewTask task) {
        if (!EthicsVotes.ACTIVITY.equals(task.activityId())) {
            return Optional.empty();
        }
        Integer votes = jdbc.queryForObject("SELECT COUNT(*) FROM ethics_vote WHERE round_id = ? AND voter = ?", Integer.class,
                task.id(), user.id());
        return votes != null && votes > 0 ? Optional.of("inbox.voted") : Optional.empty();
    }
}
