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
        return new Reports(definitions.lastReload(), trees.lastReload(), policyFiles.stream().map(ReloadablePolicy::lastReload).toList());
    }

    @PostMapping("/reload")
    Reports reload(StaffUser user) {
        requireAdmin(user);
        return new Reports(definitions.reload(), trees.reload(), policyFiles.stream().map(ReloadablePolicy::reload).toList());
    }

    private static void requireAdmin(StaffUser user) {
        if (!user.has(Role.ADMIN)) {
            throw new ForbiddenException("Only an administrator may reload the policies.");
        }
    }

    record Reports(ReloadReport assessmentDefinitions, ReloadReport decisionTrees, List<ReloadReport> policyFiles) {
    }
}
