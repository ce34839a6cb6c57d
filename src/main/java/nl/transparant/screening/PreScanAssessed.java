package nl.transparant.screening;

import java.util.List;
import java.util.Map;

/**
 * A case's pre-scan was answered and evaluated. Names the policy versions used and what fired, so the
 * decision log can say under which policy the route was chosen.
 *
 * @param binding      the screening binding that mapped the results (policies/bindings/), with its file's hash
 * @param aiActProfile the case's AI Act profile in the decision aid's vocabulary: {@code type}, {@code risk_group},
 *                     {@code role}, {@code transparency_obligations}, {@code systemic_risk}, {@code open_source},
 *                     {@code conformity_assessment_body}, each a list of values
 * @param dtiaLevel    the pre-scan's transfer-assessment outcome as the binding maps it ("not_assessed" when the
 *                     pre-scan does not ask)
 * @param kiaLevel     the pre-scan's children's-rights-assessment outcome, likewise
 * @param policyGaps   results the binding does not map; not empty means the case stopped for a policy decision and
 *                     {@code dpiaLevel}/{@code aiActClass} may be null
 */
public record PreScanAssessed(String caseId, String organisation, String actorId, String definition, String tree,
        String dpiaLevel, List<String> criteriaFired, String aiActConclusion, String aiActClass, String binding,
        Map<String, List<String>> aiActProfile, String dtiaLevel, String kiaLevel, List<String> policyGaps) {

    public boolean policyDecisionNeeded() {
        return !policyGaps.isEmpty();
    }
}
