package nl.transparant.register.problemreports;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.register.PublicRegister;
import nl.transparant.register.PublishedEntry;
import nl.transparant.site.FormProblems;
import nl.transparant.site.PageController;
import nl.transparant.site.PublicPages;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The public "report a problem" form of a register entry: no account, and only the reply address the reporter chooses. */
@PageController
class ProblemReportPages {

    static final String HONEYPOT = "website";

    private final PublicRegister register;
    private final ProblemReports reports;
    private final ReportFormGuard guard;

    ProblemReportPages(PublicRegister register, ProblemReports reports, ReportFormGuard guard) {
        this.register = register;
        this.reports = reports;
        this.guard = guard;
    }

    @GetMapping({"/register/{lars}/melden", "/en/register/{lars}/melden"})
    String form(@PathVariable String lars, Model model, Locale locale, HttpServletResponse response) {
        return form(register.latest(lars), "", "", FormProblems.none(), model, locale, response);
    }

    @PostMapping({"/register/{lars}/melden", "/en/register/{lars}/melden"})
    String send(@PathVariable String lars, @RequestParam(name = "message", required = false) String message,
            @RequestParam(name = "replyAddress", required = false) String replyAddress,
            @RequestParam(name = "formToken", required = false) String token,
            @RequestParam(name = HONEYPOT, required = false) String honeypot,
            Model model, Locale locale, HttpServletRequest request, HttpServletResponse response) {
        PublishedEntry entry = register.latest(lars);
        ReportFormGuard.Verdict verdict = guard.check(lars, token, honeypot, request.getRemoteAddr());
        switch (verdict) {
            case HONEYPOT -> {
                // a bot learns nothing from the answer: it looks like any accepted report
                return "redirect:" + PublicPages.register(locale) + "/" + lars + "/melden/verzonden";
            }
            case TOO_MANY -> {
                response.setStatus(429);
                return form(entry, message, replyAddress, FormProblems.of(List.of(), "register.report.tooMany"), model, locale, response);
            }
            case TOO_FAST, EXPIRED, FORGED -> {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                return form(entry, message, replyAddress, FormProblems.of(List.of(), "register.report.again"), model, locale, response);
            }
            default -> {
            }
        }
        try {
            reports.report(lars, message, replyAddress);
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(entry, message, replyAddress, FormProblems.of(e.problems(), null), model, locale, response);
        }
        return "redirect:" + PublicPages.register(locale) + "/" + lars + "/melden/verzonden";
    }

    @GetMapping({"/register/{lars}/melden/verzonden", "/en/register/{lars}/melden/verzonden"})
    String sent(@PathVariable String lars, Model model, HttpServletResponse response) {
        model.addAttribute("entry", register.latest(lars));
        model.addAttribute("sent", true);
        noStore(response);
        return "register/report";
    }

    private String form(PublishedEntry entry, String message, String replyAddress, FormProblems problems, Model model,
            Locale locale, HttpServletResponse response) {
        model.addAttribute("entry", entry);
        model.addAttribute("sent", false);
        model.addAttribute("message", message == null ? "" : message);
        model.addAttribute("replyAddress", replyAddress == null ? "" : replyAddress);
        model.addAttribute("formToken", guard.issue(entry.getLars()));
        model.addAttribute("problems", problems);
        model.addAttribute("messageError", problems.messageFor("message"));
        model.addAttribute("replyError", problems.messageFor("replyAddress"));
        model.addAttribute("minMessage", ProblemReports.MIN_MESSAGE);
        model.addAttribute("maxMessage", ProblemReports.MAX_MESSAGE);
        model.addAttribute("pageUrl", PublicPages.register(locale) + "/" + entry.getLars() + "/melden");
        noStore(response);
        return "register/report";
    }

    /** The form carries a session-bound CSRF token and a fresh timestamp: never from a cache. */
    private static void noStore(HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
    }

}
