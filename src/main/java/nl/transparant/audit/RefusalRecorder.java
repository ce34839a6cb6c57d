package nl.transparant.audit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import nl.transparant.identity.CurrentStaff;
import nl.transparant.identity.StaffUser;
import nl.transparant.problems.ForbiddenException;
import nl.transparant.workflow.review.SegregationOfDutiesViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Records refusals of signed-in people as {@code authorisation-denied} records: those of the URL rules of the staff
 * API and the engine's REST API (Spring Security's {@link AuthorizationDeniedEvent}), and those decided inside a
 * service, a {@link ForbiddenException} or the engine's {@link SegregationOfDutiesViolation}, although the business
 * transaction that refused rolls back.
 *
 * <p>Refusals must not let anyone fill the log, which keeps every record for good: a record holds the path only in
 * its {@link RefusedPath normalised} form (the route's words, ids as placeholders, at most 200 characters), never a
 * text the person sent, and beyond {@code refusals-per-window} refusals per person per {@code refusal-window} they are
 * counted ({@link RefusalRate}), then written as one record with outcome {@code counted} when the window is over or
 * at that person's next stored refusal. Anonymous requests are not recorded at all (they get 401). Real decisions do
 * not pass through here and are never limited.
 *
 * <p>A service refusal is seen before the error handlers answer (this resolver handles nothing itself), so no service
 * has to call it. The record is written in a transaction of its own, and only once no transaction of this thread is
 * open any more: a refused transaction may already have appended records and so hold the chain's head lock until it
 * rolls back, and a new transaction waiting for that lock in the same thread would never get it. So the refusal is
 * appended after the rollback, and the chain stays in the order things were decided.
 */
@Component
class RefusalRecorder implements HandlerExceptionResolver, Ordered, SmartLifecycle {

    static final String AUTHORISATION_DENIED = "authorisation-denied";
    static final String SOURCE_SERVICE = "service";
    static final String SOURCE_URL_RULES = "url-rules";
    static final String OUTCOME_COUNTED = "counted";

    private static final Logger LOG = LoggerFactory.getLogger(RefusalRecorder.class);
    private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("(?<![\\p{L}])'[^']*'(?![\\p{L}])");
    private static final int MAX_REASON = 300;

    private final DecisionLog log;
    private final TransactionTemplate ownTransaction;
    private final RefusalRate rate;
    private final ObjectProvider<RequestMappingInfoHandlerMapping> routes;
    private volatile RefusedPath paths;
    private ScheduledExecutorService scheduler;

    RefusalRecorder(DecisionLog log, PlatformTransactionManager transactions,
            @Value("${transparant.audit.refusals-per-window:20}") int refusalsPerWindow,
            @Value("${transparant.audit.refusal-window:PT1M}") Duration refusalWindow,
            ObjectProvider<Clock> clock, ObjectProvider<RequestMappingInfoHandlerMapping> routes) {
        this.log = log;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.rate = new RefusalRate(refusalsPerWindow, refusalWindow, clock.getIfAvailable(Clock::systemUTC));
        this.routes = routes;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        refusalIn(ex).ifPresent(reason -> CurrentStaff.current().ifPresent(staff ->
                record(staff, request.getMethod(), request.getRequestURI(), reason, caseIn(ex))));
        return null; // the error handlers answer as always
    }

    /**
     * A signed-in person refused by the URL rules of the staff API or the engine's REST API. Anonymous requests are left
     * out (they are answered with 401 and would let anyone fill the log).
     */
    @EventListener
    void on(AuthorizationDeniedEvent<?> denied) {
        if (!(denied.getObject() instanceof HttpServletRequest request) || !staffEndpoint(request.getRequestURI())) {
            return;
        }
        Authentication authentication = denied.getAuthentication().get();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
            return;
        }
        Optional<StaffUser> staff = CurrentStaff.from(authentication);
        record(staff.map(StaffUser::id).orElse(authentication.getName()),
                staff.map(s -> String.join(",", new TreeSet<>(s.roleNames()))).orElse(null),
                staff.map(s -> new TreeSet<>(s.organisations())).orElse(null),
                request.getMethod(), request.getRequestURI(), SOURCE_URL_RULES, null, null);
    }

    private static boolean staffEndpoint(String path) {
        return path != null && (path.startsWith("/api/") && !path.startsWith("/api/public/") || path.startsWith("/engine-rest/"));
    }

    /**
     * The case a refusal concerns, as the application found it (the engine's business key for four eyes), never as the
     * person sent it: the record then belongs to the case's trail. Null when the refusal names none.
     */
    static String caseIn(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ForbiddenException forbidden && forbidden.caseId() != null) {
                return forbidden.caseId();
            }
            if (t instanceof SegregationOfDutiesViolation violation && violation.caseId() != null) {
                return violation.caseId();
            }
        }
        return null;
    }

    static Optional<String> refusalIn(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ForbiddenException || t instanceof SegregationOfDutiesViolation) {
                return Optional.of(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * The service's reason without the values it quotes (a refusal may repeat an identifier the person sent, see
     * PlainText.echoed), and bounded: the log keeps the application's words, not the person's.
     */
    static String reasonWithoutQuotedValues(String reason) {
        String kept = QUOTED.matcher(reason).replaceAll("'…'");
        return kept.length() <= MAX_REASON ? kept : kept.substring(0, MAX_REASON - 1) + "…";
    }

    /**
     * Appends the refusal now in a transaction of its own, or, inside a transaction, right after that one ends; or
     * only counts it, when the person has had their share of stored refusals in this window.
     */
    void record(StaffUser staff, String method, String path, String reason) {
        record(staff, method, path, reason, null);
    }

    /** As above, for a refusal that concerns this case ({@link #caseIn}). */
    void record(StaffUser staff, String method, String path, String reason, String caseId) {
        record(staff.id(), String.join(",", new TreeSet<>(staff.roleNames())), new TreeSet<>(staff.organisations()), method, path,
                SOURCE_SERVICE, reasonWithoutQuotedValues(reason), caseId);
    }

    private void record(String actor, String roles, Set<String> organisations, String method, String path, String source,
            String reason, String caseId) {
        RefusalRate.Decision decision = rate.refused(actor, roles);
        List<LogEntry> entries = new ArrayList<>(2);
        decision.closedWindow().map(this::countedEntry).ifPresent(entries::add);
        if (decision.store()) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("method", method.length() <= 10 ? method : "?");
            payload.put("path", paths().normalise(path));
            payload.put("organisations", organisations);
            if (reason != null) {
                payload.put("reason", reason);
            }
            payload.put("source", source);
            entries.add(new LogEntry(AUTHORISATION_DENIED, actor, roles, null, caseId, null, null, "denied", payload));
        }
        if (entries.isEmpty()) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    append(entries);
                }
            });
        } else {
            append(entries);
        }
    }

    private void append(List<LogEntry> entries) {
        ownTransaction.executeWithoutResult(s -> entries.forEach(log::append));
    }

    private LogEntry countedEntry(RefusalRate.Counted counted) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("refusals", counted.refusals());
        payload.put("from", counted.first());
        payload.put("to", counted.last());
        payload.put("storedPerWindow", rate.limit());
        payload.put("window", rate.window().toString());
        return new LogEntry(AUTHORISATION_DENIED, counted.actor(), counted.roles(), null, null, null, null,
                OUTCOME_COUNTED, payload);
    }

    /** Writes the counts of every window that is over; the scheduler calls it once per window length. */
    void writeFinishedCounts() {
        write(rate.closeFinishedWindows());
    }

    private void write(List<RefusalRate.Counted> counts) {
        List<LogEntry> entries = counts.stream().map(this::countedEntry).toList();
        if (!entries.isEmpty()) {
            append(entries);
        }
    }

    /** The literal words of the application's routes, read once the routes are all registered. */
    private RefusedPath paths() {
        RefusedPath known = paths;
        if (known == null) {
            Set<String> words = new HashSet<>();
            routes.orderedStream().forEach(mapping -> mapping.getHandlerMethods().keySet().forEach(info ->
                    info.getPatternValues().forEach(pattern -> {
                        for (String segment : pattern.split("/")) {
                            if (!segment.isEmpty() && !segment.contains("{") && !segment.contains("*")) {
                                words.add(segment);
                            }
                        }
                    })));
            known = new RefusedPath(Set.copyOf(words));
            paths = known;
        }
        return known;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "refusal-counts"));
        long every = rate.window().toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                writeFinishedCounts();
            } catch (RuntimeException e) {
                // the database may be away for a moment; these counts are lost, the refusals themselves were answered
                LOG.error("Writing the counted refusals to the decision log failed", e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * The counts of the windows still open are written when the node stops: they were dropped, so refusals of the last
     * minute before a stop were in no record at all (outside tester). The web server has stopped taking requests by
     * then ({@link #getPhase()}), so no refusal comes after them.
     */
    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                scheduler.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
        try {
            write(rate.closeAllWindows());
        } catch (RuntimeException e) {
            LOG.error("Writing the counted refusals to the decision log at the stop failed", e);
        }
    }

    /** Stops after the web server (which stops at a higher phase), starts before it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
