package nl.transparant.assessment;

/**
 * Something wrong in a policy file (an assessment definition or a decision tree), found while loading it.
 * An {@link Severity#ERROR} refuses the file; a {@link Severity#WARNING} names something that loads but is
 * probably not what the author meant (an expression reading a variable that is never there, an unknown key).
 *
 * @param subject the task, question, assessment or conclusion concerned, e.g. "task 1.2.2"; null for the file
 * @param path    where in the file, e.g. {@code tasks[1].tasks[0].calculation.expression}
 */
public record PolicyProblem(Severity severity, String file, String subject, String path, String message) {

    public enum Severity {
        ERROR, WARNING
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(severity.name()).append(' ').append(file);
        if (subject != null) {
            text.append(", ").append(subject);
        }
        if (path != null && !path.isEmpty()) {
            text.append(" (").append(path).append(')');
        }
        return text.append(": ").append(message).toString();
    }
}
