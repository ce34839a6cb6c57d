package nl.transparant.problems;

/** What is wrong with one input field, for the {@code errors} member of a problem response. */
public record FieldProblem(String field, String message) {
}
