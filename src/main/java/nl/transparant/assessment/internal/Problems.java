package nl.transparant.assessment.internal;

import java.util.ArrayList;
import java.util.List;
import nl.transparant.assessment.PolicyProblem;
import nl.transparant.assessment.PolicyProblem.Severity;

/** Collects what is wrong with one policy file, so that a file reports all its problems at once. */
final class Problems {

    private final String file;
    private final List<PolicyProblem> problems = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void error(String subject, String path, String message) {
        problems.add(new PolicyProblem(Severity.ERROR, file, subject, path, message));
    }

    void warning(String subject, String path, String message) {
        problems.add(new PolicyProblem(Severity.WARNING, file, subject, path, message));
    }

    boolean hasErrors() {
        return problems.stream().anyMatch(PolicyProblem::isError);
    }

    List<PolicyProblem> all() {
        return List.copyOf(problems);
    }
}
