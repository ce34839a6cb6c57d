package nl.transparant.problems;

/** The request was valid but the case or task has moved on (completed, changed by someone else). */
public class ConflictException extends RuntimeException {

    public ConflictException(String detail) {
        super(detail);
    }
}
