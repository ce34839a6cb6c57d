package nl.transparant.register;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
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
 * {@code POST /api/register/import?organisation={code}&format=json|csv} with the file as the raw request body (any
 * content type; UTF-8). Answers 200 with the per-row report, or 400 problem+json with the same report under
 * {@code report} when any row is refused, in which case nothing of the file was stored.
 */
@RestController
class RegisterImportApi {

    private final RegisterImport registerImport;

    RegisterImportApi(RegisterImport registerImport) {
        this.registerImport = registerImport;
    }

    /** Far above the whole national register's dump (a few thousand entries of some kilobytes), far below a full heap. */
    static final int MAX_FILE_BYTES = 64 * 1024 * 1024;

    @PostMapping("/api/register/import")
    RegisterImport.Report importFile(@RequestParam String organisation, @RequestParam String format, HttpServletRequest request,
            StaffUser staff) throws IOException {
        RegisterImport.Format parsedFormat = format(format);
        byte[] file = request.getInputStream().readNBytes(MAX_FILE_BYTES + 1);
        if (file.length > MAX_FILE_BYTES) {
            throw new FileTooLarge();
        }
        return registerImport.importFile(staff, organisation, parsedFormat, file);
    }

    static class FileTooLarge extends RuntimeException {
    }

    @ExceptionHandler(FileTooLarge.class)
    ProblemDetail tooLarge() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                "The file is larger than " + MAX_FILE_BYTES / (1024 * 1024) + " MB; split it per organisation or per part.");
        problem.setTitle("File too large");
        problem.setType(URI.create("about:blank"));
        return problem;
    }

    @ExceptionHandler(RegisterImport.ImportRefused.class)
    ProblemDetail refused(RegisterImport.ImportRefused e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Import refused");
        problem.setType(URI.create("about:blank"));
        problem.setProperty("report", e.report());
        return problem;
    }

    private static RegisterImport.Format format(String format) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "json" -> RegisterImport.Format.JSON;
            case "csv" -> RegisterImport.Format.CSV;
            default -> throw new InvalidInputException("Parameter 'format' must be json or csv.");
        };
    }
}
