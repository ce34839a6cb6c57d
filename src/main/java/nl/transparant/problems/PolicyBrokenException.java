package nl.transparant.problems;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A policy file the request needs is missing or broken, so nothing that depends on it may go on (fail closed). Not
 * the caller's fault and not a crash: the answer is a 503 that names the file and what is wrong with it, so whoever
 * reads it can tell the policy's author; nothing of the request was stored.
 */
public class PolicyBrokenException extends IllegalStateException {

    private final String file;
    private final String reason;

    /** The log names the whole path, for the operator; the page only the file's name, for its reader. */
    public PolicyBrokenException(Path file, String reason, Throwable cause) {
        super("The policy file " + file + " is refused: " + reason + ". Nothing that needs it can go on until it is repaired.", cause);
        this.file = String.valueOf(file.getFileName());
        this.reason = reason;
    }

    /** The explanation in this language; the reason itself is the file checker's, for the policy's author. */
    public String detail(Locale language) {
        return ProblemTexts.text("problem.policyBroken", List.of(file, reason), language);
    }
}
