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

    private CommittedChanges() {
    }

    /** Notes, for the request on this thread (if any), that one of its changes committed. */
    public static void noteCommitted() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(ATTRIBUTE, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
        }
    }

    /** Whether a change of this request committed before it failed. */
    public static boolean inRequest(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(ATTRIBUTE));
    }
}
