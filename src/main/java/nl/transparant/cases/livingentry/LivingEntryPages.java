package nl.transparant.cases.livingentry;

import nl.transparant.cases.AlgorithmCase;
import nl.transparant.identity.StaffUser;
import nl.transparant.site.PageController;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The change and retirement forms of the case page; bad input comes back as the site's problem page. */
@PageController
@RequestMapping("/staff/cases/{id}")
class LivingEntryPages {

    private final LivingEntries livingEntries;

    LivingEntryPages(LivingEntries livingEntries) {
        this.livingEntries = livingEntries;
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
            @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        AlgorithmCase retiring = livingEntries.requestRetirement(user, id, endDate, reason);
        redirect.addFlashAttribute("flash", "flash.retirementRequested");
        return "redirect:/staff/cases/" + retiring.getId();
    }
}
