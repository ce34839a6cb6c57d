package nl.transparant.register;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import nl.transparant.identity.Role;
import nl.transparant.identity.StaffUser;
import nl.transparant.organisations.Organisation;
import nl.transparant.organisations.OrganisationDirectory;
import nl.transparant.problems.ForbiddenException;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.site.PageController;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The staff page for {@link RegisterImport}: a register publisher (for the organisations they serve) or an
 * administrator uploads a national JSON dump or CSV and sees the per-row report. The same rules and the same
 * all-or-nothing transaction as {@code POST /api/register/import}; only the transport (a form upload) differs.
 */
@PageController
class RegisterImportPages {

    private final RegisterImport registerImport;
    private final OrganisationDirectory organisations;

    RegisterImportPages(RegisterImport registerImport, OrganisationDirectory organisations) {
        this.registerImport = registerImport;
        this.organisations = organisations;
    }

    @GetMapping("/staff/register/import")
    String form(StaffUser staff, Model model, HttpServletResponse response) {
        return page(staff, null, "json", null, null, model, response);
    }

    @PostMapping("/staff/register/import")
    String upload(StaffUser staff, @RequestParam(name = "organisation", required = false) String organisation,
            @RequestParam(name = "format", required = false) String format,
            @RequestParam(name = "file", required = false) MultipartFile file, Model model, HttpServletResponse response,
            Locale locale)
            throws IOException {
        List<Organisation> choices = choices(staff);
        RegisterImport.Format parsedFormat = "csv".equals(format) ? RegisterImport.Format.CSV
                : "json".equals(format) ? RegisterImport.Format.JSON : null;
        String problem = organisation == null || organisation.isBlank() ? "import.page.noOrganisation"
                : parsedFormat == null ? "import.page.noFormat"
                : file == null || file.isEmpty() ? "import.page.noFile"
                : file.getSize() > RegisterImportApi.MAX_FILE_BYTES ? "import.page.tooLarge" : null;
        if (problem != null) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(staff, organisation, format, null, problem, model, response);
        }
        if (choices.stream().noneMatch(o -> o.getCode().equals(organisation))) {
            throw new ForbiddenException("Only a register publisher of that organisation or an administrator imports its entries.",
                    "problem.registerImport.notYours");
        }
        RegisterImport.Report report;
        try {
            report = registerImport.importFile(staff, organisation, parsedFormat, file.getInputStream());
        } catch (RegisterImport.ImportRefused e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            // the refusal in the page's language, with how many rows and whether the import stopped before the end
            model.addAttribute("refusal", e.detail().in(locale));
            return page(staff, organisation, format, e.report(), null, model, response);
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("unreadable", e.detail(locale));
            return page(staff, organisation, format, null, null, model, response);
        }
        return page(staff, organisation, format, report, null, model, response);
    }

    private String page(StaffUser staff, String organisation, String format, RegisterImport.Report report, String problem,
            Model model, HttpServletResponse response) {
        List<Organisation> choices = choices(staff);
        if (choices.isEmpty()) {
            throw new ForbiddenException("Only register publishers and administrators import entries.", "problem.registerImport.notAllowed");
        }
        model.addAttribute("organisations", choices);
        model.addAttribute("organisation", organisation != null ? organisation : choices.size() == 1 ? choices.get(0).getCode() : null);
        model.addAttribute("format", "csv".equals(format) ? "csv" : "json");
        model.addAttribute("report", report);
        model.addAttribute("problem", problem);
        model.addAttribute("maxMegabytes", RegisterImportApi.MAX_FILE_BYTES / (1024 * 1024));
        model.addAttribute("pageUrl", "/staff/register/import");
        // the form carries a session-bound CSRF token and the report is one person's: never from a cache
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        return "register/import";
    }

    /** Administrators import for every organisation; a register publisher for the organisations they serve. */
    private List<Organisation> choices(StaffUser staff) {
        return organisations.allByName().stream()
                .filter(o -> staff.has(Role.ADMIN) || staff.has(Role.REGISTER_PUBLISHER) && staff.serves(o.getCode()))
                .toList();
    }
}
