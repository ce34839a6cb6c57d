package nl.transparant.ethics;

import java.util.List;
import java.util.Locale;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.CasePageSection;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.workflow.review.ReviewTasks;
import nl.transparant.workflow.review.ReviewTask;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The committee's part of the case page: the vote form for a member who may still vote in the open round (in place
 * of completing the review task directly), the votes so far, and the conditions of an approval with their state.
 */
@Component
class EthicsCaseSection implements CasePageSection {

    private final EthicsVotes ethicsVotes;
    private final ReviewTasks reviewTasks;

    EthicsCaseSection(EthicsVotes ethicsVotes, ReviewTasks reviewTasks) {
        this.ethicsVotes = ethicsVotes;
        this.reviewTasks = reviewTasks;
    }

    /**
     * @param roundTaskId  the open {@code reviewEthics} task, decided by votes rather than a direct completion; null when none
     * @param canVote      whether this person may vote in that round now
     * @param canMarkMet   whether this person marks conditions met: a project owner of the case's organisation
     * @param openConditions how many conditions are not yet met (the publisher sees them before releasing)
     */
    record EthicsPanel(String caseId, String roundTaskId, boolean canVote, int quorum, List<EthicsVote> roundVotes,
            List<EthicsVote> earlierVotes, List<EthicsCondition> conditions, long openConditions, boolean canMarkMet, String viewer) {

        /** This person's vote in the open round, if they cast one: they see that they voted, and that the others decide now. */
        public EthicsVote myVote() {
            return roundVotes.stream().filter(v -> v.voter().equals(viewer)).findFirst().orElse(null);
        }

        public List<String> voteChoices() {
            return java.util.Arrays.stream(Vote.values()).map(Vote::code).toList();
        }

        public boolean hidesTask(String taskId) {
            return taskId.equals(roundTaskId);
        }
    }

    @Override
    public void addTo(StaffUser user, AlgorithmCase c, Model model, Locale locale) {
        String roundTaskId = c.getStage().closed() || c.getProcessInstanceId() == null
                ? null
                : reviewTasks.openTasks(user, c.getId()).stream().filter(t -> EthicsVotes.ACTIVITY.equals(t.activityId()))
                        .map(ReviewTask::id).findFirst().orElse(null);
        List<EthicsVote> votes = ethicsVotes.votes(user, c.getId());
        List<EthicsCondition> conditions = ethicsVotes.conditions(user, c.getId());
        if (roundTaskId == null && votes.isEmpty() && conditions.isEmpty()) {
            return;
        }
        boolean canVote = ethicsVotes.roundOpenTo(user, c).isPresent();
        model.addAttribute("ethics", new EthicsPanel(c.getId(), roundTaskId, canVote, ethicsVotes.quorum(),
                votes.stream().filter(v -> v.roundId().equals(roundTaskId)).toList(),
                votes.stream().filter(v -> !v.roundId().equals(roundTaskId)).toList(),
                conditions, conditions.stream().filter(k -> !k.met()).count(), user.has(Role.PROJECT_OWNER), user.id()));
    }
}
