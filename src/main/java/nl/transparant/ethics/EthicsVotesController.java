package nl.transparant.ethics;

import java.time.Instant;
import java.util.List;
import nl.transparant.identity.StaffUser;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The ethics committee's votes on a case, and the owner marking a condition of the approval met. */
@RestController
class EthicsVotesController {

    private final EthicsVotes ethicsVotes;

    EthicsVotesController(EthicsVotes ethicsVotes) {
        this.ethicsVotes = ethicsVotes;
    }

    @PostMapping("/api/cases/{caseId}/ethics-votes")
    @ResponseStatus(HttpStatus.CREATED)
    CastResponse cast(StaffUser user, @PathVariable String caseId, @RequestBody VoteRequest request) {
        EthicsVotes.Cast cast = ethicsVotes.cast(user, caseId,
                new EthicsVotes.Ballot(request.vote(), request.rationale(), request.conditions()));
        return new CastResponse(VoteView.of(cast.vote()), cast.decided().orElse(null));
    }

    @GetMapping("/api/cases/{caseId}/ethics-votes")
    VotesResponse votes(StaffUser user, @PathVariable String caseId) {
        return new VotesResponse(ethicsVotes.quorum(), ethicsVotes.votes(user, caseId).stream().map(VoteView::of).toList(),
                ethicsVotes.conditions(user, caseId));
    }

    @PostMapping("/api/cases/{caseId}/conditions/{conditionId}/met")
    EthicsCondition met(StaffUser user, @PathVariable String caseId, @PathVariable long conditionId, @RequestBody MetRequest request) {
        return ethicsVotes.markMet(user, caseId, conditionId, request.note());
    }

    record VoteRequest(String vote, String rationale, List<String> conditions) {
    }

    record MetRequest(String note) {
    }

    record VoteView(long id, String round, String voter, String vote, String rationale, List<String> conditions, Instant castAt) {

        static VoteView of(EthicsVote v) {
            return new VoteView(v.id(), v.roundId(), v.voter(), v.vote().code(), v.rationale(), v.conditions(), v.castAt());
        }
    }

    /** @param decided the outcome this vote decided, when it completed the quorum; null otherwise */
    record CastResponse(VoteView vote, String decided) {
    }

    record VotesResponse(int quorum, List<VoteView> votes, List<EthicsCondition> conditions) {
    }
}
