package nl.transparant.obligations;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One requirement ({@code urn:…:ver:…}) or measure ({@code urn:…:mtr:…}) of the catalogue, as its YAML file says it.
 *
 * @param version          the file's {@code version}, or when it has none (the official files carry none) the first
 *                         twelve characters of its SHA-256, so any change of text is a new version
 * @param links            for a measure: the requirements it helps meet
 * @param profiles         the {@code ai_act_profile} entries; the item applies when one matches the case
 */
public record CatalogueItem(Kind kind, String urn, String version, String sha256, String name, String description,
        String explanation, String language, String url, List<String> subject, List<String> lifecycle, List<String> links,
        List<String> suggestedRoles, boolean alwaysApplicable, List<Map<String, List<String>>> profiles, String file) {

    public enum Kind {
        REQUIREMENT, MEASURE
    }

    /**
     * Whether one of the item's profile entries matches: every field the entry fills must share a value with the
     * case's profile. An entry that fills no field restricts nothing, so it matches (too much rather than too little).
     */
    boolean profileMatches(Map<String, Set<String>> caseProfile) {
        return profiles.stream().anyMatch(entry -> entry.entrySet().stream()
                .filter(field -> !field.getValue().isEmpty())
                .allMatch(field -> field.getValue().stream().anyMatch(caseProfile.getOrDefault(field.getKey(), Set.of())::contains)));
    }
}
