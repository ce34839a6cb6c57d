package nl.transparant.ethics;

import java.util.Arrays;
import java.util.List;
import nl.transparant.identity.StaffUser;
import nl.transparant.site.PageController;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The vote form and the "condition met" form of the case page; bad input comes back as the site's problem page. */
@PageController
@RequestMapping("/staff/cases/{id}")
class EthicsPages {

    private final EthicsVotes ethicsVotes;

    EthicsPages(EthicsVotes ethicsVotes) {
        this.ethicsVotes = ethicsVotes;
    }

    /** Conditions arrive one per line of a text area. */
    @PostMapping("/ethics-votes")
    String vote(StaffUser user, @PathVariable String id, @RequestParam(required = false) String vote,
            @RequestParam(required = false) String rationale, @RequestParam(required = false) String conditions,
            RedirectAttributes redirect) {
        List<String> lines = conditions == null ? List.of()
                : Arrays.stream(conditions.split("\\R")).map(String::strip).filter(line -> !line.isEmpty()).toList();
        EthicsVotes.Cast cast = ethicsVotes.cast(user, id, new EthicsVotes.Ballot(vote, rationale, lines));
        redirect.addFlashAttribute("flash", cast.decided().isPresent() ? "flash.ethicsDecided" : "flash.ethicsVoted");
        return "redirect:/staff/cases/" + cast.vote().caseId();
    }

    @PostMapping("/conditions/{conditionId}/met")
    String met(StaffUser user, @PathVariable String id, @PathVariable long conditionId, @RequestParam(required = false) String note,
            RedirectAttributes redirect) {
        EthicsCondition met = ethicsVotes.markMet(user, id, conditionId, note);
        redirect.addFlashAttribute("flash", "flash.conditionMet");
        return "redirect:/staff/cases/" + met.caseId();
    }
}
