package nl.transparant.screening;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers to the product's DPIA (policies/assessments/transparant-dpia.yaml) with one risk in the register, described by
 * that risk's likelihood and impact after measures. The residual risk and whether prior consultation is needed
 * follow from the policy files (the risk matrix), not from this class.
 */
public final class DpiaAnswers {

    private DpiaAnswers() {
    }

    public static Map<String, Object> withRisk(String likelihoodAfter, String impactAfter) {
        Map<String, Object> risk = new LinkedHashMap<>();
        risk.put("3.1.1", "Onterecht gebruik van gegevens");
        risk.put("3.1.2", "Gegevens worden gebruikt voor een ander doel dan waarvoor ze zijn verzameld.");
        risk.put("3.1.3", "function_creep");
        risk.put("3.1.4", List.of("privacy", "data_protection"));
        risk.put("3.1.5", "midden");
        risk.put("3.1.6", "hoog");
        risk.put("3.1.8", likelihoodAfter);
        risk.put("3.1.9", impactAfter);
        risk.put("3.1.10", "De maatregelen brengen het risico terug tot wat aanvaardbaar is.");
        Map<String, Object> measure = Map.of("answers", Map.of(
                "3.1.7.1", "Toegang alleen voor het eigen team", "3.1.7.2", "Teamleider", "3.1.7.3", "2026-12-01", "3.1.7.4", "done"));

        Map<String, Object> answers = new LinkedHashMap<>(completeApartFromTheRisks());
        return withAnswersAndRisk(answers, risk, measure);
    }

    /** Every required question outside the risk register, answered: the DPO's advice followed, data subjects not asked (with the reason why). */
    public static Map<String, Object> completeApartFromTheRisks() {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("1.1", "Het algoritme verwerkt gegevens uit de eigen registratie om het werk te plannen.");
        answers.put("1.2", "Beter en eerlijker plannen.");
        answers.put("1.3", "public_task");
        answers.put("1.5", "Naam, adres en de gegevens van de aanvraag.");
        answers.put("1.6", "Aanvragers, ongeveer 2.000 per jaar.");
        answers.put("1.8", "Twee jaar na afhandeling.");
        answers.put("1.9", false);
        answers.put("2.1", "Het doel is zonder deze verwerking niet goed te halen.");
        answers.put("2.2", "De inbreuk is beperkt en staat in verhouding tot het doel.");
        answers.put("2.3", "Er is geen minder ingrijpende manier.");
        answers.put("2.4", "Alleen de gegevens die nodig zijn.");
        answers.put("2.6", "Inzage en correctie via het contactformulier.");
        answers.put("4.1", "Toegangsbeheer en logging.");
        answers.put("4.3", "laag");
        answers.put("5.1", "2026-10-01");
        answers.put("5.2", "De FG adviseert de toegang te beperken tot het eigen team.");
        answers.put("5.3", true);
        answers.put("6.1", false);
        answers.put("6.4", "De verwerking verandert niets voor de betrokkenen.");
        answers.put("7.1", List.of("periodic"));
        answers.put("7.2", "2027-10-01");
        answers.put("7.3", "De privacy officer");
        return answers;
    }

    private static Map<String, Object> withAnswersAndRisk(Map<String, Object> answers, Map<String, Object> risk,
            Map<String, Object> measure) {
        Map<String, Object> dpia = new LinkedHashMap<>();
        dpia.put("answers", answers);
        dpia.put("groups", Map.of("3.1", List.of(Map.of("answers", risk, "groups", Map.of("3.1.7", List.of(measure))))));
        return dpia;
    }

    /** Residual risk low: no prior consultation. */
    public static Map<String, Object> lowResidualRisk() {
        return withRisk("laag", "midden");
    }

    /** Residual risk high after measures: the supervisor must be consulted first (GDPR Art. 36). */
    public static Map<String, Object> highResidualRisk() {
        return withRisk("hoog", "hoog");
    }
}
