package nl.transparant.obligations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import nl.transparant.identity.StaffUser;
import nl.transparant.site.PageController;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The owner's form per measure on the case page (status, evidence, a file), the evidence files, and the checklist as
 * CSV. A file is always served as a download with the type it was checked as, never rendered by the browser.
 */
@PageController
@RequestMapping("/staff/cases/{id}/obligations")
class ObligationsPages {

    private final Obligations obligations;
    private final ObligationsUpkeep upkeep;
    private final nl.transparant.reports.ReportPdf pdf;
    private final nl.transparant.cases.CasePages casePages;

    ObligationsPages(Obligations obligations, ObligationsUpkeep upkeep, nl.transparant.reports.ReportPdf pdf,
            nl.transparant.cases.CasePages casePages) {
        this.casePages = casePages;
        this.obligations = obligations;
        this.upkeep = upkeep;
        this.pdf = pdf;
    }

    /** The checklist as a report: what applies, what is met, the work per measure with its evidence and files' SHA-256. */
    @GetMapping("/report")
    String report(StaffUser user, @PathVariable String id, org.springframework.ui.Model model) {
        model.addAttribute("checklist", obligations.checklist(user, id));
        return "obligations/report";
    }

    @GetMapping("/report/pdf")
    ResponseEntity<byte[]> reportPdf(StaffUser user, @PathVariable String id, java.util.Locale locale,
            jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response) {
        Obligations.Checklist checklist = obligations.checklist(user, id);
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("verplichtingen-" + id + ".pdf").build()
                        .toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(pdf.render("obligations/report-pdf", java.util.Map.of("checklist", checklist), locale, request, response));
    }

    /** The owner looked at the obligations the catalogue's last change brought. */
    @PostMapping("/notices")
    String acknowledge(StaffUser user, @PathVariable String id, RedirectAttributes redirect) {
        upkeep.acknowledge(user, id);
        redirect.addFlashAttribute("flash", "flash.obligationsAcknowledged");
        return "redirect:/staff/cases/" + id + "#obligations";
    }

