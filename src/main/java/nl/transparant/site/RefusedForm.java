package nl.transparant.site;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import nl.transparant.problems.InvalidInputException;

/**
 * A small form of a page that shares the page with others (the case page's retirement, re-review move, ethics vote),
 * refused: shown again with what was sent ({@code sent}, by field name), each problem at its input ({@code problems}, by
 * field name, in the person's language) and in the summary above the form, each line linked to its input.
 */
public record RefusedForm(Map<String, String> sent, Map<String, String> problems, List<FormProblems.SummaryItem> summary,
        String detail) {

    /**
     * @param sent          what was sent, by field name; a field not in it has no input on the form (its line in the
     *                      summary is text, not a link)
     * @param inputIdPrefix a field's input has this id followed by the field's name ({@code re-review-due})
     * @param label         a field's label as the form shows it, by field name
     */
    public static RefusedForm of(InvalidInputException refused, Locale locale, Map<String, String> sent, String inputIdPrefix,
            Function<String, String> label) {
        Map<String, String> problems = new LinkedHashMap<>();
        refused.problems(locale).forEach(p -> problems.merge(p.field(), p.message(), (a, b) -> a + " " + b));
        List<FormProblems.SummaryItem> summary = problems.entrySet().stream()
                .map(p -> new FormProblems.SummaryItem(sent.containsKey(p.getKey()) ? "#" + inputIdPrefix + p.getKey() : null,
                        label.apply(p.getKey()), p.getValue()))
                .toList();
        return new RefusedForm(sent, problems, summary, refused.detail(locale));
    }

    /** What a form sent for a field it left out: nothing, shown as an empty input. */
    public static String sent(String value) {
        return value == null ? "" : value;
    }
}
