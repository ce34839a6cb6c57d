package nl.transparant.review;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.identity.StaffUser;
import nl.transparant.workflow.review.ReviewTask;

/**
 * What another module adds to "Mijn werk" (such as the ethics committee's conditions): duties a person has that are
 * not an engine task, and a word on a task this person already did their part of. Lets such a module show its work
 * there without {@code review} depending on it.
 */
public interface InboxDuties {

    /**
     * A duty outside the engine's tasks.
     *
     * @param messageKey the duty in words, with {@code arguments}
     * @param anchor     the part of the case page where it is done
     * @param role       the role in which the person has the duty
     */
    record Duty(String caseId, String messageKey, List<Object> arguments, String anchor, String role, Instant since) {
    }

    /** This person's open duties among the cases they may see. */
    List<Duty> dutiesOf(StaffUser user, Collection<AlgorithmCase> visible);

    /** A message key saying this person already did their part of the task (and so cannot act on it); empty if not. */
    default Optional<String> donePart(StaffUser user, ReviewTask task) {
        return Optional.empty();
    }
}
