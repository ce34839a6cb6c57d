package nl.transparant.audit;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import nl.transparant.assessment.AssessmentDefinition;
import nl.transparant.assessment.AssessmentDefinitions;
import nl.transparant.workflow.RouteReasons;
import nl.transparant.workflow.history.ProcessHistory;
import nl.transparant.workflow.history.ProcessHistory.DecisionTableTexts;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The words for what the decision log names by id: the policy a record was decided under (a decision table
 * {@code key:version}, or an assessment definition {@code urn version (sha256 …)}), the rules of a table that matched
 * and the criteria of a questionnaire that fired, and the process variables at a decision. The auditor's case view
 * shows these words with the ids beside them as code ({@code @auditPolicies.rule(policy, id, #locale)}); an id nothing
 * explains is shown as it is.
 */
@Component("auditPolicies")
public class AuditPolicyTexts {

    private static final String ROUTE_REASON = "routeReason";
    private static final String PUBLICATION_CATEGORY = "publicationCategory";

    private final ProcessHistory engine;
    private final AssessmentDefinitions definitions;
    private final MessageSource messages;
    private final nl.transparant.standard.RegisterStandard standard;
    /** A deployed version of a table never changes, so its texts are read once. */
    private final Map<String, Optional<DecisionTableTexts>> tables = new ConcurrentHashMap<>();

    AuditPolicyTexts(ProcessHistory engine, AssessmentDefinitions definitions, MessageSource messages,
            nl.transparant.standard.RegisterStandard standard) {
        this.standard = standard;
        this.engine = engine;
        this.definitions = definitions;
        this.messages = messages;
    }

    /** The policy's name: the decision table's or the questionnaire's; the id itself when neither is known. */
    public String name(String policy, Locale locale) {
        if (policy == null) {
            return "";
        }
        Optional<DecisionTableTexts> table = table(policy);
        if (table.isPresent()) {
            String key = policy.substring(0, policy.lastIndexOf(':'));
            return messages.getMessage("audit.decision." + key, null, table.get().name(), locale);
        }
        return definition(policy).map(d -> localized(d.name(), d.translations(), "name", locale)).orElse(policy);
    }

    /** Whether {@link #name} has words of its own, so the view shows the id beside them. */
    public boolean named(String policy, Locale locale) {
        return policy != null && !policy.equals(name(policy, locale));
    }

    /**
     * A rule that matched (the table's description of it) or a criterion that fired (its explanation in the
     * questionnaire); null when nothing explains it.
     */
    public String rule(String policy, String ruleId, Locale locale) {
        if (policy == null || ruleId == null) {
            return null;
        }
        Optional<DecisionTableTexts> table = table(policy);
        if (table.isPresent()) {
            return table.get().ruleDescriptions().get(ruleId);
        }
        return definition(policy).flatMap(d -> d.assessments().stream().flatMap(a -> a.levels().stream())
                        .flatMap(l -> l.criteria().stream()).filter(c -> ruleId.equals(c.id())).findFirst())
                .map(c -> localized(c.explanation(), c.translations(), "explanation", locale))
                .orElse(null);
    }

    /** The language of a decision table's own texts (its DMN is written in English), for a page in another language. */
    public String ruleLanguage(String policy) {
        return table(policy).isPresent() ? "en" : null;
    }

    /** A process variable's name in words, or null when the bundles lack it (the view then shows the name as code only). */
    public String variable(String name, Locale locale) {
        return name == null ? null : messages.getMessage("audit.variable." + name, null, null, locale);
    }

    /**
     * A variable's value in words where its codes have words (levels, AI Act classes, outcomes); else the value as it is.
     * A decision table's whole result (the route table's {@code reviewRoute}, a map as {@code ProcessHistory} reads it) is
     * one line per output, each named and worded as the variable of that name, never the serialized map.
     */
    public String value(String name, Object value, Locale locale) {
        if (value == null) {
            return "";
        }
        if (value instanceof Map<?, ?> outputs) {
            StringBuilder lines = new StringBuilder();
            outputs.forEach((outputName, outputValue) -> {
                String output = String.valueOf(outputName);
                String label = variable(output, locale);
                lines.append(lines.isEmpty() ? "" : "\n").append(label == null ? output : label).append(": ")
                        .append(outputValue == null ? "—" : value(output, outputValue, locale));
            });
            return lines.toString();
        }
        String text = String.valueOf(value);
        if (ROUTE_REASON.equals(name)) {
            // the route table writes its reasons in both languages in one text: the reader's half
            return RouteReasons.inLanguage(text, locale);
        }
        if (PUBLICATION_CATEGORY.equals(name)) {
            // the standard's own value, in Dutch as the register writes it; its English label from the standard
            return standard.field("publication_category").stream().flatMap(field -> field.permittedValues().stream())
                    .filter(permitted -> text.equals(permitted.nl())).findFirst().map(permitted -> permitted.in(locale)).orElse(text);
        }
        String key = switch (name == null ? "" : name) {
            case "aiActClass" -> "prescan.aiActClass." + text;
            case "dpiaLevel", "residualRisk", "outcome" -> "audit.outcome." + text;
            case "approvalTier" -> "audit.approvalTier." + text;
            // the government's other assessments (DTIA, KIA) as the bindings level them
            case "dtiaLevel", "kiaLevel" -> "audit.assessmentLevel." + text;
            default -> "audit.variableValue." + text;
        };
        String words = messages.getMessage(key, null, null, locale);
        if (words == null && "outcome".equals(name)) {
            words = messages.getMessage("outcome.done." + text, null, null, locale);
        }
        return words == null ? text : words;
    }

    /** One output of a decision table's result: its name in words (null: none), its value in words, and the code beside them. */
    public record Output(String name, String label, String words, String code) {
    }

    /**
     * A decision table's whole result, one output at a time, for the view to list (a screen reader reads each as an item,
     * not one run of text); empty for any other value. The code is given where words replaced it. The outputs come in the
     * order of the columns of the table that decided ({@code policy}, {@code key:version}), as its author laid them out,
     * not sorted by their names as the engine's history gives the result. Outputs the table does not name (none, or no
     * table known) follow as the result has them.
     */
    public java.util.List<Output> outputs(String policy, Object value, Locale locale) {
        if (!(value instanceof Map<?, ?> result)) {
            return java.util.List.of();
        }
        java.util.List<String> columns = table(policy).map(DecisionTableTexts::outputs).orElse(java.util.List.of());
        return result.entrySet().stream()
                .sorted(java.util.Comparator.comparingInt(entry -> {
                    int column = columns.indexOf(String.valueOf(entry.getKey()));
                    return column < 0 ? columns.size() : column;
                }))
                .map(entry -> {
                    String output = String.valueOf(entry.getKey());
                    Object outputValue = entry.getValue();
                    String words = outputValue == null ? "—" : value(output, outputValue, locale);
                    return new Output(output, variable(output, locale), words,
                            outputValue != null && showsCode(output, outputValue, locale) ? String.valueOf(outputValue) : null);
                }).toList();
    }

    /**
     * Whether the view shows the value as code beside its words: where words replaced a code, not for a decision table's
     * result, whose lines already name each output, and not for a yes or no: "ja" says all that {@code true} does, and
     * "nee false" read as two answers.
     */
    public boolean showsCode(String name, Object value, Locale locale) {
        return value != null && !(value instanceof Map) && !(value instanceof Boolean)
                && !value(name, value, locale).equals(String.valueOf(value));
    }

    private static String localized(String dutch, Map<String, String> translations, String field, Locale locale) {
        String translated = translations == null || "nl".equals(locale.getLanguage()) ? null
                : translations.get(field + "_" + locale.getLanguage());
        return translated == null || translated.isBlank() ? dutch : translated;
    }

    private Optional<DecisionTableTexts> table(String policy) {
        int colon = policy == null ? -1 : policy.lastIndexOf(':');
        if (colon <= 0 || policy.contains(" ") || !policy.substring(colon + 1).matches("\\d{1,9}")) {
            return Optional.empty();
        }
        return tables.computeIfAbsent(policy, p -> engine.decisionTable(p.substring(0, colon), Integer.valueOf(p.substring(colon + 1))));
    }

    /** "urn version (sha256 …)" as the screening module writes it: that version if loaded, else the URN's current one. */
    private Optional<AssessmentDefinition> definition(String policy) {
        String[] parts = policy.split(" ");
        if (parts.length < 2 || !parts[0].startsWith("urn:")) {
            return Optional.empty();
        }
        return definitions.current().stream().filter(d -> d.id().urn().equals(parts[0]) && d.id().version().equals(parts[1]))
                .findFirst().or(() -> definitions.current(parts[0]));
    }
}
