package nl.transparant.workflow.review;

import java.util.List;
import nl.transparant.problems.ConflictException;

/**
 * An approval that has to wait: the case is valid, but something the BPMN makes the approval depend on is still open.
 * Answered with 409; pages show {@link #messageKey()} with {@link #arguments()} in the reader's language.
 */
public class ApprovalBlocked extends ConflictException {

    private final String messageKey;
    private final List<Object> arguments;

    public ApprovalBlocked(String detail, String messageKey, List<Object> arguments) {
        super(detail);
        this.messageKey = messageKey;
        this.arguments = List.copyOf(arguments);
    }

    public String messageKey() {
        return messageKey;
    }

    public List<Object> arguments() {
        return arguments;
    }

    /** Told in the reader's language, also in the API. */
    @Override
    public String detail(java.util.Locale language) {
        return nl.transparant.problems.ProblemTexts.text(messageKey, arguments, language);
    }
}
