package nl.transparant.problems;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Also used where the thing exists but the caller may not know it does (another organisation's case). */
public class NotFoundException extends RuntimeException {

    private final String detailKey;
    private final List<Object> detailArguments;

    public NotFoundException(String detail) {
        this(detail, null, List.of());
    }

    private NotFoundException(String detail, String detailKey, List<Object> detailArguments) {
        super(detail);
        this.detailKey = detailKey;
        this.detailArguments = detailArguments;
    }

    /** Explained by a text from the bundles ({@link ProblemTexts}), so the reader gets it in their language. */
    public static NotFoundException of(String detailKey, Object... arguments) {
        List<Object> args = Arrays.asList(arguments);
        return new NotFoundException(ProblemTexts.text(detailKey, args, ProblemTexts.DUTCH), detailKey, args);
    }

    /** The explanation in this language, or null when the service gave only its own (English) words. */
    public String translatedDetail(Locale language) {
        return detailKey == null ? null : ProblemTexts.text(detailKey, detailArguments, language);
    }
}
