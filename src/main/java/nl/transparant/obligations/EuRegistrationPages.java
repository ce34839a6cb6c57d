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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The EU database registration of a case as a page: the Section C fields to edit and save, then the confirmation. */
@PageController
@RequestMapping("/staff/cases/{id}/eu-registration")
class EuRegistrationPages {

    private final EuDatabaseRegistrations registrations;
    private final ReportPdf pdf;

    EuRegistrationPages(EuDatabaseRegistrations registrations, ReportPdf pdf) {
        this.registrations = registrations;
        this.pdf = pdf;
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
        model.addAttribute("registration", registration);
        model.addAttribute("canEdit", user.has(Role.PROJECT_OWNER) && !registration.confirmed());
        return "obligations/eu-registration";
    }

    @PostMapping
    String save(StaffUser user, @PathVariable String id, @RequestParam(required = false) String deployerName,
            @RequestParam(required = false) String contact, @RequestParam(required = false) String providerEntry,
            @RequestParam(required = false) String memberState, @RequestParam(required = false) String friaSummary,
            @RequestParam(required = false) String dpiaSummary, RedirectAttributes redirect) {
        registrations.save(user, id, new EuDatabaseRegistrations.Form(deployerName, contact, providerEntry, memberState, friaSummary, dpiaSummary));
        redirect.addFlashAttribute("flash", "flash.euRegistrationSaved");
        return "redirect:/staff/cases/" + id + "/eu-registration";
    }

    @PostMapping("/confirmation")
    String confirm(StaffUser user, @PathVariable String id, @RequestParam(required = false) String registrationNumber,
            Locale locale, RedirectAttributes redirect) {
        registrations.confirm(user, id, registrationNumber, locale);
        redirect.addFlashAttribute("flash", "flash.euRegistrationConfirmed");
        return "redirect:/staff/cases/" + id + "/eu-registration";
    }
}
