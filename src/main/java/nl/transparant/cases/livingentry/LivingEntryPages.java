package nl.transparant.cases.livingentry;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Map;
import nl.transparant.cases.AlgorithmCase;
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
 * The change, retirement and re-review forms of the case page. A refused retirement or move of the re-review comes back
 * as the case page with the form as it was sent and each problem at its input and in the form's error summary; a
 * refusal of the whole request (not the owner, not published) as the site's problem page.
 */
@PageController
@RequestMapping("/staff/cases/{id}")
class LivingEntryPages {

    private final LivingEntries livingEntries;
    private final CasePages casePages;
    private final MessageSource messages;

    LivingEntryPages(LivingEntries livingEntries, CasePages casePages, MessageSource messages) {
        this.livingEntries = livingEntries;
        this.casePages = casePages;
        this.messages = messages;
    }

    /** A started change opens the edit form: the owner changes the fields and then submits them for review. */
    @PostMapping("/change")
    String startChange(StaffUser user, @PathVariable String id, RedirectAttributes redirect) {
        AlgorithmCase changing = livingEntries.startChange(user, id);
        redirect.addFlashAttribute("flash", "flash.changeStarted");
        return "redirect:/staff/cases/" + changing.getId() + "/edit";
    }

    @PostMapping("/retirement")
    String requestRetirement(StaffUser user, @PathVariable String id, @RequestParam(required = false) String endDate,
            @RequestParam(required = false) String reason, Model model, Locale locale, RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            AlgorithmCase retiring = livingEntries.requestRetirement(user, id, endDate, reason);
            redirect.addFlashAttribute("flash", "flash.retirementRequested");
            return "redirect:/staff/cases/" + retiring.getId();
        } catch (InvalidInputException refused) {
            // the case page again (400) with what was typed and why: the problem page lost the reason typed
            model.addAttribute("refusedRetirement", refusedForm(refused, "retirement-", "living.retirement.",
                    Map.of("endDate", RefusedForm.sent(endDate), "reason", RefusedForm.sent(reason)), locale));
            return casePages.shownAfterRefusal(user, id, model, locale, response);
        }
    }

    @PostMapping("/re-review")
    String rescheduleReReview(StaffUser user, @PathVariable String id, @RequestParam(required = false) String due,
            @RequestParam(required = false) String reason, Model model, Locale locale, RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            AlgorithmCase moved = livingEntries.rescheduleReReview(user, id, due, reason);
            redirect.addFlashAttribute("flash", "flash.reReviewRescheduled");
            return "redirect:/staff/cases/" + moved.getId();
        } catch (InvalidInputException refused) {
            // the case page again (400) with what was typed and why, at the inputs: the reason is kept, not lost
            model.addAttribute("reReviewRefused", refusedForm(refused, "re-review-", "living.reReview.",
                    Map.of("due", RefusedForm.sent(due), "reason", RefusedForm.sent(reason)), locale));
            return casePages.shownAfterRefusal(user, id, model, locale, response);
        }
    }

    /** The refusal, each field labelled as the form labels it: {@code labelPrefix} and the field's name ({@code living.reReview.due}). */
    private RefusedForm refusedForm(InvalidInputException refused, String inputIdPrefix, String labelPrefix, Map<String, String> sent,
            Locale locale) {
        return RefusedForm.of(refused, locale, sent, inputIdPrefix, field -> messages.getMessage(labelPrefix + field, null, field, locale));
    }
}
