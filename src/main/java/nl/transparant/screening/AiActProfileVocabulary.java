package nl.transparant.screening;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The words of an AI Act profile, per key: the labels of the government's decision aid
 * (MinBZK/ai-verordening-beslishulp), which the Algoritmekader's {@code ai_act_profile} uses too. One list for both
 * sides: the binding reload refuses a profile value outside it, and the obligations catalogue checks its
 * requirements against it, so a case's profile and the catalogue can never speak different words (a requirement
 * would then silently not apply).
 */
public final class AiActProfileVocabulary {

    public static final Map<String, Set<String>> VALUES;

    static {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        values.put("type", Set.of("AI-systeem", "AI-systeem voor algemene doeleinden", "AI-model voor algemene doeleinden",
                "impactvol algoritme", "niet-impactvol algoritme", "geen algoritme"));
        values.put("risk_group", Set.of("verboden AI", "hoog-risico AI", "geen hoog-risico AI", "uitzondering van toepassing",
                "niet van toepassing"));
        values.put("role", Set.of("aanbieder", "gebruiksverantwoordelijke", "importeur", "distributeur"));
        values.put("transparency_obligations", Set.of("transparantieverplichting", "geen transparantieverplichting"));
        values.put("systemic_risk", Set.of("systeemrisico", "geen systeemrisico"));
        values.put("open_source", Set.of("open-source", "geen open-source"));
        values.put("conformity_assessment_body", Set.of("beoordeling door derde partij", "interne controle"));
        VALUES = java.util.Collections.unmodifiableMap(values);
    }

    private AiActProfileVocabulary() {
    }

    /** Why this value is no word of this profile key, or null when it is. */
    public static String problem(String key, String value) {
        Set<String> allowed = VALUES.get(key);
        if (allowed == null) {
            return "'" + key + "' is not a key of an AI Act profile; one of " + VALUES.keySet();
        }
        return allowed.contains(value) ? null
                : "'" + value + "' is not a word of the decision aid for '" + key + "'; one of " + List.copyOf(new java.util.TreeSet<>(allowed));
    }
}
