package nl.transparant.problems;

/** An {@code Idempotency-Key} sent again with another request than the first time: answered with 422. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String detail) {
        super(detail);
    }
}
