package nl.transparant.audit;

import java.time.Instant;
import java.util.Set;

/**
 * Which records an auditor asks for. {@code visibleOrganisations} comes from the auditor's token, never from the
 * request: records of other organisations stay out; records that belong to no organisation (authorisation
 * failures) are visible to every auditor.
 */
record RecordFilter(Set<String> visibleOrganisations, String organisation, Instant from, Instant to, String eventType,
        String actor, String outcome, String caseId) {
}
