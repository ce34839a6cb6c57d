package nl.transparant.audit;

import nl.transparant.workflow.history.ProcessHistory;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns the modules' events into decision log records, each as its row in {@link RecordedEvents} says. Spring calls
 * this listener synchronously, inside the transaction that publishes the event (for the review process: the engine's
 * transaction), so a record is committed exactly when the change it describes is; a failing append fails the change.
 * It runs before the other modules' listeners, so a cause is recorded before the consequences it sets off (a release
 * before the publication).
 */
@Component
class DecisionLogListener {

    private final DecisionLog log;
    private final ProcessHistory engine;
    private final DefinitionRecords definitions;
    private final PlatformTransactionManager transactions;

    DecisionLogListener(DecisionLog log, ProcessHistory engine, DefinitionRecords definitions, PlatformTransactionManager transactions) {
        this.log = log;
        this.engine = engine;
        this.definitions = definitions;
        this.transactions = transactions;
    }

    /** Hears every event; the table says which are recorded (one exact-type look-up for the others, no more). */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(Object event) {
        EventMapping<?> mapping = RecordedEvents.of(event.getClass());
        if (mapping != null) {
            record(mapping, event);
        }
    }

    private <E> void record(EventMapping<E> mapping, Object published) {
        E event = mapping.type().cast(published);
        EventMapping.Facts facts = mapping.factsOf(event, engine);
        mapping.definitionInUse(event, facts).ifPresent(definitions::recordOnFirstUse);
        LogEntry entry = mapping.entry(event, facts);
        if (mapping.needsOwnTransactionWhenNoneActive() && !TransactionSynchronizationManager.isActualTransactionActive()) {
            // rare (a reload at start or by a scheduler): a template of its own each time
            TransactionTemplate own = new TransactionTemplate(transactions);
            own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
            own.executeWithoutResult(status -> log.append(entry));
        } else {
            log.append(entry);
        }
    }
}
