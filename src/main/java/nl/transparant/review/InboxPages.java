package nl.transparant.review;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.transparant.cases.AlgorithmCase;
import nl.transparant.cases.CaseStage;
import nl.transparant.cases.Cases;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.organisations.Organisation;
import nl.transparant.organisations.OrganisationDirectory;
import nl.transparant.site.PageController;
import nl.transparant.workflow.review.ReviewTasks;
import nl.transparant.workflow.review.ReviewTask;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** "My work": the tasks a person can act on now, and the cases of the organisations they serve. */
@PageController
class InboxPages {

    private final ReviewTasks reviewTasks;
    private final Cases cases;
    private final OrganisationDirectory organisations;

    private final List<InboxDuties> duties;

    InboxPages(ReviewTasks reviewTasks, Cases cases, OrganisationDirectory organisations, List<InboxDuties> duties) {
        this.reviewTasks = reviewTasks;
        this.cases = cases;
        this.organisations = organisations;
        this.duties = duties;
    }

    /** @param donePart a message key saying this person already did their part (voted), so the task waits for others; null if not */
    /**
     * @param sentBack whether this questionnaire task came back from a reviewer (send-back)
     * @param waitsFor what an approval would be refused for now (message key and arguments); null when it is possible
     */
    record TaskRow(ReviewTask task, String caseName, String organisationName, String donePart, WaitsFor waitsFor, boolean sentBack) {
    }

    /** @param messageKey the short form of the refusal's text ({@code <key>.short}) when the bundles have one */
    record WaitsFor(String messageKey, List<Object> arguments) {
    }

    /** A duty that is no engine task (an ethics condition to meet), with its case. */
    record DutyRow(InboxDuties.Duty duty, String caseName, String organisationName) {
    }

    record CaseRow(String id, String name, String organisationName, CaseStage stage, Instant updatedAt) {
    }

    @GetMapping("/staff")
    String inbox(StaffUser user, Model model) {
        List<AlgorithmCase> visible = cases.visibleTo(user);
        // the engine only hands out tasks of the user's organisations, so every task's case is among these
        Map<String, AlgorithmCase> byId = visible.stream().collect(Collectors.toMap(AlgorithmCase::getId, Function.identity()));
        Map<String, String> names = organisations.allByName().stream()
                .collect(Collectors.toMap(Organisation::getCode, Organisation::getName));
        model.addAttribute("tasks", reviewTasks.inbox(user).stream()
                .map(t -> new TaskRow(t, byId.containsKey(t.caseId()) ? byId.get(t.caseId()).getName() : t.caseId(),
                        names.getOrDefault(t.organisation(), t.organisation()),
                        duties.stream().flatMap(d -> d.donePart(user, t).stream()).findFirst().orElse(null),
                        t.outcomes().contains("approve")
                                ? reviewTasks.approvalWaitsFor(user, t).map(b -> new WaitsFor(b.messageKey(), b.arguments())).orElse(null)
                                : null,
                        // a questionnaire that came back says so, so the owner knows to read the remark first
                        t.assessment() != null && Cases.sentBack(t.created(), cases.decisions(user, t.caseId())).isPresent()))
                .toList());
        model.addAttribute("duties", duties.stream().flatMap(d -> d.dutiesOf(user, visible).stream())
                .filter(d -> byId.containsKey(d.caseId()))
                .sorted(Comparator.comparing(InboxDuties.Duty::since))
                .map(d -> new DutyRow(d, byId.get(d.caseId()).getName(),
                        names.getOrDefault(byId.get(d.caseId()).getOrganisationCode(), byId.get(d.caseId()).getOrganisationCode())))
                .toList());
        model.addAttribute("cases", visible.stream()
                .map(c -> new CaseRow(c.getId(), c.getName(), names.getOrDefault(c.getOrganisationCode(), c.getOrganisationCode()),
                        c.getStage(), c.getUpdatedAt()))
                .toList());
        model.addAttribute("canCreate", user.has(Role.PROJECT_OWNER));
        model.addAttribute("canAudit", user.has(Role.AUDITOR));
        model.addAttribute("canImport", user.has(Role.REGISTER_PUBLISHER) || user.has(Role.ADMIN));
        model.addAttribute("canManageOrganisations", user.has(Role.ADMIN));
        model.addAttribute("staff", user);
        model.addAttribute("roles", user.roleNames().stream().sorted().toList());
        return "staff/home";
    }
}
