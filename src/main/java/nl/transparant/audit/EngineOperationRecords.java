package nl.transparant.audit;

import java.util.Map;
import java.util.LinkedHashMap;
import nl.transparant.identity.Role;
import nl.transparant.workflow.EngineEvents.EmergencyChangeMade;
import nl.transparant.workflow.EngineEvents.EngineOperationPerformed;
import nl.transparant.workflow.EngineEvents.EngineOperationRefused;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * What an administrator did to the engine beside the review process: an allowed engine REST API or Cockpit write
 * ({@value #ENGINE_OPERATION}) and an emergency change of a stuck case ({@value #EMERGENCY_CHANGE}) are recorded in
 * the transaction that makes them, so there is no change without its record; a refused engine operation becomes an
 * {@code authorisation-denied} record like every other refusal.
 */
@Component
class EngineOperationRecords {

    static final String ENGINE_OPERATION = "engine-operation";
    static final String EMERGENCY_CHANGE = "emergency-change";

    private final DecisionLog log;
    private final RefusalRecorder refusals;

    EngineOperationRecords(DecisionLog log, RefusalRecorder refusals) {
        this.log = log;
        this.refusals = refusals;
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(EngineOperationPerformed performed) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("method", performed.method());
        payload.put("path", performed.path());
        payload.put("ids", performed.ids());
        payload.put("reason", performed.reason());
        log.append(new LogEntry(ENGINE_OPERATION, performed.actorId(), performed.actorRoles(), null, null, null, null,
                performed.operation(), payload));
    }

    @EventListener
    void on(EngineOperationRefused refused) {
        refusals.record(refused.staff(), refused.method(), refused.path(), refused.reason(), refused.caseId());
    }

    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void on(EmergencyChangeMade change) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("affected", change.affected());
        payload.put("reason", change.reason());
        log.append(new LogEntry(EMERGENCY_CHANGE, change.actorId(), Role.ADMIN.roleName(), change.organisation(), change.caseId(),
                change.processInstanceId(), null, change.action(), payload));
    }
}
