package nl.transparant.screening;

import java.util.List;

/**
 * A case's pre-scan was answered and evaluated. Names the policy versions used and what fired, so the
 * decision log can say under which policy the route was chosen.
 */
public record PreScanAssessed(String caseId, String organisation, String actorId, String definition, String tree,
        String dpiaLevel, List<String> criteriaFired, String aiActConclusion, String aiActClass) {
}
