package nl.transparant.problems;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What is wrong with one input field, for the {@code errors} member of a problem response. A problem named by a
 * message key ({@link #of}) is told in the reader's language ({@link #in}); its {@code message} is the Dutch text until
 * then. One made with a text of its own keeps that text in every language.
 */
public record FieldProblem(String field, String message, @JsonIgnore String key, @JsonIgnore List<Object> arguments) {

    public FieldProblem(String field, String message) {
        this(field, message, null, List.of());
    }

    /** A problem with a text from the bundles: {@code key} in {@code messages*.properties}, with its arguments. */
    public static FieldProblem of(String field, String key, Object... arguments) {
        List<Object> args = Arrays.asList(arguments);
        return new FieldProblem(field, ProblemTexts.text(key, args, ProblemTexts.DUTCH), key, args);
    }

    /** The same problem told in this language (itself when it has a text of its own). */
    public FieldProblem in(Locale language) {
        return key == null ? this : new FieldProblem(field, ProblemTexts.text(key, arguments, language), key, arguments);
    }

    public static List<FieldProblem> in(List<FieldProblem> problems, Locale language) {
        return problems.stream().map(p -> p.in(language)).toList();
    }
}
