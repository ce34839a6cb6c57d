package nl.transparant.site;

import org.springframework.http.HttpStatus;

/**
 * A refusal a page decides on itself (for example an edit form asked for while the case is under review),
 * carried as a message key so the visitor reads it in their own language.
 */
public class PageProblem extends RuntimeException {

    private final HttpStatus status;
    private final String messageKey;

    public PageProblem(HttpStatus status, String messageKey) {
        super(messageKey);
        this.status = status;
        this.messageKey = messageKey;
    }

    public HttpStatus status() {
        return status;
    }

    public String messageKey() {
        return messageKey;
    }
}
