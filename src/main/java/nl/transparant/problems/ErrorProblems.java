package nl.transparant.problems;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Refusals that no handler of ours answers reach Spring Boot's error path: the firewall's (a double slash, a
 * semicolon, an encoded percent sign or dot-dot in the address), Spring Security's for an address no rule admits, a
 * form too large to read. Browsers get the error page (Spring Boot's own, from {@code error.html}); every other client
 * gets problem+json in its language instead of Spring's default JSON, which echoed the address as sent.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class ErrorProblems extends BasicErrorController {

    ErrorProblems(ErrorAttributes errorAttributes, ServerProperties server, List<ErrorViewResolver> errorViewResolvers) {
        super(errorAttributes, server.getError(), errorViewResolvers);
    }

    @Override
    @RequestMapping
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        HttpStatus status = getStatus(request);
        if (status == HttpStatus.NO_CONTENT) {
            return new ResponseEntity<>(status);
        }
        var language = ApiExceptionHandler.callersLanguage(ProblemTexts.acceptLanguage(request));
        Map<String, Object> problem = StatusProblems.of(status.value(), language);
        String path = ProblemAnswers.pathAskedFor(request);
        if (path != null) {
            problem.put("instance", path);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).header("X-Content-Type-Options", "nosniff")
                .body(problem);
    }
}
