package nl.transparant.ethics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.Cases;
import nl.transparant.ethics.EthicsEvents.EthicsConditionMet;
import nl.transparant.ethics.EthicsEvents.EthicsDecisionReached;
import nl.transparant.ethics.EthicsEvents.EthicsVoteCast;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.problems.ConflictException;
import nl.transparant.problems.FieldProblem;
import nl.transparant.problems.ForbiddenException;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.problems.NotFoundException;
import nl.transparant.problems.PlainText;
import nl.transparant.workflow.review.FourEyesChecks;
import nl.transparant.workflow.review.FourEyesPolicy;
import nl.transparant.workflow.review.ReviewProcess;
import nl.transparant.workflow.review.ReviewTasks;
import nl.transparant.workflow.review.ReviewTask;
import nl.transparant.workflow.review.TaskCompletion;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ethics committee's votes on a case. A member of the committee who serves the case's organisation and did no
 * work on it (the four-eyes rule, {@code policies/four-eyes.yaml}) votes once per review round (one {@code reviewEthics} task); a second vote in the same round is refused,
 * since a vote is a record others may already have read. When the votes reach the quorum of
 * {@code policies/ethics-committee.yaml}, the policy's rule gives the outcome and the review task is completed through
 * {@link ReviewProcess} as the last voter, so the engine's segregation-of-duties and outcome checks still run. On
 * approval the conditions of the votes become tracked items on the case.
 */
@Service
@Transactional
public class EthicsVotes {

    public static final String ACTIVITY = "reviewEthics";
    static final int MAX_CONDITIONS = 20;
    static final int MAX_CONDITION = 1000;

    private final JdbcTemplate jdbc;
    private final Cases cases;
    private final ReviewProcess reviewProcess;
    private final ReviewTasks reviewTasks;
    private final FourEyesChecks fourEyesChecks;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;
    private final Path policyFile;

