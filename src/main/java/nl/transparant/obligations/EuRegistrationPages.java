package nl.transparant.obligations;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Map;
import nl.transparant.identity.Role;
import nl.transparant.reports.ReportPdf;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import nl.transparant.identity.StaffUser;
import nl.transparant.site.PageController;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.site.FormProblems;
import java.util.List;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The EU database registration of a case as a page: the Section C fields to edit and save, then the confirmation. */
@PageController
@RequestMapping("/staff/cases/{id}/eu-registration")
class EuRegistrationPages {

    private final EuDatabaseRegistrations registrations;
    private final ReportPdf pdf;

    private final org.springframework.context.MessageSource messages;

    EuRegistrationPages(EuDatabaseRegistrations registrations, ReportPdf pdf, org.springframework.context.MessageSource messages) {
        this.registrations = registrations;
        this.pdf = pdf;
        this.messages = messages;
    }

    /** The registration as a tagged PDF, to file with the case or hand to whoever submits it. */
    @GetMapping("/pdf")
    ResponseEntity<byte[]> download(StaffUser user, @PathVariable String id, Locale locale, HttpServletRequest request,
            HttpServletResponse response) {
        EuDatabaseRegistrations.Registration registration = registrations.view(user, id);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("eu-registratie-" + id + ".pdf").build()
                        .toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(pdf.render("obligations/eu-registration-pdf", Map.of("registration", registration), locale, request, response));
    }

    @GetMapping
    String page(StaffUser user, @PathVariable String id, Model model) {
        EuDatabaseRegistrations.Registration registration = registrations.view(user, id);
        return shown(user, registration, registration, FormProblems.none(), List.of(), model);
    }

    /**
     * Refused (a field left empty, too long, markup): the page again (400) with the form as it was sent and each problem
     * at its field, in the reader's language, labelled as the form labels it (outside tester: a general error page with
     * "providerEntry: Verplicht." and the typed summaries gone).
     */
    @PostMapping
    String save(StaffUser user, @PathVariable String id, @RequestParam(required = false) String deployerName,
            @RequestParam(required = false) String contact, @RequestParam(required = false) String providerEntry,
            @RequestParam(required = false) String memberState, @RequestParam(required = false) String friaSummary,
            @RequestParam(required = false) String dpiaSummary, @RequestParam(required = false) String basedOn,
            RedirectAttributes redirect, Model model, Locale locale, HttpServletResponse response) {
        EuDatabaseRegistrations.Form form = new EuDatabaseRegistrations.Form(deployerName, contact, providerEntry, memberState,
                friaSummary, dpiaSummary, basedOn);
        try {
            registrations.save(user, id, form);
        } catch (nl.transparant.problems.ConflictException changed) {
            // saved by a colleague since this page was opened (or confirmed meanwhile): the form again with what was typed
            // and who saved; the form now names the registration as it is, so saving again replaces it knowingly
            EuDatabaseRegistrations.Registration stored = registrations.view(user, id);
            EuDatabaseRegistrations.Registration sent = new EuDatabaseRegistrations.Registration(stored.caseId(), deployerName, contact,
                    providerEntry, memberState, friaSummary, dpiaSummary, stored.saved(), stored.registrationNumber(),
                    stored.confirmedBy(), stored.confirmedAt(), stored.updatedBy(), stored.updatedAt());
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("pageUrl", "/staff/cases/" + id + "/eu-registration");
            model.addAttribute("conflict", changed.detail(locale));
            return shown(user, stored, sent, FormProblems.none(), List.of(), model);
        } catch (InvalidInputException refused) {
            EuDatabaseRegistrations.Registration stored = registrations.view(user, id);
            EuDatabaseRegistrations.Registration sent = new EuDatabaseRegistrations.Registration(stored.caseId(), deployerName, contact,
                    providerEntry, memberState, friaSummary, dpiaSummary, stored.saved(), stored.registrationNumber(),
                    stored.confirmedBy(), stored.confirmedAt(), stored.updatedBy(), stored.updatedAt());
            FormProblems problems = FormProblems.of(refused, locale);
            List<FormProblems.SummaryItem> summary = new java.util.ArrayList<>();
            problems.byKey().forEach((field, messages) -> summary.add(new FormProblems.SummaryItem(
                    FIELDS.contains(field) ? "#eu-" + field : null, labelOf(field, locale), String.join(" ", messages))));
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("pageUrl", "/staff/cases/" + id + "/eu-registration");
            return shown(user, stored, sent, problems, summary, model);
        }
        redirect.addFlashAttribute("flash", "flash.euRegistrationSaved");
        return "redirect:/staff/cases/" + id + "/eu-registration";
    }

    /** The Section C fields of the form, by the names the service's problems use. */
    private static final List<String> FIELDS = List.of("deployerName", "contact", "providerEntry", "memberState", "friaSummary", "dpiaSummary");

    private String labelOf(String field, Locale locale) {
        return FIELDS.contains(field) ? messages.getMessage("euRegistration." + field, null, locale)
                : messages.getMessage("euRegistration.title", null, locale);
    }

    private String shown(StaffUser user, EuDatabaseRegistrations.Registration stored, EuDatabaseRegistrations.Registration inForm,
            FormProblems problems, List<FormProblems.SummaryItem> summary, Model model) {
        model.addAttribute("registration", stored);
        model.addAttribute("form", inForm);
        model.addAttribute("problems", problems);
        model.addAttribute("summary", summary);
        model.addAttribute("canEdit", user.has(Role.PROJECT_OWNER) && !stored.confirmed());
        return "obligations/eu-registration";
    }

    @PostMapping("/confirmation")
    String confirm(StaffUser user, @PathVariable String id, @RequestParam(required = false) String registrationNumber,
            Locale locale, RedirectAttributes redirect, Model model, HttpServletResponse response) {
        try {
            registrations.confirm(user, id, registrationNumber, locale);
        } catch (InvalidInputException refused) {
            EuDatabaseRegistrations.Registration stored = registrations.view(user, id);
            FormProblems problems = FormProblems.of(refused, locale);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("pageUrl", "/staff/cases/" + id + "/eu-registration");
            model.addAttribute("numberTyped", registrationNumber);
            model.addAttribute("numberError", problems.messageFor("registrationNumber") != null ? problems.messageFor("registrationNumber")
                    : problems.detail());
            return shown(user, stored, stored, FormProblems.none(), List.of(), model);
        }
        redirect.addFlashAttribute("flash", "flash.euRegistrationConfirmed");
        return "redirect:/staff/cases/" + id + "/eu-registration";
    }
}
