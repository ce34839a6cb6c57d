package nl.transparant.assessment;

import java.util.List;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.problems.ForbiddenException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** For administrators: read the policy folders again after a policy owner changed them, and see what was found. */
@RestController
@RequestMapping("/api/admin/policies")
class PolicyAdminController {

    private final AssessmentDefinitions definitions;
    private final DecisionTrees trees;
    private final List<ReloadablePolicy> policyFiles;

    PolicyAdminController(AssessmentDefinitions definitions, DecisionTrees trees, List<ReloadablePolicy> policyFiles) {
        this.definitions = definitions;
        this.trees = trees;
        this.policyFiles = policyFiles;
    }

    @GetMapping
    Reports lastReload(StaffUser user) {
        requireAdmin(user);
        return Reports.of(definitions.lastReload(), trees.lastReload(), policyFiles.stream().map(ReloadablePolicy::lastReload).toList());
    }

    @PostMapping("/reload")
    Reports reload(StaffUser user) {
        requireAdmin(user);
        return Reports.of(definitions.reload(), trees.reload(), policyFiles.stream().map(ReloadablePolicy::reload).toList());
    }

    private static void requireAdmin(StaffUser user) {
        if (!user.has(Role.ADMIN)) {
            throw new ForbiddenException("Only an administrator may reload the policies.");
        }
    }

    /**
     * The reports per folder, and up front whether anything was refused and, per refused file, whether its last good
     * version keeps serving. The answer stays 200 (clients and checks rely on it); {@code refused} says it plainly.
     */
    record Reports(boolean refused, List<RefusedFile> refusedFiles, ReloadReport assessmentDefinitions, ReloadReport decisionTrees,
            List<ReloadReport> policyFiles) {

        static Reports of(ReloadReport assessmentDefinitions, ReloadReport decisionTrees, List<ReloadReport> policyFiles) {
            List<ReloadReport> all = new java.util.ArrayList<>(java.util.Arrays.asList(assessmentDefinitions, decisionTrees));
            all.addAll(policyFiles);
            List<RefusedFile> refused = all.stream().filter(java.util.Objects::nonNull).flatMap(report -> report.errors().stream()
                    .collect(java.util.stream.Collectors.groupingBy(PolicyProblem::file, java.util.LinkedHashMap::new,
                            java.util.stream.Collectors.mapping(PolicyProblem::message, java.util.stream.Collectors.toList())))
                    .entrySet().stream().map(e -> new RefusedFile(report.folder(), e.getKey(),
                            report.keptPrevious().stream().anyMatch(kept -> kept.contains(e.getKey()))
                                    ? RefusedFile.KEPT_PREVIOUS : RefusedFile.NOT_SERVED, e.getValue())))
                    .toList();
            return new Reports(!refused.isEmpty(), refused, assessmentDefinitions, decisionTrees, policyFiles);
        }
    }

    /**
     * @param outcome {@value #KEPT_PREVIOUS} when the last good version of the file keeps serving, {@value #NOT_SERVED}
     *                when nothing of it is served
     */
    record RefusedFile(String folder, String file, String outcome, List<String> reasons) {
        static final String KEPT_PREVIOUS = "refused; last good version kept";
        static final String NOT_SERVED = "refused; not served";
    }
}