    EthicsVotes(JdbcTemplate jdbc, Cases cases, ReviewProcess reviewProcess, ReviewTasks reviewTasks,
            FourEyesChecks fourEyesChecks, ApplicationEventPublisher events, ObjectMapper json,
            @Value("${transparant.ethics-committee-policy:${transparant.policies-dir}/ethics-committee.yaml}") Path policyFile) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.reviewProcess = reviewProcess;
        this.reviewTasks = reviewTasks;
        this.fourEyesChecks = fourEyesChecks;
        this.events = events;
        this.json = json;
        this.policyFile = policyFile;
    }

    /** What a member sends: the vote's code, a rationale, and the conditions of a positive vote with conditions. */
    public record Ballot(String vote, String rationale, List<String> conditions) {

        public Ballot {
            conditions = conditions == null ? List.of() : conditions;
        }
    }

    /** The result of a vote: the vote, and the outcome it decided when it completed the quorum. */
    public record Cast(EthicsVote vote, Optional<String> decided) {
    }

    public Cast cast(StaffUser voter, String caseId, Ballot ballot) {
        AlgorithmCase c = cases.read(voter, caseId);
        if (!voter.has(Role.ETHICS_COMMITTEE)) {
            throw new ForbiddenException("Only a member of the ethics committee votes on a case.", "problem.ethics.notMember");
        }
        if (voter.id().equals(c.getSubmittedBy())) {
            throw new ForbiddenException("You submitted this case, so you cannot vote on it: the rest of the committee decides.", "problem.ethics.ownCase");
        }
        ReviewTask round = openRound(voter, c.getId())
                .orElseThrow(() -> ConflictException.of("problem.ethics.notWaiting"));
        fourEyesChecks.requireFourEyes(voter, c.getId(), FourEyesPolicy.ETHICS_VOTE);
        Vote vote = validate(ballot);
        List<String> conditions = ballot.conditions().stream().map(String::strip).toList();
        String rationale = ballot.rationale().strip();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        takeTurn(c.getId(), round.id(), now);
        try {
            jdbc.update("INSERT INTO ethics_vote (case_id, round_id, voter, vote, rationale, conditions, cast_at) VALUES (?,?,?,?,?,?,?)",
                    c.getId(), round.id(), voter.id(), vote.code(), rationale, write(conditions), Timestamp.from(now));
        } catch (DuplicateKeyException e) {
            throw ConflictException.of("problem.ethics.alreadyVoted");
        }
        events.publishEvent(new EthicsVoteCast(c.getId(), round.id(), voter.id(), vote.code(), rationale, conditions));
        List<EthicsVote> roundVotes = votesOfRound(round.id());
        EthicsVote mine = roundVotes.stream().filter(v -> v.voter().equals(voter.id())).findFirst().orElseThrow();
        Optional<String> outcome = policy().decide(roundVotes.stream().map(EthicsVote::vote).toList());
        outcome.ifPresent(decided -> decide(voter, c.getId(), round, roundVotes, decided));
        return new Cast(mine, outcome);
    }

    /** Every vote on the case, all rounds, oldest first; for whoever may read the case. */
    @Transactional(readOnly = true)
    public List<EthicsVote> votes(StaffUser user, String caseId) {
        return jdbc.query("SELECT * FROM ethics_vote WHERE case_id = ? ORDER BY cast_at, id", this::vote,
                cases.read(user, caseId).getId());
    }

    @Transactional(readOnly = true)
    public List<EthicsCondition> conditions(StaffUser user, String caseId) {
        return jdbc.query("SELECT * FROM ethics_condition WHERE case_id = ? ORDER BY id", this::condition,
                cases.read(user, caseId).getId());
    }

    /** The open review round this person may vote in now, if any: an ethics member who has not voted in it yet. */
    @Transactional(readOnly = true)
    public Optional<ReviewTask> roundOpenTo(StaffUser user, AlgorithmCase c) {
        if (!user.has(Role.ETHICS_COMMITTEE) || user.id().equals(c.getSubmittedBy())) {
            return Optional.empty();
        }
        return openRound(user, c.getId()).filter(round -> votesOfRound(round.id()).stream().noneMatch(v -> v.voter().equals(user.id())))
                .filter(round -> fourEyesChecks.fourEyesAllow(user, c.getId(), FourEyesPolicy.ETHICS_VOTE));
    }

    @Transactional(readOnly = true)
    public int quorum() {
        return policy().quorum();
    }

    public EthicsCondition markMet(StaffUser owner, String caseId, long conditionId, String note) {
        AlgorithmCase c = cases.read(owner, caseId);
        if (!owner.has(Role.PROJECT_OWNER)) {
            throw new ForbiddenException("Only a project owner of the case's organisation marks a condition met.", "problem.ethics.notOwner");
        }
        String text = note == null ? "" : note.strip();
        if (text.isEmpty() || text.length() > ReviewProcess.MAX_RATIONALE || PlainText.containsMarkup(text)) {
            throw InvalidInputException.of("problem.ethics.conditionNote", List.of(FieldProblem.of("note",
                    "problem.ethics.conditionNote.note", ReviewProcess.MAX_RATIONALE)));
        }
        EthicsCondition condition = jdbc.query("SELECT * FROM ethics_condition WHERE id = ? AND case_id = ?", this::condition,
                conditionId, c.getId()).stream().findFirst()
                .orElseThrow(() -> NotFoundException.of("problem.notFound.ethicsCondition", caseId, String.valueOf(conditionId)));
        int changed = jdbc.update("UPDATE ethics_condition SET state = 'MET', met_note = ?, met_by = ?, met_at = ? WHERE id = ? AND state = 'OPEN'",
                text, owner.id(), Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS)), condition.id());
        if (changed == 0) {
            throw ConflictException.of("problem.ethics.conditionAlreadyMet");
        }
        // meeting a condition is work the release judges: whoever marked it met does not release the case (four eyes;
        // an owner who also publishes could release on their own word; outside test, 2026-12-06)
        cases.workedOnBy(c.getId(), owner.id());
        events.publishEvent(new EthicsConditionMet(c.getId(), condition.id(), owner.id(), text));
        return jdbc.queryForObject("SELECT * FROM ethics_condition WHERE id = ?", this::condition, condition.id());
    }

    private void decide(StaffUser lastVoter, String caseId, ReviewTask round, List<EthicsVote> roundVotes, String outcome) {
        String summary = roundVotes.stream()
                .map(v -> v.voter() + ": " + v.vote().code() + " – " + v.rationale()
                        + (v.conditions().isEmpty() ? "" : EthicsReasons.CONDITIONS + String.join("; ", v.conditions()) + ")"))
                // stored with codes, the same in every language; EthicsReasons shows it in the reader's
                .collect(Collectors.joining("\n", EthicsReasons.HEADER.formatted(roundVotes.size(), outcome) + "\n", ""));
        if (summary.length() > ReviewProcess.MAX_RATIONALE) {
            summary = summary.substring(0, ReviewProcess.MAX_RATIONALE - 1) + "…";
        }
        events.publishEvent(new EthicsDecisionReached(caseId, round.id(), outcome, roundVotes.size(), lastVoter.id()));
        reviewProcess.completeAfterVote(lastVoter, round.id(), new TaskCompletion(outcome, summary, null));
        if ("approve".equals(outcome)) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            for (EthicsVote v : roundVotes) {
                for (String condition : v.conditions()) {
                    jdbc.update("INSERT INTO ethics_condition (case_id, round_id, text, proposed_by, state, created_at) VALUES (?,?,?,?,'OPEN',?)",
                            caseId, round.id(), condition, v.voter(), Timestamp.from(now));
                }
            }
        }
    }

    /**
     * Locks the round's row until this transaction ends: a concurrent vote in the same round waits here, and then
     * counts this one. Without it, two last votes could each count only themselves and the quorum would go unnoticed.
     */
    private void takeTurn(String caseId, String roundId, Instant now) {
        String update = "UPDATE ethics_round SET last_vote_at = ? WHERE round_id = ?";
        if (jdbc.update(update, Timestamp.from(now), roundId) == 1) {
            return;
        }
        try {
            jdbc.update("INSERT INTO ethics_round (round_id, case_id, last_vote_at) VALUES (?,?,?)", roundId, caseId, Timestamp.from(now));
        } catch (DuplicateKeyException e) {
            jdbc.update(update, Timestamp.from(now), roundId);
        }
    }

    private Optional<ReviewTask> openRound(StaffUser user, String caseId) {
        return reviewTasks.openTasks(user, caseId).stream().filter(t -> ACTIVITY.equals(t.activityId())).findFirst();
    }

    private List<EthicsVote> votesOfRound(String roundId) {
        return jdbc.query("SELECT * FROM ethics_vote WHERE round_id = ? ORDER BY cast_at, id", this::vote, roundId);
    }

    private EthicsPolicy policy() {
        return EthicsPolicy.read(policyFile);
    }

    private static Vote validate(Ballot ballot) {
        List<FieldProblem> problems = new ArrayList<>();
        Optional<Vote> vote = Vote.fromCode(ballot.vote() == null ? "" : ballot.vote());
        if (vote.isEmpty()) {
            problems.add(FieldProblem.of("vote", "problem.ethics.vote.choose"));
        }
        String rationale = ballot.rationale() == null ? "" : ballot.rationale().strip();
        if (!PlainText.hasVisibleText(rationale)) {
            problems.add(FieldProblem.of("rationale", "problem.ethics.rationale.missing"));
        } else if (rationale.length() > ReviewProcess.MAX_RATIONALE) {
            problems.add(FieldProblem.of("rationale", "problem.text.tooLong", ReviewProcess.MAX_RATIONALE));
        } else if (PlainText.containsMarkup(rationale)) {
            problems.add(FieldProblem.of("rationale", "problem.text.markup"));
        }
        List<String> conditions = ballot.conditions();
        if (vote.isPresent() && vote.get() == Vote.POSITIVE_WITH_CONDITIONS && conditions.isEmpty()) {
            problems.add(FieldProblem.of("conditions", "problem.ethics.conditions.missing"));
        } else if (vote.isPresent() && vote.get() != Vote.POSITIVE_WITH_CONDITIONS && !conditions.isEmpty()) {
            problems.add(FieldProblem.of("conditions", "problem.ethics.conditions.notCarried"));
        } else if (conditions.size() > MAX_CONDITIONS) {
            problems.add(FieldProblem.of("conditions", "problem.ethics.conditions.tooMany", MAX_CONDITIONS));
        } else if (conditions.stream().anyMatch(t -> t == null || t.isBlank() || t.strip().length() > MAX_CONDITION
                || PlainText.containsMarkup(t))) {
            problems.add(FieldProblem.of("conditions", "problem.ethics.conditions.eachText", MAX_CONDITION));
        }
        if (!problems.isEmpty()) {
            throw InvalidInputException.of("problem.ethics.vote.invalid", problems);
        }
        return vote.get();
    }

    private String write(List<String> conditions) {
        try {
            return json.writeValueAsString(conditions);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private EthicsVote vote(ResultSet rs, int row) throws SQLException {
        try {
            return new EthicsVote(rs.getLong("id"), rs.getString("case_id"), rs.getString("round_id"), rs.getString("voter"),
                    Vote.fromCode(rs.getString("vote")).orElseThrow(), rs.getString("rationale"),
                    json.readValue(rs.getString("conditions"), new TypeReference<List<String>>() { }),
                    rs.getTimestamp("cast_at").toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Vote " + rs.getLong("id") + " has unreadable conditions", e);
        }
    }

    private EthicsCondition condition(ResultSet rs, int row) throws SQLException {
        Timestamp metAt = rs.getTimestamp("met_at");
        return new EthicsCondition(rs.getLong("id"), rs.getString("case_id"), rs.getString("round_id"), rs.getString("text"),
                rs.getString("proposed_by"), "MET".equals(rs.getString("state")), rs.getTimestamp("created_at").toInstant(),
                rs.getString("met_note"), rs.getString("met_by"), metAt == null ? null : metAt.toInstant());
    }
}
