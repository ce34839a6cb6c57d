package nl.transparant.reports;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import nl.transparant.identity.StaffUser;
import nl.transparant.site.PageController;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The report of a case's latest pre-scan, DPIA, IAMA or any other recorded assessment, as a page and as a PDF of
 * the same page. Readable by exactly those who may read the case; for anyone else the case does not exist.
 */
@PageController
@RequestMapping("/staff/cases/{id}/reports/{kind}")
class ReportPages {

    private final AssessmentReports reports;
    private final ReportPdf pdf;

    ReportPages(AssessmentReports reports, ReportPdf pdf) {
        this.reports = reports;
        this.pdf = pdf;
    }

    @GetMapping
    String show(StaffUser user, @PathVariable String id, @PathVariable String kind, Model model, Locale locale) {
        model.addAttribute("report", reports.report(user, id, kind, locale));
        return "reports/page";
    }

    @GetMapping("/pdf")
    ResponseEntity<byte[]> download(StaffUser user, @PathVariable String id, @PathVariable String kind, Locale locale,
            HttpServletRequest request, HttpServletResponse response) {
        AssessmentReport report = reports.report(user, id, kind, locale);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(report.fileName()).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(pdf.render(report, locale, request, response));
    }
}
