package nl.transparant.workflow;

import java.util.List;
import nl.transparant.identity.StaffUser;

/** What an administrator did to the engine beside the review process: the audit module records each. */
public final class EngineEvents {

    private EngineEvents() {
    }

    /**
     * An allowed write through the engine's REST API or Cockpit (set a failed job's retries, resolve an incident...),
     * published inside the transaction that makes it, with the reason the administrator gave.
     *
     * @param operation what was done, e.g. {@code set-job-retries}
     * @param path      the operation's path inside the engine API without the ids, e.g. {@code /job/{id}/retries}
     * @param ids       the ids the path named
     */
    public record EngineOperationPerformed(String actorId, String actorRoles, String method, String operation, String path,
            List<String> ids, String reason) {
    }

    /**
     * A write through the engine's REST API or Cockpit that the allow-list refuses; {@code path}: without its ids,
     * {@code reason}: why, in the product's words (nothing the administrator typed); {@code caseId}: the case it concerns,
     * when the engine's history names it (an assignment four eyes refuses), else null.
     */
    public record EngineOperationRefused(StaffUser staff, String method, String path, String reason, String caseId) {

        /** A refusal that concerns no case in particular. */
        public EngineOperationRefused(StaffUser staff, String method, String path, String reason) {
            this(staff, method, path, reason, null);
        }
    }

    /**
     * An administrator's emergency change of a stuck case through the application's API, with their reason.
     *
     * @param action            what was done, e.g. {@code retry-failed-jobs}
     * @param processInstanceId the case's review process instance the change touched
     * @param affected          what it touched: the ids of the jobs retried, or of the process instance stopped
     */
    public record EmergencyChangeMade(String caseId, String organisation, String processInstanceId, String action,
            List<String> affected, String reason, String actorId) {
    }
}
