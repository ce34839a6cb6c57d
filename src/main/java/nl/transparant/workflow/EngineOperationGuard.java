package nl.transparant.workflow;

import nl.transparant.workflow.review.FourEyes;
import nl.transparant.workflow.review.SegregationOfDutiesViolation;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import nl.transparant.identity.CurrentStaff;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.workflow.EngineEvents.EngineOperationPerformed;
import nl.transparant.workflow.EngineEvents.EngineOperationRefused;
import nl.transparant.workflow.EngineOperations.Kind;
import nl.transparant.workflow.EngineOperations.Operation;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Stands in front of the engine's REST API and Cockpit's copy of it, after Spring Security let an administrator
 * through: reads pass, the writes {@link EngineOperations} allows need a reason and are recorded in the decision log
 * in the same transaction as the change, everything else is refused with a 403 and a refusal record. Without it an
 * administrator could move a case past its review (process instance modification) or deploy a process that runs
 * code of their choosing, with nothing in the decision log.
 */
@Configuration
class EngineOperationGuard {

    /** Where an administrator gives the reason of an allowed write; or the query parameter {@value #REASON_PARAMETER}. */
    static final String REASON_HEADER = "X-Transparant-Reason";
    static final String REASON_PARAMETER = "reason";
    static final int REASON_MAX_LENGTH = 1000;
    /** The allowed writes that give a task to someone: held to the four-eyes rule before the engine is asked. */
    private static final java.util.Set<String> TASK_ASSIGNMENTS = java.util.Set.of("claim-task", "assign-task");

