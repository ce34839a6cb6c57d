package nl.transparant.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an administrator may do through the engine's REST API ({@code /engine-rest}) and Cockpit's copy of it
 * ({@code /camunda/api/engine/engine/{name}}): an allow-list. Every read is allowed; a few repairs of a stuck job
 * or incident and the assignment of a task are allowed and recorded in the decision log; anything else — deploying, starting, modifying,
 * migrating, deleting, completing tasks, correlating messages, suspending, writing variables, users, groups or
 * authorisations — is refused, including operations that a later Camunda version adds. The README's table
 * "Engine REST API and Cockpit" lists the same.
 */
final class EngineOperations {

    enum Kind { READ, RECORDED_WRITE, REFUSED }

    /**
     * @param kind      allowed read, allowed write that must be recorded, or refused
     * @param operation the name the decision log records (for a write), e.g. {@code set-job-retries}
     * @param path      the path inside the engine API, e.g. {@code /job/{id}/retries}, without the ids
     * @param ids       the ids the path named, in order
     */
    record Operation(Kind kind, String operation, String path, List<String> ids) {
    }

    private record Rule(Set<String> methods, String pattern, Kind kind, String operation) {
    }

    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> POST = Set.of("POST");
    private static final Set<String> PUT = Set.of("PUT");
    private static final Set<String> DELETE = Set.of("DELETE");

    /** The engine's queries that take their filter as a POST body: they read, like a GET. */
    private static final List<String> POST_QUERIES = List.of("process-instance", "task", "execution", "job", "job-definition",
            "variable-instance", "external-task", "case-instance", "case-execution", "history/activity-instance",
            "history/case-activity-instance", "history/case-instance", "history/detail", "history/external-task-log",
            "history/job-log", "history/process-instance", "history/task", "history/variable-instance");

    private static final List<Rule> RULES = rules();

    private static List<Rule> rules() {
        List<Rule> rules = new ArrayList<>();
        for (String query : POST_QUERIES) {
            rules.add(new Rule(POST, "/" + query, Kind.READ, null));
            rules.add(new Rule(POST, "/" + query + "/count", Kind.READ, null));
        }
        // a failed job (the job executor gave up after its retries): try again now or later
        rules.add(new Rule(PUT, "/job/{id}/retries", Kind.RECORDED_WRITE, "set-job-retries"));
        rules.add(new Rule(PUT, "/job/{id}/duedate", Kind.RECORDED_WRITE, "set-job-due-date"));
        rules.add(new Rule(POST, "/job/{id}/execute", Kind.RECORDED_WRITE, "execute-job"));
        // an incident: note what was done about it, or resolve one raised by hand (failed jobs resolve by retrying)
        rules.add(new Rule(PUT, "/incident/{id}/annotation", Kind.RECORDED_WRITE, "annotate-incident"));
        rules.add(new Rule(DELETE, "/incident/{id}/annotation", Kind.RECORDED_WRITE, "clear-incident-annotation"));
        rules.add(new Rule(DELETE, "/incident/{id}", Kind.RECORDED_WRITE, "resolve-incident"));
        // who works on a task (the product has no claim page of its own); completing it stays with that person, through the
        // application, where segregation of duties holds
        rules.add(new Rule(POST, "/task/{id}/claim", Kind.RECORDED_WRITE, "claim-task"));
        rules.add(new Rule(POST, "/task/{id}/unclaim", Kind.RECORDED_WRITE, "unclaim-task"));
        rules.add(new Rule(POST, "/task/{id}/assignee", Kind.RECORDED_WRITE, "assign-task"));
        return List.copyOf(rules);
    }

    private EngineOperations() {
    }

    /**
     * @param method      the HTTP method
     * @param enginePath  the path inside the engine API, starting with "/" (see {@link #enginePath})
     */
    static Operation classify(String method, String enginePath) {
        List<String> segments = segments(enginePath);
        if (READ_METHODS.contains(method)) {
            return new Operation(Kind.READ, null, enginePath, List.of());
        }
        for (Rule rule : RULES) {
            if (rule.methods().contains(method)) {
                Optional<List<String>> ids = match(segments(rule.pattern()), segments);
                if (ids.isPresent()) {
                    return new Operation(rule.kind(), rule.operation(), rule.pattern(), ids.get());
                }
            }
        }
        return new Operation(Kind.REFUSED, null, withoutIds(segments), List.of());
    }

    /**
     * The path inside the engine API, for {@code /engine-rest/...}, {@code /engine-rest/engine/{name}/...} and
     * Cockpit's {@code /camunda/api/engine/engine/{name}/...}; empty for any other path.
     */
    static Optional<String> enginePath(String path) {
        String rest;
        if (path.startsWith("/engine-rest/")) {
            rest = path.substring("/engine-rest".length());
        } else if (path.startsWith("/camunda/api/engine/")) {
            rest = path.substring("/camunda/api/engine".length());
        } else {
            return Optional.empty();
        }
        // the engine named in the path: "/engine" alone lists the engines (a read)
        if (rest.startsWith("/engine/")) {
            int next = rest.indexOf('/', "/engine/".length());
            rest = next < 0 ? "/" : rest.substring(next);
        }
        return Optional.of(rest);
    }

    private static Optional<List<String>> match(List<String> pattern, List<String> segments) {
        if (pattern.size() != segments.size()) {
            return Optional.empty();
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < pattern.size(); i++) {
            if (pattern.get(i).equals("{id}")) {
                ids.add(segments.get(i));
            } else if (!pattern.get(i).equals(segments.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(ids);
    }

    /**
     * A refused path as the refusal record keeps it: its resource names only, ids (which a person typed and
     * which can be long) replaced by {@code {id}}, so a refusal record stays small.
     */
    private static String withoutIds(List<String> segments) {
        StringBuilder path = new StringBuilder();
        for (String segment : segments.stream().limit(6).toList()) {
            path.append('/').append(segment.matches("[a-z][a-z-]{0,40}") ? segment : "{id}");
        }
        return path.isEmpty() ? "/" : path.toString();
    }

    private static List<String> segments(String path) {
        return List.of(path.split("/")).stream().filter(s -> !s.isEmpty()).toList();
    }
}
