package nl.transparant.screening;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values the review route ({@code policies/review-route.dmn}) knows per input a binding gives. Declared here once:
 * the binding reload refuses a value outside this set, a case whose value falls outside it at run time stops at
 * "Policy decision needed", and {@code RouteInputsTest} checks that every literal the DMN's rules compare with is in
 * this set. Without it a value the table never names (say {@code verplicht} for {@code required}) would fall through
 * to the catch-all rule and skip the DPIA, the IAMA and the committee.
 */
public final class RouteInputs {

    /** A boolean input: only true or false (not the text "ja"). */
    public static final Set<Object> BOOLEAN = Set.of(Boolean.TRUE, Boolean.FALSE);

    private static final Set<Object> ASSESSMENT_LEVEL = Set.of("required", "recommended", "not_required");
    /** DTIA and KIA are recorded, not routed; "not_assessed" when the pre-scan in use does not ask. */
    private static final Set<Object> RECORDED_LEVEL = Set.of("required", "recommended", "not_required", "not_assessed");

    /** Per route input the values allowed. */
    public static final Map<String, Set<Object>> KNOWN;

    static {
        Map<String, Set<Object>> known = new LinkedHashMap<>();
        known.put("dpiaLevel", ASSESSMENT_LEVEL);
        for (String input : List.of("personalData", "sensitiveData", "profiling", "automatedDecision", "largeScale",
                "directImpactOnCitizens")) {
            known.put(input, BOOLEAN);
        }
        known.put("dtiaLevel", RECORDED_LEVEL);
        known.put("kiaLevel", RECORDED_LEVEL);
        KNOWN = java.util.Collections.unmodifiableMap(known);
    }

    private RouteInputs() {
    }

    /** Why this value cannot feed this input, or null when it can. */
    public static String problem(String input, Object value) {
        Set<Object> allowed = KNOWN.get(input);
        if (allowed == null) {
            return "'" + input + "' is not an input of the review route; one of " + KNOWN.keySet();
        }
        if (allowed.contains(value)) {
            return null;
        }
        if (allowed == BOOLEAN) {
            return "'" + value + "' is not a boolean; the review route expects true or false for '" + input + "'";
        }
        return "'" + value + "' is not a value the review route knows for '" + input + "'; one of " + allowed.stream().sorted(
                java.util.Comparator.comparing(String::valueOf)).toList();
    }
}
