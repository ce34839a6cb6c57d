package nl.transparant.problems;

public class ForbiddenException extends RuntimeException {

    private final String messageKey;
    private final Wording reason;
    private String caseId;

    public ForbiddenException(String detail) {
        this(detail, null);
    }

    /**
     * A refusal with a Dutch and English explanation: {@code messageKey + ".text"} in the messages is the detail shown to
     * the person refused (their language); the English detail stays what is logged and recorded.
     */
    public ForbiddenException(String detail, String messageKey) {
        this(detail, messageKey, null);
    }

    /**
     * As above, with the refusal's particular reason in words for the person's language (their own work on the case, for
     * four eyes); answered as {@code reason} beside the detail. Null: the English detail is the reason, when it says
     * more than the key's text.
     */
    public ForbiddenException(String detail, String messageKey, Wording reason) {
        super(detail);
        this.messageKey = messageKey;
        this.reason = reason;
    }

    /** The particular reason in the person's language, or null. */
    public Wording reason() {
        return reason;
    }

    /** The key of the explanation in the person's language, or null when the detail is all there is. */
    public String messageKey() {
        return messageKey;
    }

    /**
     * The refusal concerns this case (a value the application found, never one the person sent): its record in the
     * decision log then belongs to the case's trail, where an auditor looks for who was kept from reviewing it.
     */
    public ForbiddenException aboutCase(String caseId) {
        this.caseId = caseId;
        return this;
    }

    /** The case the refusal concerns, or null. */
    public String caseId() {
        return caseId;
    }
}
