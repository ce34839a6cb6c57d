package nl.transparant.ethics;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.transparant.cases.CasePages;
import nl.transparant.identity.StaffUser;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.site.PageController;
import nl.transparant.site.RefusedForm;
import org.springframework.context.MessageSource;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The vote form and the "condition met" form of the case page. Bad input comes back as the case page with the form as it
 * was sent and each problem at its input and in the form's error summary; a refusal of the whole request (not a member,
 * already voted, already met) as the site's problem page.
 */
@PageController
@RequestMapping("/staff/cases/{id}")
class EthicsPages {

    /** The labels of the vote form's fields, as the form shows them. */
    private static final Map<String, String> VOTE_LABELS = Map.of("vote", "ethics.vote.legend", "conditions", "ethics.conditions.label",
            "rationale", "task.rationale.label");

    private final EthicsVotes ethicsVotes;
    private final CasePages casePages;
    private final MessageSource messages;

    EthicsPages(EthicsVotes ethicsVotes, CasePages casePages, MessageSource messages) {
        this.ethicsVotes = ethicsVotes;
        this.casePages = casePages;
        this.messages = messages;
    }

    /** Conditions arrive one per line of a text area. */
    @PostMapping("/ethics-votes")
    String vote(StaffUser user, @PathVariable String id, @RequestParam(required = false) String vote,
            @RequestParam(required = false) String rationale, @RequestParam(required = false) String conditions,
            Model model, Locale locale, RedirectAttributes redirect, HttpServletResponse response) {
        List<String> lines = conditions == null ? List.of()
                : Arrays.stream(conditions.split("\\R")).map(String::strip).filter(line -> !line.isEmpty()).toList();
        try {
            EthicsVotes.Cast cast = ethicsVotes.cast(user, id, new EthicsVotes.Ballot(vote, rationale, lines));
            redirect.addFlashAttribute("flash", cast.decided().isPresent() ? "flash.ethicsDecided" : "flash.ethicsVoted");
            return "redirect:/staff/cases/" + cast.vote().caseId();
        } catch (InvalidInputException refused) {
            // the case page again (400) with the vote as it was sent: the problem page lost the rationale typed
            model.addAttribute("refusedVote", RefusedForm.of(refused, locale, Map.of("vote", RefusedForm.sent(vote),
                    "rationale", RefusedForm.sent(rationale), "conditions", RefusedForm.sent(conditions)), "ethics-",
                    field -> VOTE_LABELS.containsKey(field) ? messages.getMessage(VOTE_LABELS.get(field), null, locale) : field));
            return casePages.shownAfterRefusal(user, id, model, locale, response);
        }
    }

    @PostMapping("/conditions/{conditionId}/met")
    String met(StaffUser user, @PathVariable String id, @PathVariable long conditionId, @RequestParam(required = false) String note,
            Model model, Locale locale, RedirectAttributes redirect, HttpServletResponse response) {
        try {
            EthicsCondition met = ethicsVotes.markMet(user, id, conditionId, note);
            redirect.addFlashAttribute("flash", "flash.conditionMet");
            return "redirect:/staff/cases/" + met.caseId();
        } catch (InvalidInputException refused) {
            if (ethicsVotes.conditions(user, id).stream().noneMatch(k -> k.id() == conditionId && !k.met())) {
                throw refused; // no open condition of this case: there is no form of it to show again
            }
            // the case page again (400) with the note at that condition's form
            model.addAttribute("refusedConditionNote", new RefusedConditionNote(conditionId, RefusedForm.of(refused, locale,
                    Map.of("note", RefusedForm.sent(note)), "condition-" + conditionId + "-",
                    field -> messages.getMessage("ethics.condition.note", null, locale))));
            return casePages.shownAfterRefusal(user, id, model, locale, response);
        }
    }

    /** The note of a condition marked met, refused: shown again at that condition's form. */
    record RefusedConditionNote(long conditionId, RefusedForm form) {
    }
}
