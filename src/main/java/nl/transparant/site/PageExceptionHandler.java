package nl.transparant.site;

import static java.util.Locale.ENGLISH;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import nl.transparant.problems.ConflictException;
import nl.transparant.problems.PolicyBrokenException;
import nl.transparant.problems.DatabaseFaults;
import nl.transparant.problems.FieldProblem;
import nl.transparant.problems.ForbiddenException;
import nl.transparant.problems.InvalidInputException;
import nl.transparant.problems.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Failures on the pages become a page in the visitor's language with the right status code, never a stack
 * trace. The services' explanation is shown as a detail under a heading and explanation in the page language: in
 * that language where the service named its text by key, otherwise in its own English words, marked as English.
 */
@ControllerAdvice(annotations = PageController.class)
@Order(Ordered.HIGHEST_PRECEDENCE) // before the API's problem+json advice, which answers for every other controller
class PageExceptionHandler {

    static final String VIEW = "error/message";

    private static final Logger log = LoggerFactory.getLogger(PageExceptionHandler.class);

    @ExceptionHandler(PageProblem.class)
    ModelAndView pageProblem(PageProblem e) {
        return page(e.status(), e.messageKey(), null, List.of());
    }

    /** The service's explanation only where it is in the page's language: the heading already says nothing is here. */
    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(NotFoundException e, Locale locale) {
        String translated = e.translatedDetail(locale);
        String detail = translated != null ? translated : ENGLISH.equals(SiteLanguage.supported(locale)) ? e.getMessage() : null;
        return page(HttpStatus.NOT_FOUND, "error.notFound", detail, List.of());
    }

    /** A malformed id in the address (a version number that is no number) points at nothing. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView malformedAddress(MethodArgumentTypeMismatchException e) {
        return page(HttpStatus.NOT_FOUND, "error.notFound", null, List.of());
    }

    @ExceptionHandler({ForbiddenException.class, AccessDeniedException.class})
    ModelAndView forbidden(RuntimeException e) {
        if (e instanceof ForbiddenException refusal && refusal.messageKey() != null) {
            return page(HttpStatus.FORBIDDEN, refusal.messageKey(), null, List.of()); // explained in the page language
        }
        return page(HttpStatus.FORBIDDEN, "error.forbidden", e instanceof ForbiddenException ? e.getMessage() : null, List.of());
    }

    /** Signed in, but not as a member of staff this application knows (no roles or organisations). */
    @ExceptionHandler(AuthenticationCredentialsNotFoundException.class)
    ModelAndView notStaff(AuthenticationCredentialsNotFoundException e) {
        return page(HttpStatus.FORBIDDEN, "error.notStaff", null, List.of());
    }

    /** A policy the page needs is broken: refused visibly (fail closed), with the file and why, never a default. */
    @ExceptionHandler(PolicyBrokenException.class)
    ModelAndView policyBroken(PolicyBrokenException e, HttpServletRequest request, Locale locale) {
        log.error("Refused page {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        return page(HttpStatus.SERVICE_UNAVAILABLE, "error.policyBroken", e.detail(locale), List.of());
    }

    @ExceptionHandler(ConflictException.class)
    ModelAndView conflict(ConflictException e, Locale locale) {
        return page(HttpStatus.CONFLICT, "error.conflict", e.detail(locale), List.of());
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ModelAndView staleVersion(OptimisticLockingFailureException e) {
        return page(HttpStatus.CONFLICT, "error.conflict", null, List.of());
    }

    /** Pages catch the invalid input they have a form for; anything else still gets a readable 400. */
    @ExceptionHandler(InvalidInputException.class)
    ModelAndView invalidInput(InvalidInputException e, Locale locale) {
        return page(HttpStatus.BAD_REQUEST, "error.badRequest", e.detail(locale), e.problems(locale));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ModelAndView missingParameter(MissingServletRequestParameterException e) {
        return page(HttpStatus.BAD_REQUEST, "error.badRequest", null, List.of());
    }

    /** Parameter names the firewall refuses (control characters) and multipart without a boundary: bad input, a 400. */
    @ExceptionHandler({RequestRejectedException.class, MultipartException.class})
    ModelAndView unreadableRequest(Exception e) {
        return page(HttpStatus.BAD_REQUEST, "error.badRequest", null, List.of());
    }

    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) {
        if (DatabaseFaults.isUnreachable(e)) {
            log.warn("Database unreachable on page {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
            response.setHeader(HttpHeaders.RETRY_AFTER, DatabaseFaults.RETRY_AFTER_SECONDS);
            return page(HttpStatus.SERVICE_UNAVAILABLE, switch (nl.transparant.problems.CommittedChanges.inRequest(request)) {
                case STORED -> "error.unavailableAfterStoring";
                case MAYBE_STORED -> "error.unavailableWhileStoring";
                case NOTHING_STORED -> "error.unavailable";
            }, null, List.of());
        }
        if (DatabaseFaults.isConcurrencyConflict(e)) {
            log.info("Concurrent change on page {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
            return page(HttpStatus.CONFLICT, "error.conflict", null, List.of());
        }
        log.error("Unexpected error on page {} {}", request.getMethod(), request.getRequestURI(), e);
        return page(HttpStatus.INTERNAL_SERVER_ERROR, "error.internal", null, List.of());
    }

    static ModelAndView page(HttpStatus status, String messageKey, String detail, List<FieldProblem> problems) {
        ModelAndView page = new ModelAndView(VIEW);
        page.setStatus(status);
        page.addObject("status", status.value());
        page.addObject("messageKey", messageKey);
        page.addObject("detail", detail);
        page.addObject("problems", problems);
        return page;
    }
}
