package nl.transparant.problems;

/** Also used where the thing exists but the caller may not know it does (another organisation's case). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String detail) {
        super(detail);
    }
}
