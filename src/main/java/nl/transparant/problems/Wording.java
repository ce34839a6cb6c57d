package nl.transparant.problems;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSourceResolvable;

/**
 * A text of a report that is told later, in the reader's language: a key of {@code messages*.properties} with its
 * arguments, which may themselves be wordings (resolved in the same language). A page shows it with
 * {@code ${wording.in(#locale)}}; in an API answer it is the text in the caller's language (Accept-Language, or the
 * {@code /en/} address), so the same report reads Dutch or English without a second copy of it.
 */
public record Wording(String key, List<Object> arguments) implements MessageSourceResolvable {

    public static Wording of(String key, Object... arguments) {
        return new Wording(key, Arrays.asList(arguments));
    }

    /**
     * Field problems as one text, "field: problem field: problem", each problem in the reader's language where it has
     * a key (a problem with a text of its own keeps that text); null when there are none.
     */
    public static Wording ofProblems(List<FieldProblem> problems, java.util.function.UnaryOperator<String> fieldName) {
        Wording joined = null;
        for (FieldProblem problem : problems) {
            Object text = problem.key() == null ? problem.message() : new Wording(problem.key(), problem.arguments());
            Wording one = of("problem.fieldAndProblem", fieldName.apply(problem.field()), text);
            joined = joined == null ? one : of("problem.oneAfterAnother", joined, one);
        }
        return joined;
    }

    /** The text in this language. */
    public String in(Locale language) {
        return ProblemTexts.text(key, arguments, language);
    }

    /** The text in the language of the request being answered (Dutch outside a request). */
    @JsonValue
    public String text() {
        return in(ProblemTexts.callersLanguage());
    }

    @Override
    public String[] getCodes() {
        return new String[] {key};
    }

    @Override
    public Object[] getArguments() {
        return arguments.toArray();
    }

    @Override
    public String getDefaultMessage() {
        return key;
    }

    @Override
    public String toString() {
        return text();
    }
}
