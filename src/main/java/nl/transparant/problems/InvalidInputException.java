package nl.transparant.problems;

import java.util.List;

/** Input a person can correct: answered with 400 and every field problem at once. */
public class InvalidInputException extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidInputException(String detail, List<FieldProblem> problems) {
        super(detail);
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(String detail) {
        this(detail, List.of());
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
