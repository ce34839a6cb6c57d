package nl.transparant.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The path of a refused request as the decision log keeps it: only the words of the application's own routes (and of
 * the engine's REST resources), every other segment (an id, a name, whatever a person typed) as {@code {id}}, at most
 * {@value #MAX_SEGMENTS} segments and {@value #MAX_LENGTH} characters. A record then tells which kind of request was
 * refused, and a 7,000-character path costs the log no more than a short one.
 */
final class RefusedPath {

    static final int MAX_LENGTH = 200;
    static final int MAX_SEGMENTS = 12;
    static final String PLACEHOLDER = "{id}";

    /** Resource names of the Camunda REST API under /engine-rest, which is no Spring MVC route and so not in the routes. */
    static final Set<String> ENGINE_REST_WORDS = Set.of("engine-rest", "engine", "deployment", "create", "redeploy",
            "process-definition", "process-instance", "decision-definition", "case-definition", "case-instance", "key",
            "start", "submit-form", "modification", "restart", "migration", "suspended", "variables", "task", "complete",
            "resolve", "claim", "unclaim", "assignee", "delegate", "job", "job-definition", "retries", "execute", "incident",
            "external-task", "execution", "history", "message", "signal", "batch", "user", "group", "tenant", "authorization",
            "filter", "identity", "count", "evaluate", "resources", "xml", "diagram", "activity-instances", "delete",
            // Cockpit's copy of the API and the engine's name in both
            "camunda", "api", "default",
            // the rest of the engine REST API's own words, so a refused call says what was tried (outside test: a
            // history clean-up was recorded as /engine-rest/history/{id})
            "cleanup", "configuration", "telemetry", "condition", "fetchAndLock", "extendLock", "unlock", "lock", "failure",
            "bpmnError", "bpmnEscalation", "errorDetails", "topic-names", "identity-links", "comment", "attachment", "data",
            "localVariables", "form", "form-variables", "rendered-form", "deployed-form", "startForm", "deployed-start-form",
            "tenant-id", "suspended-async", "variables-async", "job-retries", "job-retries-historic-query-based",
            "delete-historic-query-based", "modification-async", "restart-async", "correlate", "set-removal-time",
            "activity-instance", "task-instance", "variable-instance", "decision-instance", "detail", "job-log",
            "external-task-log", "identity-link-log", "user-operation", "annotation", "clear-annotation",
            "jobPriority", "priority", "duedate", "recalculate-duedate", "stacktrace", "messageSubscriptions",
            "event-subscription", "trigger", "schema", "log", "metrics", "statistics", "report", "validate", "generate",
            "executeAsync", "members", "profile", "credentials", "password-policy", "check", "properties", "retries-sync",
            "static-calledprocessdefinitions", "decision-requirements-definition");

    private final Set<String> words;

    RefusedPath(Set<String> routeWords) {
        this.words = routeWords;
    }

    String normalise(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        List<String> kept = new ArrayList<>();
        String[] segments = path.split("/", MAX_SEGMENTS + 2);
        for (int i = 1; i < segments.length; i++) {
            if (kept.size() == MAX_SEGMENTS) {
                kept.add("…");
                break;
            }
            String segment = segments[i];
            kept.add(segment.isEmpty() || words.contains(segment) || ENGINE_REST_WORDS.contains(segment) ? segment : PLACEHOLDER);
        }
        String normalised = "/" + String.join("/", kept);
        return normalised.length() <= MAX_LENGTH ? normalised : normalised.substring(0, MAX_LENGTH - 1) + "…";
    }
}
