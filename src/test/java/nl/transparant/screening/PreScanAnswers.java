package nl.transparant.screening;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answer sets for the product's pre-scan (policies/assessments/pre-scan-dpia.yaml) and AI Act decision tree
 * (policies/decision-trees/ai-act.yaml), described by the facts a test cares about. Only the answers are built
 * here; what they mean is left to the policy files, so a test that uses them tests the policies too.
 */
public final class PreScanAnswers {

    public static final Set<String> FACTS = Set.of("personalData", "sensitiveData", "profiling", "automatedDecision",
            "largeScale", "directImpactOnCitizens", "aiSystem", "highRiskArea", "prohibitedPractice", "matchingDatasets");

    static final String YES = "Ja";
    static final String NO = "Nee";
    static final String NONE_OF_THESE = "Geen van deze";
    static final String SUPPLIER_SYSTEM = "We gebruiken een systeem van een leverancier zoals het bedoeld is";
    static final String SOCIAL_SCORING = "Het geeft mensen een sociale score op grond van hun gedrag of persoonlijke kenmerken, "
            + "die leidt tot nadelige behandeling in een andere context of onevenredig aan het gedrag";
    static final String ESSENTIAL_SERVICES = "Essentiële diensten en uitkeringen: recht op bijstand, uitkeringen, zorg of andere "
            + "publieke voorzieningen beoordelen of intrekken; kredietwaardigheid; triage van noodoproepen; risico en premie bij "
            + "levens- en ziektekostenverzekeringen";

    private PreScanAnswers() {
    }

    /** The answers {"prescan": …, "aiAct": …} for a case with exactly these facts (all others absent). */
    public static Map<String, Object> of(String... facts) {
        Set<String> yes = Set.of(facts);
        if (!FACTS.containsAll(yes)) {
            throw new IllegalArgumentException("Unknown fact among " + yes + "; known: " + FACTS);
        }
        boolean personalData = yes.contains("personalData") || yes.contains("sensitiveData") || yes.contains("largeScale")
                || yes.contains("automatedDecision") || yes.contains("matchingDatasets");
        Map<String, Object> preScan = new LinkedHashMap<>();
        preScan.put("0.2", "Een algoritme dat het werk van een team ondersteunt.");
        preScan.put("0.3", "Het werk beter en eerlijker plannen.");
        preScan.put("1.1", personalData);
        if (personalData) {
            preScan.put("2.1", false);
            preScan.put("2.2", yes.contains("sensitiveData"));
            preScan.put("2.3", false);
            List<String> criteria = new ArrayList<>();
            if (yes.contains("largeScale")) {
                criteria.add("large_scale");
            }
            if (yes.contains("automatedDecision")) {
                criteria.add("automated_decision");
            }
            if (yes.contains("matchingDatasets")) {
                criteria.add("matching_datasets");
            }
            preScan.put("3.1", criteria);
            preScan.put("4.1", List.of());
        }
        boolean ai = yes.contains("aiSystem") || yes.contains("highRiskArea") || yes.contains("prohibitedPractice");
        preScan.put("5.1", ai);
        if (ai) {
            preScan.put("5.2", yes.contains("highRiskArea"));
        }
        preScan.put("5.4", yes.contains("profiling"));
        preScan.put("5.5", yes.contains("directImpactOnCitizens"));

        Map<String, Object> aiAct = new LinkedHashMap<>();
        aiAct.put("1", YES);
        if (!ai) {
            aiAct.put("2", NO);
            aiAct.put("2.1", yes.contains("directImpactOnCitizens") ? YES : NO);
        } else {
            aiAct.put("2", YES);
            aiAct.put("3", SUPPLIER_SYSTEM);
            aiAct.put("4", yes.contains("prohibitedPractice") ? SOCIAL_SCORING : NONE_OF_THESE);
            if (!yes.contains("prohibitedPractice")) {
                aiAct.put("5", yes.contains("profiling") ? YES : NO);
                if (yes.contains("highRiskArea")) {
                    aiAct.put("6", ESSENTIAL_SERVICES);
                    if (!yes.contains("profiling")) {
                        aiAct.put("7", NONE_OF_THESE);
                    }
                } else {
                    aiAct.put("6", NONE_OF_THESE);
                    aiAct.put("8", NONE_OF_THESE);
                }
            }
        }
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("prescan", preScan);
        answers.put("aiAct", aiAct);
        return answers;
    }
}
