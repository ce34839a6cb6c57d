package nl.transparant.screening;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.transparant.assessment.AssessmentDefinition;
import nl.transparant.assessment.AssessmentOutcome;

/**
 * Which definitions a case uses and how their results feed the review route: one file of
 * {@code policies/bindings/}. The product's own pre-scan and the government's Pre-scan DPIA are two bindings of this
 * one mechanism, so the engine knows neither's assessment ids, levels or labels.
 *
 * <p>Fails closed: {@link #routeInputs} and {@link #classify} name a gap for every result the binding does not
 * map (a level without a mapping, an assessment that is missing, a path of the decision tree that fits no class);
 * the caller stops the case for a policy decision instead of routing it by a default.
 *
 * @param organisations the organisations (codes) this binding serves; empty for the default binding
 * @param route         per route input of {@code policies/review-route.dmn}, where its value comes from
 * @param classes       the AI Act class of a path through the tree: the first rule that holds
 * @param profile       the case's AI Act profile in the vocabulary of the government's decision aid and the
 *                      Algoritmekader (type, risk_group, role, …), per key from the path's labels or its class
 */
public record ScreeningBinding(String id, String file, String sha256, String name, boolean active, List<String> organisations,
        Reference preScan, Reference dpia, Reference iama, Reference aiActTree, Map<String, RouteInput> route,
        List<ClassRule> classes, Map<String, ProfileRule> profile) {

    /** The AI Act classes the review route knows. */
    public static final List<String> AI_ACT_CLASSES = List.of("prohibited", "high_risk", "limited", "minimal", "not_applicable");

    /** The route inputs every binding must give (the review route reads them; the AI Act class comes from {@link #classes}). */
    public static final List<String> REQUIRED_ROUTE_INPUTS = List.of("personalData", "sensitiveData", "profiling",
            "automatedDecision", "largeScale", "directImpactOnCitizens", "dpiaLevel");

    /** The keys of an AI Act profile, as the decision aid's labels and the Algoritmekader's {@code ai_act_profile} name them. */
    public static final List<String> PROFILE_KEYS = List.of("type", "risk_group", "role", "transparency_obligations",
            "systemic_risk", "open_source", "conformity_assessment_body");

    public ScreeningBinding {
        organisations = List.copyOf(organisations);
        route = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(route));
        classes = List.copyOf(classes);
        profile = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(profile));
    }

    /** A definition by URN (or a decision tree by key), with the version required; a null version takes the one in service. */
    public record Reference(String key, String version) {

        @Override
        public String toString() {
            return version == null ? key : key + " " + version;
        }
    }

    /** Where one route input's value comes from. */
    public sealed interface RouteInput permits FromAssessment, FromOutput, Fixed {
    }

    /**
     * From the level an assessment of the pre-scan reached.
     *
     * @param levels the value per level the assessment can reach
     * @param none   the value when no level was reached; null when the binding gives none (then that is a gap)
     */
    public record FromAssessment(String assessment, Map<String, Object> levels, Object none) implements RouteInput {
    }

    /** From an {@code outputs} expression of the pre-scan (the product's extension). */
    public record FromOutput(String output) implements RouteInput {
    }

    /** A fixed value: the binding's author decided the pre-scan in use does not ask this. */
    public record Fixed(Object value) implements RouteInput {
    }

    /**
     * Holds when the path ended at one of {@code conclusions} (if given) and collected every one of {@code labels} (if
     * given).
     */
    public record ClassRule(List<String> conclusions, List<String> labels, String aiActClass) {

        public ClassRule {
            conclusions = List.copyOf(conclusions);
            labels = List.copyOf(labels);
        }

        boolean holds(String conclusionId, Collection<String> pathLabels) {
            return (conclusions.isEmpty() || conclusions.contains(conclusionId)) && pathLabels.containsAll(labels);
        }
    }

    /** One key of the AI Act profile: a value per label of the path, and a value per class. */
    public record ProfileRule(Map<String, String> labels, Map<String, String> classes) {
    }

    /** The route inputs a pre-scan outcome gives, and every result this binding does not map. */
    public record RouteValues(Map<String, Object> values, List<String> gaps) {
    }

    /** The AI Act class of a path, or null with the gap named. */
    public record Classification(String aiActClass, String gap) {
    }

    /** Whether this binding serves cases of this organisation. */
    public boolean serves(String organisation) {
        return organisations.contains(organisation);
    }

    public RouteValues routeInputs(AssessmentDefinition definition, AssessmentOutcome outcome) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> gaps = new ArrayList<>();
        route.forEach((input, source) -> {
            if (source instanceof Fixed fixed) {
                values.put(input, fixed.value());
            } else if (source instanceof FromOutput fromOutput) {
                Object value = outcome.outputs().get(fromOutput.output());
                if (value == null) {
                    gaps.add(input + ": the pre-scan " + definition.urn() + " gave no output '" + fromOutput.output() + "'");
                } else {
                    values.put(input, value);
                }
            } else if (source instanceof FromAssessment fromAssessment) {
                if (definition.assessments().stream().noneMatch(a -> a.id().equals(fromAssessment.assessment()))) {
                    gaps.add(input + ": the pre-scan " + definition.urn() + " has no assessment '" + fromAssessment.assessment() + "'");
                    return;
                }
                String level = outcome.verdict(fromAssessment.assessment()).map(AssessmentOutcome.Verdict::level).orElse(null);
                Object value = level == null ? fromAssessment.none() : fromAssessment.levels().get(level);
                if (value == null) {
                    gaps.add(input + ": assessment '" + fromAssessment.assessment() + "' reached "
                            + (level == null ? "no level" : "level '" + level + "'") + ", which the binding does not map");
                } else {
                    values.put(input, value);
                }
            }
        });
        // Run time too (an output's value is only known now): a value the route does not know stops the case.
        values.entrySet().removeIf(entry -> {
            String problem = RouteInputs.problem(entry.getKey(), entry.getValue());
            if (problem != null) {
                gaps.add(entry.getKey() + ": " + problem);
            }
            return problem != null;
        });
        return new RouteValues(values, gaps);
    }

    public Classification classify(String conclusionId, Collection<String> pathLabels) {
        for (ClassRule rule : classes) {
            if (rule.holds(conclusionId, pathLabels)) {
                return new Classification(rule.aiActClass(), null);
            }
        }
        return new Classification(null, "no class of the binding fits conclusion '" + conclusionId + "' with labels " + pathLabels);
    }

    /** The case's AI Act profile: per key the values its labels and class give, in the official vocabulary. */
    public Map<String, List<String>> profile(Collection<String> pathLabels, String aiActClass) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        PROFILE_KEYS.forEach(key -> {
            ProfileRule rule = profile.get(key);
            Set<String> values = new LinkedHashSet<>();
            if (rule != null) {
                pathLabels.forEach(label -> {
                    if (rule.labels().containsKey(label)) {
                        values.add(rule.labels().get(label));
                    }
                });
                if (aiActClass != null && rule.classes().containsKey(aiActClass)) {
                    values.add(rule.classes().get(aiActClass));
                }
            }
            result.put(key, List.copyOf(values));
        });
        return result;
    }

    /** How a report or a case page names this binding. */
    public String describe() {
        return id + " (" + file + ")";
    }
}
