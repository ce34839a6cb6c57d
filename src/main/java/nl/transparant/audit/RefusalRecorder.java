package nl.transparant.audit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import nl.transparant.identity.CurrentStaff;
import nl.transparant.identity.StaffUser;
import nl.transparant.problems.ForbiddenException;
import nl.transparant.workflow.SegregationOfDutiesViolation;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Records a refusal decided inside a service — a {@link ForbiddenException} (wrong role, not the case's organisation,
 * a task completion by someone who may not) or the engine's {@link SegregationOfDutiesViolation} — as an
 * {@code authorisation-denied} record, although the business transaction that refused rolls back.
 *
 * <p>It sees every exception a controller throws before the error handlers answer (it handles nothing itself), so no
 * service has to call it. The record is written in a transaction of its own, and only once no transaction of this
 * thread is open any more: a refused transaction may already have appended records and so hold the chain's head
 * lock until it rolls back, and a new transaction waiting for that lock in the same thread would never get it. So
 * the refusal is appended after the rollback, and the chain stays in the order things were decided.
 */
@Component
class RefusalRecorder implements HandlerExceptionResolver, Ordered {

    static final String SOURCE_SERVICE = "service";

    private final DecisionLog log;
    private final TransactionTemplate ownTransaction;

    RefusalRecorder(DecisionLog log, PlatformTransactionManager transactions) {
        this.log = log;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        refusalIn(ex).ifPresent(reason -> CurrentStaff.current().ifPresent(staff ->
                record(staff, request.getMethod(), request.getRequestURI(), reason)));
        return null; // the error handlers answer as always
    }

    static Optional<String> refusalIn(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof ForbiddenException || t instanceof SegregationOfDutiesViolation) {
                return Optional.of(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Appends the refusal now in a transaction of its own, or, inside a transaction, right after that one ends. */
    void record(StaffUser staff, String method, String path, String reason) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("method", method);
        payload.put("path", path);
        payload.put("organisations", new TreeSet<>(staff.organisations()));
        payload.put("reason", reason);
        payload.put("source", SOURCE_SERVICE);
        LogEntry entry = new LogEntry(DecisionLogListener.AUTHORISATION_DENIED, staff.id(), String.join(",", new TreeSet<>(staff.roleNames())),
                null, null, null, null, "denied", payload);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    ownTransaction.executeWithoutResult(s -> log.append(entry));
                }
            });
        } else {
            ownTransaction.executeWithoutResult(s -> log.append(entry));
        }
    }
}
