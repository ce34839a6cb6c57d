package nl.transparant.site;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import nl.transparant.problems.FieldProblem;
import nl.transparant.problems.InvalidInputException;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * The field problems a service reported for a form, by field key ({@code name}, {@code answers.profiling},
 * {@code lawful_basis_grouping[0].link}), so each shows next to its own input and in the summary above.
 */
public final class FormProblems {

    private static final FormProblems NONE = new FormProblems(List.of(), null);

    private final Map<String, List<String>> byKey = new LinkedHashMap<>();
    private final String detail;

    private FormProblems(Collection<FieldProblem> problems, String detail) {
        problems.forEach(p -> byKey.computeIfAbsent(p.field(), k -> new ArrayList<>()).add(p.message()));
        this.detail = detail;
    }

    public static FormProblems none() {
        return NONE;
    }

    /**
     * @param detail the service's overall explanation, shown when no single field is named
     */
    public static FormProblems of(List<FieldProblem> problems, String detail) {
        return new FormProblems(FieldProblem.in(problems, LocaleContextHolder.getLocale()), detail);
    }

    /** A service's refusal of a form, told in the page's language where the service named its texts. */
    public static FormProblems of(InvalidInputException refusal, Locale language) {
        return new FormProblems(refusal.problems(language), refusal.detail(language));
    }

    public boolean any() {
        return !byKey.isEmpty() || detail != null;
    }

    public String detail() {
        return detail;
    }

    /** Every message about this key, joined; null when the field is fine. */
    public String messageFor(String key) {
        List<String> messages = byKey.get(key);
        return messages == null ? null : String.join(" ", messages);
    }

    /** Messages about any of these keys, joined; null when all are fine. */
    public String messageFor(String... keys) {
        List<String> messages = new ArrayList<>();
        for (String key : keys) {
            messages.addAll(byKey.getOrDefault(key, List.of()));
        }
        return messages.isEmpty() ? null : String.join(" ", messages);
    }

    public Map<String, List<String>> byKey() {
        return java.util.Collections.unmodifiableMap(byKey);
    }

    /**
     * One line of the error summary. {@code href} points at the input to correct, or is null when no
     * input on the page matches (the summary then only reads out the message).
     */
    public record SummaryItem(String href, String label, String message) {
    }

    /**
     * The id of the input for a field key, the same on every form: {@code f-name},
     * {@code f-lawful_basis_grouping-0-title}, {@code task-42-answers-profiling}.
     */
    public static String inputId(String prefix, String key) {
        return prefix + key.replace("].", "-").replace("[", "-").replace("]", "").replace(".", "-");
    }
}