    @Bean
    FilterRegistrationBean<Filter> engineOperationFilter(ApplicationEventPublisher events, PlatformTransactionManager transactions,
            MessageSource messages, ObjectMapper json, IdentityService identity, TaskService tasks, RepositoryService repository,
            HistoryService history, FourEyes fourEyes) {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new Filter(events, transactions, messages, json,
                new EngineRestActor(identity, tasks, repository, history, fourEyes)));
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
        // after Spring Security (which admits administrators only) and the Cockpit's sign-in hand-over
        // after sign-in (and Cockpit's, + 1) and after requests.DuplicateNameGuard (+ 2), which refuses a name given twice
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 3);
        return registration;
    }

    static class Filter extends OncePerRequestFilter {

        private static final Logger log = LoggerFactory.getLogger(EngineOperationGuard.class);

        private final ApplicationEventPublisher events;
        private final TransactionTemplate transaction;
        private final MessageSource messages;
        private final ObjectMapper json;
        private final EngineRestActor actor;

        Filter(ApplicationEventPublisher events, PlatformTransactionManager transactions, MessageSource messages, ObjectMapper json,
                EngineRestActor actor) {
            this.events = events;
            this.transaction = new TransactionTemplate(transactions);
            this.messages = messages;
            this.json = json;
            this.actor = actor;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            Optional<String> enginePath = EngineOperations.enginePath(path);
            Optional<StaffUser> staff = CurrentStaff.current().filter(user -> user.has(Role.ADMIN));
            // a method override would let Jersey run another operation than the one judged here
            boolean overridden = request.getHeader("X-HTTP-Method-Override") != null;
            Operation operation = enginePath.isEmpty() || staff.isEmpty() || overridden
                    ? new Operation(Kind.REFUSED, null, "/", List.of())
                    : EngineOperations.classify(request.getMethod(), enginePath.get());
            switch (operation.kind()) {
                case READ -> read(request, response, chain);
                case RECORDED_WRITE -> recorded(request, response, chain, staff.get(), operation);
                case REFUSED -> refused(request, response, staff.orElse(null), operation);
            }
        }

        private void read(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
            if (pagingUnusable(request.getQueryString())) {
                // the engine runs a negative page as SQL, which fails (a 500 and a stack trace in the log), and Jersey
                // answers a page that is no number with a 404 (outside tester)
                problem(request, response, HttpServletResponse.SC_BAD_REQUEST, "invalid", "engine.operation.paging");
                return;
            }
            EngineErrors.ErrorsHeld answer = new EngineErrors.ErrorsHeld(response);
            chain.doFilter(request, answer);
            if (answer.holding()) {
                engineError(request, response, answer.getStatus(), answer.heldBody());
            }
        }

        /** The engine's error answer (held back, not sent) as problem+json: see {@link EngineErrors}. */
        private void engineError(HttpServletRequest request, HttpServletResponse response, int status, byte[] body) throws IOException {
            EngineErrors.Problem problem = EngineErrors.of(status, body, json);
            if (problem.status() >= 500) {
                log.warn("Engine REST call {} {} failed: {}", request.getMethod(), request.getRequestURI(),
                        new String(body, StandardCharsets.UTF_8));
            }
            problem(request, response, problem.status(),
                    "engine.error.policyBroken".equals(problem.detailKey()) ? "policyBroken" : titleOf(problem.status()), problem.detailKey(),
                    problem.reason());
        }

        /**
         * The path as requested, for a refusal's record (the decision log keeps it normalised: known words, ids as
         * placeholders). Not the operation's pattern inside the engine API: that left out which API was called
         * ({@code /engine-rest} or Cockpit's copy) and, for a path no rule knows, what was tried (outside test).
         */
        private static String requestedPath(HttpServletRequest request) {
            return request.getRequestURI().substring(request.getContextPath().length());
        }

        private void refused(HttpServletRequest request, HttpServletResponse response, StaffUser staff, Operation operation)
                throws IOException {
            if (staff != null) {
                events.publishEvent(new EngineOperationRefused(staff, request.getMethod(), requestedPath(request),
                        "The engine REST API and Cockpit do not allow this operation."));
            }
            problem(request, response, HttpServletResponse.SC_FORBIDDEN, "forbidden", "engine.operation.refused");
        }

        private void recorded(HttpServletRequest original, HttpServletResponse response, FilterChain chain, StaffUser staff,
                Operation operation) throws IOException {
            HttpServletRequest request = original;
            String reason = reason(request);
            if (reason == null || reason.isBlank() || reason.length() > REASON_MAX_LENGTH) {
                problem(request, response, HttpServletResponse.SC_BAD_REQUEST, "reasonRequired", "engine.operation.reasonRequired");
                return;
            }
            if (TASK_ASSIGNMENTS.contains(operation.operation())) {
                Optional<EngineRestActor.ReadBody> body = EngineRestActor.readTaskBody(request);
                if (body.isEmpty()) {
                    problem(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "tooLarge", "engine.operation.bodyTooLarge");
                    return;
                }
                if (actor.assigneeImpossible(body.get().body())) {
                    events.publishEvent(new EngineOperationRefused(staff, request.getMethod(), requestedPath(request),
                            "assignment to an id no person can sign in as"));
                    problem(request, response, HttpServletResponse.SC_BAD_REQUEST, "invalid", "engine.operation.assigneeImpossible");
                    return;
                }
                try {
                    actor.requireFourEyes(operation.ids().get(0), body.get().body(), staff);
                } catch (SegregationOfDutiesViolation refused) {
                    events.publishEvent(new EngineOperationRefused(staff, request.getMethod(), requestedPath(request), refused.getMessage(),
                            refused.caseId()));
                    problem(request, response, HttpServletResponse.SC_FORBIDDEN, "forbidden",
                            refused.messageKey() == null ? "engine.operation.refused" : refused.messageKey() + ".text");
                    return;
                }
                request = body.get();
            }
            HttpServletRequest engineRequest = request;
            // the engine's answer is held back until the change and its record are committed (or neither is)
            ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
            try {
                transaction.executeWithoutResult(status -> {
                    try {
                        actor.runAs(staff, () -> chain.doFilter(engineRequest, held));
                    } catch (IOException | ServletException e) {
                        throw new IllegalStateException(e);
                    }
                    if (held.getStatus() >= 400) {
                        status.setRollbackOnly();
                    } else {
                        events.publishEvent(new EngineOperationPerformed(staff.id(), String.join(",", new TreeSet<>(staff.roleNames())),
                                engineRequest.getMethod(), operation.operation(), operation.path(), operation.ids(), reason.strip()));
                    }
                });
            } catch (RuntimeException e) {
                log.warn("Engine operation {} not done: it could not be committed with its decision log record", operation.operation(), e);
                response.reset();
                problem(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "notDone", "engine.operation.notRecorded");
                return;
            }
            if (held.getStatus() >= 400) {
                engineError(request, response, held.getStatus(), held.getContentAsByteArray());
                return;
            }
            held.copyBodyToResponse();
        }

        /** The header, or the query parameter (URL-encoded UTF-8, for a reason a header's Latin-1 cannot carry). */
        private static String reason(HttpServletRequest request) {
            String header = request.getHeader(REASON_HEADER);
            if (header != null) {
                return header;
            }
            // from the query string only: asking the request for a parameter could consume a form body meant for the engine
            String query = request.getQueryString();
            if (query == null) {
                return null;
            }
            for (String pair : query.split("&")) {
                if (pair.startsWith(REASON_PARAMETER + "=")) {
                    try {
                        return URLDecoder.decode(pair.substring(REASON_PARAMETER.length() + 1), StandardCharsets.UTF_8);
                    } catch (IllegalArgumentException malformed) {
                        return null;
                    }
                }
            }
            return null;
        }

        /** A page of an engine query is a whole number from 0: {@code firstResult} and {@code maxResults}. */
        static boolean pagingUnusable(String query) {
            if (query == null) {
                return false;
            }
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String name = java.net.URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                if ("firstResult".equals(name) || "maxResults".equals(name)) {
                    String value = equals < 0 ? "" : java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                    if (!PAGE_NUMBER.matcher(value).matches()) {
                        return true;
                    }
                }
            }
            return false;
        }

        private static final java.util.regex.Pattern PAGE_NUMBER = java.util.regex.Pattern.compile("\\d{1,9}");

        private void problem(HttpServletRequest request, HttpServletResponse response, int status, String titleKind, String detailKey)
                throws IOException {
            problem(request, response, status, titleKind, detailKey, null);
        }

        /** The title is {@code problem.title.<titleKind>} in the caller's language, as every other problem's. */
        private void problem(HttpServletRequest request, HttpServletResponse response, int status, String titleKind, String detailKey,
                String reason) throws IOException {
            Map<String, Object> problem = nl.transparant.problems.ProblemAnswers.of(request, status,
                    messages.getMessage("problem.title." + titleKind, null, language(request)),
                    messages.getMessage(detailKey, null, language(request)));
            if (reason != null) {
                problem.put("reason", reason);
            }
            nl.transparant.problems.ProblemAnswers.write(response, problem);
        }

        /** The title's kind for the status of an engine error answered as a problem. */
        private static String titleOf(int status) {
            return switch (status) {
                case 404 -> "notFound";
                case 409 -> "conflict";
                case 413 -> "tooLarge";
                case 415 -> "unsupportedMediaType";
                case 503 -> "unavailable";
                default -> status >= 500 ? "internal" : "invalid";
            };
        }

        /** Dutch unless the client asks for English first. */
        private static Locale language(HttpServletRequest request) {
            String accepted = nl.transparant.problems.ProblemTexts.acceptLanguage(request);
            return accepted != null && accepted.strip().toLowerCase(Locale.ROOT).startsWith("en") ? Locale.ENGLISH : Locale.forLanguageTag("nl");
        }
    }
}
