package nl.transparant.problems;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Input a person can correct: answered with 400 and every field problem at once. */
public class InvalidInputException extends RuntimeException {

    private final List<FieldProblem> problems;
    private final String detailKey;
    private final List<Object> detailArguments;

    public InvalidInputException(String detail, List<FieldProblem> problems) {
        this(detail, null, List.of(), problems);
    }

    public InvalidInputException(String detail) {
        this(detail, List.of());
    }

    /** For a subclass explained by a text from the bundles (as {@link #of}). */
    protected InvalidInputException(String detail, String detailKey, List<Object> detailArguments, List<FieldProblem> problems) {
        super(detail);
        this.problems = List.copyOf(problems);
        this.detailKey = detailKey;
        this.detailArguments = detailArguments;
    }

    /** Explained by a text from the bundles ({@link ProblemTexts}), so the reader gets it in their language. */
    public static InvalidInputException of(String detailKey, List<FieldProblem> problems, Object... arguments) {
        List<Object> args = Arrays.asList(arguments);
        return new InvalidInputException(ProblemTexts.text(detailKey, args, ProblemTexts.DUTCH), detailKey, args, problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    /** The explanation in this language (the service's own words when it gave no key). */
    public String detail(Locale language) {
        return detailKey == null ? getMessage() : ProblemTexts.text(detailKey, detailArguments, language);
    }

    public List<FieldProblem> problems(Locale language) {
        return FieldProblem.in(problems, language);
    }
}
