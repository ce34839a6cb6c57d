package nl.transparant.audit;

import static nl.transparant.audit.EventMapping.ordered;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import nl.transparant.workflow.history.ProcessHistory;
import nl.transparant.workflow.history.ProcessHistory.DeployedDefinition;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every process and policy definition the engine holds is recorded once, with the SHA-256 of its file: at start
 * (deployments happen while the application starts) and, for one deployed later through the engine's REST API,
 * just before a case first uses it. So every version a decision was made under is in the log before that decision.
 */
@Component
class DefinitionRecords {

    static final String DEFINITION_DEPLOYED = "definition-deployed";

    private final DecisionLog log;
    private final ProcessHistory engine;
    private final TransactionTemplate ownTransaction;
    /** Definitions whose deployment record is committed (this node wrote it or found it there); see recordOnFirstUse. */
    private final Set<String> definitionsInLog = ConcurrentHashMap.newKeySet();

    DefinitionRecords(DecisionLog log, ProcessHistory engine, PlatformTransactionManager transactions) {
        this.log = log;
        this.engine = engine;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void recordDeployedDefinitions() {
        ownTransaction.executeWithoutResult(status -> engine.deployedDefinitions().forEach(this::record));
    }

    /**
     * Only a definition not yet known to be in the log is looked up, hashed and checked under the chain lock: once a
     * transaction that recorded it (or found it recorded) has committed, its record stays, the log being append-only.
     * Without this every stage reached and every policy evaluated cost five queries, the file's SHA-256 and a read of
     * every deployment record while holding the chain's lock.
     */
    void recordOnFirstUse(String definitionId) {
        if (!definitionsInLog.contains(definitionId)) {
            engine.deployedDefinition(definitionId).ifPresent(this::record);
        }
    }

    private void record(DeployedDefinition definition) {
        log.appendOnce(new LogEntry(DEFINITION_DEPLOYED, null, null, null, null, null, null, null,
                        ordered("kind", definition.kind(), "key", definition.key(), "version", definition.version(),
                                "definitionId", definition.definitionId(), "deploymentId", definition.deploymentId(),
                                "deploymentSource", definition.deploymentSource(), "deployedAt", definition.deployedAt(),
                                "resourceName", definition.resourceName(), "contentSha256", definition.contentSha256())),
                DecisionLog.member("definitionId", definition.definitionId()));
        String definitionId = definition.definitionId();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                definitionsInLog.add(definitionId);
            }
        });
    }
}
