package nl.transparant.screening;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers to the product's IAMA (policies/assessments/transparant-iama.yaml): every required question answered, one affected right
 * in the repeatable group 4.2. What they lead to (stop or proceed, FRIA, risk to fundamental rights) is left to the
 * policy file.
 */
public final class IamaAnswers {

    private IamaAnswers() {
    }

    /** A complete IAMA that lets the case proceed: a legal basis, no prohibited practice, a proportionate infringement. */
    public static Map<String, Object> proceeding() {
        return set(answers("nee"));
    }

    /** A complete IAMA in which the team finds a prohibited AI practice (AI Act Art. 5): the case stops. */
    public static Map<String, Object> prohibitedPractice() {
        Map<String, Object> answers = answers("ja");
        answers.put("1.5.2", List.of());
        return set(answers);
    }

    /** The IAMA with these answers left out, everything else complete. */
    public static Map<String, Object> without(String... taskIds) {
        Map<String, Object> answers = answers("nee");
        for (String taskId : taskIds) {
            answers.remove(taskId);
        }
        return set(answers);
    }

    private static Map<String, Object> answers(String prohibitedPractice) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("1.1", "Aanvragen sneller en eerlijker afhandelen.");
        a.put("1.2", List.of("fairness", "service_quality"));
        a.put("1.3", "Gelijke gevallen worden gelijk behandeld; de menselijke maat blijft bij de medewerker.");
        a.put("1.4.1", "ja");
        a.put("1.4.2", "Participatiewet, artikel 7");
        a.put("1.5.1", prohibitedPractice);
        a.put("1.6", "De afdelingsmanager Werk en Inkomen.");
        a.put("2.1", "rule_based");
        a.put("2.2", false);
        a.put("2.5", "Bij de intake van aanvragen.");
        a.put("2.6", "Doorlopend, bij elke aanvraag.");
        a.put("2.7.1", "De eigen registratie van aanvragen.");
        a.put("2.7.2", "Volledig en actueel; jaarlijks gecontroleerd.");
        a.put("2.7.3", "Klein: de regels gebruiken geen persoonskenmerken.");
        a.put("2.7.4", "ja");
        a.put("2.7.5", "Een jaarlijkse toets op gelijke uitkomsten per wijk.");
        a.put("2.8.1", "Een aanvraag kan onterecht als onvolledig worden gemarkeerd.");
        a.put("2.8.2", "Vertraging van de aanvraag.");
        a.put("2.8.3", "De medewerker controleert elke markering.");
        a.put("3.1.1", "human_decides");
        a.put("3.1.2", "De medewerker beslist; het algoritme geeft alleen een signaal.");
        a.put("3.2.1", "Het signaal noemt de regel die afging.");
        a.put("3.2.2", "In de brief staat welke regel werd gebruikt.");
        a.put("3.3.1", "Maandelijkse rapportage van de signalen.");
        a.put("3.3.2", "Het gebruik stopt tot de fout is hersteld.");
        a.put("3.4.1", "Aanvragers van bijstand.");
        a.put("3.4.2", false);
        a.put("3.4.3", "Via de cliëntenraad.");
        a.put("3.5", "Op de website en in het algoritmeregister.");
        a.put("4.1", List.of("private_life"));
        a.put("4.3", "laag");
        a.put("4.4.1", "Ja, het helpt onvolledige aanvragen eerder te vinden.");
        a.put("4.4.2", "Nee, handmatig controleren kost veel meer tijd.");
        a.put("4.4.3", "Ja, de inbreuk is klein.");
        a.put("4.4.4", "ja");
        a.put("4.5", "laag");
        a.put("5.1", "Het algoritme kan verantwoord worden ingezet.");
        a.put("5.2", "positief");
        a.put("5.4", false);
        return a;
    }

    private static Map<String, Object> set(Map<String, Object> answers) {
        Map<String, Object> right = Map.of("answers", Map.of("4.2.1", "private_life",
                "4.2.2", "Gegevens over de aanvraag worden vaker bekeken.", "4.2.3", "laag",
                "4.2.4", "Alleen de behandelaar ziet het signaal."));
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("answers", answers);
        set.put("groups", Map.of("4.2", List.of(right)));
        return set;
    }
}
