package nl.transparant.assessment;

import java.util.List;

/** Published after every load of a policy folder, so a change of policy leaves a trace for auditors. */
public record PoliciesReloaded(String folder, List<String> served, List<String> keptPrevious, int errors) {

    static PoliciesReloaded of(ReloadReport report) {
        return new PoliciesReloaded(report.folder(), report.served(), report.keptPrevious(), report.errors().size());
    }
}
