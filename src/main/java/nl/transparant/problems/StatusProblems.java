package nl.transparant.problems;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The problem+json of a refusal that only has a status (no handler of ours explained it): a title and a text per
 * status, in the reader's language. Spring Boot's error path ({@link ErrorProblems}) and the servlet container's own
 * refusals ({@code site.ContainerErrorReport}) answer with it.
 */
public final class StatusProblems {

    /** The statuses with a text of their own; others get the general one. */
    private static final Set<Integer> EXPLAINED = Set.of(400, 403, 404, 405, 406, 429, 503);

    private StatusProblems() {
    }

    public static Map<String, Object> of(int status, Locale language) {
        String kind = EXPLAINED.contains(status) ? String.valueOf(status) : "other";
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", ProblemTexts.text("error.status." + kind, List.of(), language));
        problem.put("status", status);
        problem.put("detail", ProblemTexts.text("error.status." + kind + ".text", List.of(), language));
        return problem;
    }
}
