package nl.transparant.problems;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Whether a change made by the current request has already committed. A request that stores a change and then reads
 * what it answers with can lose the database in between: its 503 then must not say that nothing was stored. A person
 * told so sent a release again and was refused as having completed it already (outside tester: the database stopped
 * just after a publisher's release). Every change to a case commits with its decision-log record, so the decision log
 * notes each commit here; the problem answers and error pages read it.
 */
public final class CommittedChanges {

    private static final String ATTRIBUTE = CommittedChanges.class.getName() + ".committed";

    /** What is known of the request's changes when it failed. */
    public enum Outcome {
        /** none of its changes reached a commit */
        NOTHING_STORED,
        /** a commit of one failed on the way (the connection lost during it): the database may have kept it */
        MAYBE_STORED,
        /** one of its changes committed */
        STORED
    }

    private CommittedChanges() {
    }

    /** Notes, for the request on this thread (if any), that one of its changes committed. */
    public static void noteCommitted() {
        note(Outcome.STORED);
    }

    /**
     * Notes that a commit of one of its changes failed on the way: the database may have kept it, and only a read
     * says (outside tester: a step answered "nothing stored" was in the case's decisions).
     */
    public static void noteCommitUnknown() {
        note(Outcome.MAYBE_STORED);
    }

    private static void note(Outcome outcome) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && outcome.compareTo(current(request.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST))) > 0) {
            request.setAttribute(ATTRIBUTE, outcome, RequestAttributes.SCOPE_REQUEST);
        }
    }

    private static Outcome current(Object noted) {
        return noted instanceof Outcome outcome ? outcome : Outcome.NOTHING_STORED;
    }

    /** What is known of this request's changes. */
    public static Outcome inRequest(HttpServletRequest request) {
        return current(request.getAttribute(ATTRIBUTE));
    }
}
