package nl.transparant.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The words for the codes the decision log stores (event types, outcomes, BPMN steps, process states), in the
 * reader's language: {@code @auditLabels.eventType(code, #locale)}. The records keep their codes, which the auditor's
 * views show beside the words, as code; a code the bundles lack is shown as it is.
 */
@Component("auditLabels")
public class AuditLabels {

    private final MessageSource messages;

    AuditLabels(MessageSource messages) {
        this.messages = messages;
    }

    public String eventType(String code, Locale locale) {
        return label("audit.eventType.", code, locale);
    }

    public String outcome(String code, Locale locale) {
        if (code == null) {
            return "";
        }
        String done = messages.getMessage("outcome.done." + code, null, null, locale);
        String vote = done != null ? null : messages.getMessage("ethics.vote." + code, null, null, locale);
        return done != null ? done : vote != null ? vote : label("audit.outcome.", code, locale);
    }

    /** A step of a process by its element id; the BPMN name, then the id, when the bundles lack it. */
    public String step(String elementId, String bpmnName, Locale locale) {
        if (elementId == null) {
            return bpmnName == null ? "" : bpmnName;
        }
        String label = messages.getMessage("process.element." + elementId, null, null, locale);
        return label != null ? label : bpmnName != null ? bpmnName : elementId;
    }

    public String processState(String state, Locale locale) {
        return label("audit.processState.", state, locale);
    }

    /** A choice in a filter: the code it sends, the words it shows. */
    public record Option(String code, String label) {
    }

    /** The event types the bundles name, by their words, for the auditor's filter. */
    public List<Option> eventTypes(Locale locale) {
        return options(codes("audit.eventType."), code -> eventType(code, locale));
    }

    /** Outcomes of decisions, of committee votes and of the other records that have words (a policy's levels have none). */
    public List<Option> outcomes(Locale locale) {
        List<String> codes = new ArrayList<>(codes("outcome.done."));
        // the vote's form texts (its legend, its button) share the prefix but are no outcome
        codes.addAll(codes("ethics.vote.").stream().filter(code -> !code.contains(".") && !FORM_TEXTS.contains(code)).toList());
        codes.addAll(codes("audit.outcome."));
        return options(codes, code -> outcome(code, locale));
    }

    /**
     * The outcomes that occur in the log, by their words, value the code: an auditor chooses, never has to guess how a
     * code is spelled. A code the bundles lack is offered as it is.
     */
    public List<Option> outcomes(List<String> occurring, Locale locale) {
        return options(occurring, code -> outcome(code, locale));
    }

    /** Whether the outcome has words of its own (then the views show the code beside them). */
    public boolean hasOutcomeLabel(String code, Locale locale) {
        return code != null && !code.equals(outcome(code, locale));
    }

    /** The steps of the processes that can be decided or reached. */
    public List<Option> steps(Locale locale) {
        return options(codes("process.element."), code -> step(code, null, locale));
    }

    private static final java.util.Set<String> FORM_TEXTS = java.util.Set.of("legend", "submit");

    private static List<Option> options(List<String> codes, java.util.function.Function<String, String> label) {
        return codes.stream().distinct().map(code -> new Option(code, label.apply(code)))
                .sorted(Comparator.comparing(Option::label)).toList();
    }

    private static List<String> codes(String prefix) {
        return CODES.stringPropertyNames().stream().filter(key -> key.startsWith(prefix))
                .map(key -> key.substring(prefix.length())).sorted().toList();
    }

    private static final Properties CODES = load();

    private static Properties load() {
        Properties texts = new Properties();
        try (var in = AuditLabels.class.getClassLoader().getResourceAsStream("messages.properties")) {
            texts.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("The message bundle cannot be read.", e);
        }
        return texts;
    }

    private String label(String prefix, String code, Locale locale) {
        return code == null ? "" : messages.getMessage(prefix + code, null, code, locale);
    }
}