    @PostMapping
    String record(StaffUser user, @PathVariable String id, @RequestParam(required = false) String measure,
            @RequestParam(required = false) String status, @RequestParam(required = false) String reason,
            @RequestParam(required = false) String evidenceText, @RequestParam(required = false) String evidenceLink,
            @RequestParam(name = "file", required = false) MultipartFile file, @RequestParam(required = false) String basedOn,
            RedirectAttributes redirect, java.util.Locale locale,
            org.springframework.ui.Model model, jakarta.servlet.http.HttpServletResponse response) {
        Obligations.Upload upload = null;
        if (file != null && !file.isEmpty()) {
            if (file.getSize() > Obligations.MAX_FILE_BYTES) {
                upload = new Obligations.Upload(file.getOriginalFilename(), new byte[Obligations.MAX_FILE_BYTES + 1]);
            } else {
                try {
                    upload = new Obligations.Upload(file.getOriginalFilename(), file.getBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        try {
            obligations.record(user, id, new Obligations.MeasureUpdate(measure, status, reason, evidenceText, evidenceLink, basedOn), upload);
        } catch (nl.transparant.problems.ConflictException changed) {
            // recorded by a colleague since this page was opened: the form again with what was typed and who, and the
            // measure's work as it is now beside it; saving again replaces it knowingly
            model.addAttribute("obligationRefused", new RefusedRecord(measure, status, reason, evidenceText, evidenceLink,
                    changed.detail(locale), java.util.Map.of(), file != null && !file.isEmpty(), true));
            String page = casePages.shownAfterRefusal(user, id, model, locale, response);
            response.setStatus(jakarta.servlet.http.HttpServletResponse.SC_CONFLICT);
            return page;
        } catch (nl.transparant.problems.InvalidInputException refused) {
            // the case page again (400) with the measure's form as it was sent and why: the generic error page lost the
            // typed text (outside tester); a chosen file cannot be handed back and must be chosen again
            if (refused.problems().stream().anyMatch(p -> "measure".equals(p.field()))) {
                throw refused; // no measure of this case: there is no form of it to show again
            }
            java.util.Map<String, String> problems = new java.util.LinkedHashMap<>();
            refused.problems(locale).forEach(p -> problems.merge(p.field(), p.message(), (a, b) -> a + " " + b));
            model.addAttribute("obligationRefused", new RefusedRecord(measure, status, reason, evidenceText, evidenceLink,
                    refused.detail(locale), problems, file != null && !file.isEmpty(), false));
            return casePages.shownAfterRefusal(user, id, model, locale, response);
        }
        redirect.addFlashAttribute("flash", "flash.obligationRecorded");
        return "redirect:/staff/cases/" + id + "#obligations";
    }

    /**
     * A measure's form as it was sent, refused: shown again in that measure's form with the problems per field
     * ({@code problems}: field to message, in the person's language), or ({@code changedMeanwhile}) because a colleague
     * recorded the measure since the page was opened.
     */
    public record RefusedRecord(String measure, String status, String reason, String evidenceText, String evidenceLink, String detail,
            java.util.Map<String, String> problems, boolean fileChosen, boolean changedMeanwhile) {
    }

    @GetMapping("/evidence/{fileId}")
    ResponseEntity<byte[]> evidence(StaffUser user, @PathVariable String id, @PathVariable long fileId) {
        Obligations.StoredFile file = obligations.file(user, id, fileId);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(file.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(file.fileName()))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header("Digest", "sha-256 hex " + file.sha256())
                .body(file.content());
    }

    @GetMapping(value = "/export.csv")
    ResponseEntity<String> csv(StaffUser user, @PathVariable String id) {
        Obligations.Checklist checklist = obligations.checklist(user, id);
        StringBuilder csv = new StringBuilder("kind,urn,version,name,lifecycle,links,status,met,required_before_release,reason,evidence_text,"
                + "evidence_link,evidence_files,updated_by,updated_at,source\r\n");
        for (Obligations.RequirementView r : checklist.requirements()) {
            row(csv, List.of("requirement", r.requirement().urn(), r.requirement().version(), r.requirement().name(),
                    String.join(" ", r.requirement().lifecycle()), String.join(" ", r.measureUrns()), "", String.valueOf(r.met()),
                    String.valueOf(r.requiredBeforeRelease()), "", "", "", "", "", "", orEmpty(r.requirement().url())));
        }
        for (Obligations.MeasureView m : checklist.measures()) {
            Obligations.MeasureState s = m.state();
            row(csv, List.of("measure", m.measure().urn(), m.measure().version(), m.measure().name(), String.join(" ", m.measure().lifecycle()),
                    String.join(" ", m.requirementUrns()), s.status(), "", "", orEmpty(s.reason()), orEmpty(s.evidenceText()),
                    orEmpty(s.evidenceLink()), m.files().stream().map(f -> f.fileName() + " sha256:" + f.sha256()).collect(Collectors.joining(" ")),
                    orEmpty(s.updatedBy()), s.updatedAt() == null ? "" : s.updatedAt().toString(), orEmpty(m.measure().url())));
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("verplichtingen-" + checklist.caseId() + ".csv")
                        .build().toString())
                .body(csv.toString());
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    /** RFC 4180, with a leading quote before what a spreadsheet would take for a formula. */
    private static void row(StringBuilder csv, List<String> cells) {
        csv.append(cells.stream().map(cell -> {
            String safe = !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }).collect(Collectors.joining(","))).append("\r\n");
    }

    /**
     * RFC 6266: a plain ASCII {@code filename} for old clients and the exact name as {@code filename*} (RFC 8187). Spring's
     * builder puts an RFC 2047 encoded word in {@code filename}, which browsers show as is.
     */
    static String attachment(String name) {
        StringBuilder ascii = new StringBuilder();
        for (char ch : java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFKD).toCharArray()) {
            if (Character.getType(ch) == Character.NON_SPACING_MARK) {
                continue;
            }
            ascii.append(ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\' ? ch : '_');
        }
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
