package nl.transparant.audit;

import java.time.Instant;
import java.util.Set;

/**
 * Which records an auditor asks for. {@code visibleOrganisations} comes from the auditor's token, never from the
 * request: records of other organisations stay out; records that belong to no organisation (authorisation
 * failures) are visible to every auditor.
 *
 * <p>{@code activity}: the BPMN activity id. {@code variable}: {@code name=value}, a process variable as it stood at
 * the decision (task-decided records carry them) or a member of the payload (e.g. {@code residualRisk=hoog}).
 * {@code earlierOutcome}: only records of a step that earlier in the same case had this outcome (e.g. an approval of
 * a review that had sent the case back before).
 */
record RecordFilter(Set<String> visibleOrganisations, String organisation, Instant from, Instant to, String eventType,
        String actor, String outcome, String caseId, String activity, String variable, String earlierOutcome) {

    RecordFilter(Set<String> visibleOrganisations, String organisation, Instant from, Instant to, String eventType, String actor,
            String outcome, String caseId) {
        this(visibleOrganisations, organisation, from, to, eventType, actor, outcome, caseId, null, null, null);
    }
}
