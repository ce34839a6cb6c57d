package nl.transparant.problems;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The request was valid but the case or task has moved on (completed, changed by someone else). */
public class ConflictException extends RuntimeException {

    private final String detailKey;
    private final List<Object> detailArguments;

    public ConflictException(String detail) {
        this(detail, null, List.of());
    }

    private ConflictException(String detail, String detailKey, List<Object> detailArguments) {
        super(detail);
        this.detailKey = detailKey;
        this.detailArguments = detailArguments;
    }

    /** Explained by a text from the bundles ({@link ProblemTexts}), so the reader gets it in their language. */
    public static ConflictException of(String detailKey, Object... arguments) {
        List<Object> args = Arrays.asList(arguments);
        return new ConflictException(ProblemTexts.text(detailKey, args, ProblemTexts.DUTCH), detailKey, args);
    }

    /** The explanation in this language (the service's own words when it gave no key). */
    public String detail(Locale language) {
        return detailKey == null ? getMessage() : ProblemTexts.text(detailKey, detailArguments, language);
    }
}
