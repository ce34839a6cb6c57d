package nl.transparant.workflow.livingentry;

import nl.transparant.workflow.EngineSession;
import nl.transparant.workflow.ProcessVariables;

import java.util.Optional;
import nl.transparant.identity.StaffUser;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The application's way into {@code processes/entry-retirement.bpmn}: the owner's request to take a published
 * algorithm out of use, decided by a register publisher who did not ask for it.
 */
@Service
public class EntryRetirementProcess {

    static final String PROCESS_KEY = "entry-retirement";
    static final String END_DATE = "retirementEndDate";
    static final String REASON = "retirementReason";

    private final RuntimeService runtimeService;
    private final EngineSession session;

    EntryRetirementProcess(RuntimeService runtimeService, EngineSession session) {
        this.runtimeService = runtimeService;
        this.session = session;
    }

    /**
     * Starts the decision as the requester: the engine records them as the instance's starter, which is what the
     * segregation-of-duties check compares the publisher with, and the inbox leaves the task out for them.
     *
     * @param endDate the month the algorithm stops, as the standard writes {@code end_date} ({@code 2026-12})
     */
    @Transactional
    public String start(StaffUser requester, String caseId, String organisation, String endDate, String reason) {
        return session.as(requester, () -> runtimeService.createProcessInstanceByKey(PROCESS_KEY)
                .businessKey(caseId)
                .setVariable(ProcessVariables.CASE_ID, caseId)
                .setVariable(ProcessVariables.ORGANISATION, organisation)
                .setVariable(ProcessVariables.SUBMITTER, requester.id())
                .setVariable(END_DATE, endDate)
                .setVariable(REASON, reason)
                .execute()
                .getId());
    }

    /** What the owner asked, for the publisher who decides; empty when no retirement of the case waits for a decision. */
    @Transactional(readOnly = true)
    public Optional<Request> pendingRequest(String caseId) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY).processInstanceBusinessKey(caseId)
                .list().stream().findFirst()
                .map(instance -> new Request((String) runtimeService.getVariable(instance.getId(), ProcessVariables.SUBMITTER),
                        (String) runtimeService.getVariable(instance.getId(), END_DATE),
                        (String) runtimeService.getVariable(instance.getId(), REASON)));
    }

    /** @param endDate the month, as the standard writes {@code end_date} */
    public record Request(String requestedBy, String endDate, String reason) {
    }
}
