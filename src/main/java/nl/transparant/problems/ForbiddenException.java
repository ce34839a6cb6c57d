package nl.transparant.problems;

public class ForbiddenException extends RuntimeException {

    private final String messageKey;

    public ForbiddenException(String detail) {
        this(detail, null);
    }

    /**
     * A refusal with a Dutch and English explanation: {@code messageKey + ".text"} in the messages is the detail shown to
     * the person refused (their language); the English detail stays what is logged and recorded.
     */
    public ForbiddenException(String detail, String messageKey) {
        super(detail);
        this.messageKey = messageKey;
    }

    /** The key of the explanation in the person's language, or null when the detail is all there is. */
    public String messageKey() {
        return messageKey;
    }
}
