package nl.transparant.obligations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import nl.transparant.screening.ScreeningRecord;
import nl.transparant.screening.Screenings;
import org.springframework.stereotype.Component;

/**
 * The one place that says what a case's AI Act profile is, in the catalogue's vocabulary (type, risk_group, role,
 * transparency_obligations, systemic_risk, open_source, conformity_assessment_body).
 *
 * <p>The profile is the one the case's binding gave its pre-scan ({@code aiAct.profile} of the screening record, see
 * {@code policies/bindings/}); a record written before bindings existed has only the tree's labels, which are read in
 * the catalogue's words here. Everything else in this package asks this class.
 */
@Component
public class CaseAiActProfile {

    /**
     * @param fields   field → values; empty when the case has no pre-scan yet
     * @param annexIII whether the route says high-risk because of an Annex III area (not Annex I product safety)
     */
    public record Profile(Map<String, Set<String>> fields, boolean annexIII) {

        public boolean known() {
            return !fields.isEmpty();
        }

        public boolean has(String field, String value) {
            return fields.getOrDefault(field, Set.of()).contains(value);
        }

        /** A high-risk AI system of Annex III that the organisation uses as deployer: its use goes in the EU database. */
        public boolean highRiskDeployer() {
            return annexIII && has("risk_group", "hoog-risico AI") && has("role", "gebruiksverantwoordelijke");
        }
    }

    private final Screenings screenings;
    private final ObjectMapper json;

    CaseAiActProfile(Screenings screenings, ObjectMapper json) {
        this.screenings = screenings;
        this.json = json;
    }

    public Profile of(String caseId) {
        return screenings.latestPreScan(caseId).map(this::fromRecord).orElse(new Profile(Map.of(), false));
    }

    private Profile fromRecord(ScreeningRecord record) {
        JsonNode aiAct;
        try {
            aiAct = json.readTree(record.getOutcome()).path("aiAct");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The pre-scan record of case " + record.getCaseId() + " is unreadable", e);
        }
        Set<String> labels = new LinkedHashSet<>();
        aiAct.path("labels").forEach(label -> labels.add(label.asText()));
        String aiActClass = aiAct.path("aiActClass").asText("not_applicable");
        // high-risk through an Annex III area, not as a product under Annex I legislation
        boolean annexIII = "high_risk".equals(aiActClass) && !labels.contains("bijlage-i");
        JsonNode bound = aiAct.path("profile");
        if (bound.isObject() && bound.size() > 0) {
            // the profile the case's binding gave (policies/bindings/), in the catalogue's vocabulary already
            // a field the binding leaves out (its tree does not ask it) is read from the tree's labels, as before bindings
            Map<String, Set<String>> profile = new LinkedHashMap<>(fromLabels(labels, aiActClass));
            bound.fields().forEachRemaining(field -> {
                Set<String> values = new LinkedHashSet<>();
                field.getValue().forEach(value -> values.add(value.asText()));
                if (!values.isEmpty()) {
                    profile.put(field.getKey(), values);
                }
            });
            return new Profile(profile, annexIII);
        }
        return new Profile(fromLabels(labels, aiActClass), annexIII);
    }

    /** The decision tree's labels in the catalogue's words; a field the tree does not ask about stays out. */
    static Map<String, Set<String>> fromLabels(Set<String> labels, String aiActClass) {
        Map<String, Set<String>> profile = new LinkedHashMap<>();
        if (labels.contains("ai-systeem")) {
            profile.put("type", Set.of("AI-systeem"));
        } else if (labels.contains("impactvol")) {
            profile.put("type", Set.of("impactvol algoritme"));
        } else if (labels.contains("niet-impactvol")) {
            profile.put("type", Set.of("niet-impactvol algoritme"));
        } else if (labels.contains("geen-algoritme")) {
            profile.put("type", Set.of("geen algoritme"));
        } else if (labels.contains("algoritme")) {
            profile.put("type", Set.of("niet-impactvol algoritme"));
        }
        switch (aiActClass) {
            case "high_risk" -> profile.put("risk_group", Set.of("hoog-risico AI"));
            case "prohibited" -> profile.put("risk_group", Set.of("verboden AI"));
            case "limited", "minimal" -> profile.put("risk_group", labels.contains("uitzondering-6-3")
                    ? Set.of("geen hoog-risico AI", "uitzondering van toepassing") : Set.of("geen hoog-risico AI"));
            default -> { }
        }
        Set<String> roles = new LinkedHashSet<>();
        if (labels.contains("aanbieder")) {
            roles.add("aanbieder");
        }
        if (labels.contains("gebruiksverantwoordelijke")) {
            roles.add("gebruiksverantwoordelijke");
        }
        if (!roles.isEmpty()) {
            profile.put("role", Set.copyOf(roles));
        }
        if (labels.contains("transparantieplicht")) {
            profile.put("transparency_obligations", Set.of("transparantieverplichting"));
        } else if (labels.contains("geen-transparantieplicht")) {
            profile.put("transparency_obligations", Set.of("geen transparantieverplichting"));
        }
        return profile;
    }
}
