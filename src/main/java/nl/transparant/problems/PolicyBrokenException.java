package nl.transparant.problems;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A policy file the request needs is missing or broken, so nothing that depends on it may go on (fail closed). Not
 * the caller's fault and not a crash: the answer is a 503 that names the file and what is wrong with it, so whoever
 * reads it can tell the policy's author; nothing of the request was stored.
 *
 * <p>What is wrong is a message key with its arguments ({@code problem.policyBroken.reason.*}), so the reader gets it
 * in their language; a library's own explanation (a parser's, in English) stays in the log, as the cause.
 */
public class PolicyBrokenException extends IllegalStateException {

    private final String file;
    private final String reasonKey;
    private final List<?> reasonArguments;

    /** The log names the whole path, for the operator; the page only the file's name, for its reader. */
    public PolicyBrokenException(Path file, String reasonKey, List<?> reasonArguments, Throwable cause) {
        super("The policy file " + file + " is refused: " + reason(reasonKey, reasonArguments, Locale.ENGLISH)
                + ". Nothing that needs it can go on until it is repaired."
                + (cause == null || cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"), cause);
        this.file = String.valueOf(file.getFileName());
        this.reasonKey = reasonKey;
        this.reasonArguments = List.copyOf(reasonArguments);
    }

    /** The explanation in this language, naming the file and what is wrong with it. */
    public String detail(Locale language) {
        return ProblemTexts.text("problem.policyBroken", List.of(file, reason(reasonKey, reasonArguments, language)), language);
    }

    /**
     * The arguments of {@code problem.policyBroken}: the file's name and what is wrong, the latter resolved in whichever
     * language the message is asked for (the message source resolves it as a message of its own).
     */
    public List<Object> explanationArguments() {
        return List.of(file, new org.springframework.context.support.DefaultMessageSourceResolvable(
                new String[] {"problem.policyBroken.reason." + reasonKey}, reasonArguments.toArray()));
    }

    private static String reason(String key, List<?> arguments, Locale language) {
        return ProblemTexts.text("problem.policyBroken.reason." + key, arguments, language);
    }
}
