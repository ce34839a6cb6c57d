package nl.transparant.register;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import nl.transparant.identity.StaffUser;
import nl.transparant.problems.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/register/import?organisation={code}&format=json|csv} with the file as the raw request body (UTF-8;
 * any content type but a form's or text/plain, which another site could make a browser send). Answers 200 with the per-row report, or 400 problem+json with the same report under
 * {@code report} when any row is refused, in which case nothing of the file was stored.
 */
@RestController
class RegisterImportApi {

    private final RegisterImport registerImport;

    RegisterImportApi(RegisterImport registerImport) {
        this.registerImport = registerImport;
    }

    /**
     * Far above the whole national register's dump (a few thousand entries of some kilobytes); the upload page checks
     * it, and the request filters hold the API's raw body to the same (413 before it is read).
     */
    static final int MAX_FILE_BYTES = 64 * 1024 * 1024;

    /** The body is handed on as a stream: the import reads it row by row and never holds the file. */
    @PostMapping(path = "/api/register/import", params = "organisation")
    RegisterImport.Report importFile(@RequestParam String organisation, @RequestParam String format, HttpServletRequest request,
            StaffUser staff) throws IOException {
        return registerImport.importFile(staff, organisation, format(format), request.getInputStream());
    }

    /**
     * Without {@code organisation}: the national register's whole download across organisations (administrators only).
     * {@code atomic=organisation} (default) stores every organisation whose rows are all good; {@code atomic=file}
     * stores nothing when any row is refused.
     */
    @PostMapping(path = "/api/register/import", params = "!organisation")
    RegisterImport.NationalReport importNational(@RequestParam String format,
            @RequestParam(defaultValue = "false") boolean createOrganisations, @RequestParam(defaultValue = "organisation") String atomic,
            HttpServletRequest request, StaffUser staff) throws IOException {
        boolean atomicFile = switch (atomic.toLowerCase(Locale.ROOT)) {
            case "organisation" -> false;
            case "file" -> true;
            default -> throw InvalidInputException.of("problem.registerImport.atomic", List.of());
        };
        return registerImport.importNational(staff, format(format), request.getInputStream(), createOrganisations, atomicFile);
    }

    @ExceptionHandler(RegisterImport.NationalImportRefused.class)
    ProblemDetail refused(RegisterImport.NationalImportRefused e, jakarta.servlet.http.HttpServletRequest request) {
        Locale language = nl.transparant.problems.ProblemTexts.callersLanguage(nl.transparant.problems.ProblemTexts.acceptLanguage(request));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.detail().in(language));
        problem.setTitle(nl.transparant.problems.ProblemTexts.text("problem.title.importRefused", List.of(), language));
        problem.setType(URI.create("about:blank"));
        problem.setProperty("report", e.report());
        return problem;
    }

    @ExceptionHandler(RegisterImport.ImportRefused.class)
    ProblemDetail refused(RegisterImport.ImportRefused e, jakarta.servlet.http.HttpServletRequest request) {
        Locale language = nl.transparant.problems.ProblemTexts.callersLanguage(nl.transparant.problems.ProblemTexts.acceptLanguage(request));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.detail().in(language));
        problem.setTitle(nl.transparant.problems.ProblemTexts.text("problem.title.importRefused", List.of(), language));
        problem.setType(URI.create("about:blank"));
        problem.setProperty("report", e.report());
        return problem;
    }

    private static RegisterImport.Format format(String format) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "json" -> RegisterImport.Format.JSON;
            case "csv" -> RegisterImport.Format.CSV;
            default -> throw InvalidInputException.of("problem.registerImport.format", List.of());
        };
    }
}
