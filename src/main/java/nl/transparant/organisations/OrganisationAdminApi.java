package nl.transparant.organisations;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import nl.transparant.identity.StaffUser;
import nl.transparant.problems.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * For administrators: {@code GET/POST /api/admin/organisations}, {@code GET/PUT /api/admin/organisations/{code}}, and
 * {@code POST /api/admin/organisations/import} with an organisation file (CSV, UTF-8) as the request body.
 */
@RestController
@RequestMapping("/api/admin/organisations")
class OrganisationAdminApi {

    /** A region's or the whole country's organisations (a few hundred rows) fit many times over. */
    static final int MAX_FILE_BYTES = 2 * 1024 * 1024;

    private final Organisations organisations;
    private final OrganisationFile file;

    OrganisationAdminApi(Organisations organisations, OrganisationFile file) {
        this.organisations = organisations;
        this.file = file;
    }

    @GetMapping
    List<OrganisationData> all(StaffUser admin) {
        return organisations.all(admin);
    }

    @GetMapping("/{code}")
    OrganisationData one(StaffUser admin, @PathVariable String code) {
        return organisations.get(admin, code);
    }

    @PostMapping
    ResponseEntity<OrganisationData> create(StaffUser admin, @RequestBody OrganisationData input) {
        OrganisationData created = organisations.create(admin, input);
        return ResponseEntity.created(URI.create("/api/admin/organisations/" + created.code())).body(created);
    }

    @PutMapping("/{code}")
    OrganisationData update(StaffUser admin, @PathVariable String code, @RequestBody OrganisationData input) {
        return organisations.update(admin, code, input);
    }

    @PostMapping("/import")
    OrganisationFile.Report importFile(StaffUser admin, HttpServletRequest request) throws IOException {
        Organisations.requireAdmin(admin);
        byte[] body = request.getInputStream().readNBytes(MAX_FILE_BYTES + 1);
        if (body.length > MAX_FILE_BYTES) {
            throw InvalidInputException.of("problem.organisationFile.tooLarge", List.of(), MAX_FILE_BYTES / (1024 * 1024));
        }
        return file.importFile(admin, body);
    }

    @ExceptionHandler(OrganisationFile.ImportRefused.class)
    ProblemDetail refused(OrganisationFile.ImportRefused e, HttpServletRequest request) {
        java.util.Locale language = nl.transparant.problems.ProblemTexts.callersLanguage(request.getHeader("Accept-Language"));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, nl.transparant.problems.ProblemTexts.text(
                "problem.organisationFile.refused", List.of(e.report().refused(), e.report().rows().size()), language));
        problem.setTitle(nl.transparant.problems.ProblemTexts.text("problem.title.importRefused", List.of(), language));
        problem.setType(URI.create("about:blank"));
        problem.setProperty("report", e.report());
        return problem;
    }
}
