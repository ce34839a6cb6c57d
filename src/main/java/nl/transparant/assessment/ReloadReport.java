package nl.transparant.assessment;

import java.util.List;

/**
 * What a (re)load of a policy folder did.
 *
 * @param served       every policy now served, e.g. "urn:nl:prescan 2.0 (sha256 1f0c…)"
 * @param keptPrevious policies whose file now has errors, still served in their last good version
 * @param problems     errors and warnings, with file, subject and reason
 */
public record ReloadReport(String folder, List<String> served, List<String> keptPrevious, List<PolicyProblem> problems) {

    public ReloadReport {
        served = List.copyOf(served);
        keptPrevious = List.copyOf(keptPrevious);
        problems = List.copyOf(problems);
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(PolicyProblem::isError);
    }

    public List<PolicyProblem> errors() {
        return problems.stream().filter(PolicyProblem::isError).toList();
    }
}
