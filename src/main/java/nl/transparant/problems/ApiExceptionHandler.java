package nl.transparant.problems;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every API error as RFC 9457 problem+json with a detail a person can act on. Bad input is a 4xx;
 * only a fault of our own is a 500, and then without any internals. It also answers errors raised
 * before any controller is chosen (wrong method, unsupported media type); page controllers have an
 * advice of their own with a higher precedence.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** Told in the caller's language (Accept-Language: English if preferred, else Dutch) where the service named its texts. */
    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalidInput(InvalidInputException e, HttpServletRequest request) {
        Locale language = callersLanguage(ProblemTexts.acceptLanguage(request));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, title("invalid", language), e.detail(language));
        if (!e.problems().isEmpty()) {
            problem.setProperty("errors", e.problems(language));
        }
        return problem;
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e, HttpServletRequest request) {
        Locale language = callersLanguage(ProblemTexts.acceptLanguage(request));
        String translated = e.translatedDetail(language);
        return problem(HttpStatus.NOT_FOUND, title("notFound", language), translated != null ? translated : e.getMessage());
    }

    private final MessageSource messages;

    ApiExceptionHandler(MessageSource messages) {
        this.messages = messages;
    }

    /** A refusal with an explanation in the caller's language (Accept-Language: English if preferred, else Dutch). */
    @ExceptionHandler(ForbiddenException.class)
    ProblemDetail forbidden(ForbiddenException e, HttpServletRequest request) {
        if (e.messageKey() == null) {
            return problem(HttpStatus.FORBIDDEN, title("forbidden", request), e.getMessage());
        }
        Locale language = callersLanguage(ProblemTexts.acceptLanguage(request));
        ProblemDetail problem = problem(HttpStatus.FORBIDDEN, messages.getMessage(e.messageKey() + ".title", null, language),
                messages.getMessage(e.messageKey() + ".text", null, language));
        // the particular reason in the caller's language; else the service's own words, when they say more than the
        // text of the key (whose English they otherwise repeat, in English beside a Dutch detail: outside tester)
        if (e.reason() != null) {
            problem.setProperty("reason", e.reason().in(language));
        } else if (!e.getMessage().equals(messages.getMessage(e.messageKey() + ".text", null, Locale.ENGLISH))) {
            problem.setProperty("reason", e.getMessage());
        }
        return problem;
    }

    static Locale callersLanguage(String acceptLanguage) {
        return ProblemTexts.callersLanguage(acceptLanguage);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail accessDenied(AccessDeniedException e, HttpServletRequest request) {
        return problem(HttpStatus.FORBIDDEN, title("forbidden", request), text("problem.roles.notAllowed", request));
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e, HttpServletRequest request) {
        Locale language = callersLanguage(ProblemTexts.acceptLanguage(request));
        return problem(HttpStatus.CONFLICT, title("conflict", language), e.detail(language));
    }

    @ExceptionHandler(PolicyBrokenException.class)
    ResponseEntity<ProblemDetail> policyBroken(PolicyBrokenException e, HttpServletRequest request) {
        log.error("Refused on {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        Locale language = callersLanguage(ProblemTexts.acceptLanguage(request));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, title("policyBroken", language), e.detail(language)));
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ProblemDetail idempotencyKeyReused(IdempotencyKeyReusedException e, HttpServletRequest request) {
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, title("idempotencyKeyReused", request), e.getMessage());
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ProblemDetail staleVersion(OptimisticLockingFailureException e, HttpServletRequest request) {
        return problem(HttpStatus.CONFLICT, title("conflict", request), text("problem.conflict.stale", request));
    }

    /** Two requests changing the same rows at once and the database chose this one to give way (a deadlock). */
    @ExceptionHandler(PessimisticLockingFailureException.class)
    ProblemDetail lockConflict(PessimisticLockingFailureException e, HttpServletRequest request) {
        return problem(HttpStatus.CONFLICT, title("conflict", request), text("problem.conflict.sameMoment", request));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, title("invalid", request), text("problem.parameter.format", request, e.getName()));
    }

    /**
     * Requests that cannot be read as sent: parameter names the firewall refuses (control characters, found when the
     * parameters are first read) and a multipart type without its boundary. The sender's fault, so a 400.
     */
    @ExceptionHandler({RequestRejectedException.class, MultipartException.class})
    ProblemDetail unreadableRequest(Exception e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, title("invalid", request), text("problem.request.unreadable", request));
    }

    /** Counted while it was read (see the body size limits): the rest of it is not read. */
    @ExceptionHandler(BodyTooLargeException.class)
    ResponseEntity<ProblemDetail> bodyTooLarge(BodyTooLargeException e, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).header(HttpHeaders.CONNECTION, "close")
                .body(bodyTooLargeProblem(e, callersLanguage(ProblemTexts.acceptLanguage(request))));
    }

    private static ProblemDetail bodyTooLargeProblem(BodyTooLargeException e, Locale language) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, title("tooLarge", language),
                ProblemTexts.text("problem.request.tooLarge", List.of(BodyTooLargeException.readable(e.limitBytes())), language));
    }

    /**
     * A range as the body's type ({@code application/*}, {@code *}{@code /*}): Spring refuses to take it as the request's
     * Content-Type with an IllegalArgumentException while it opens the body. Any other IllegalArgumentException is ours.
     */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> illegalArgument(IllegalArgumentException e, HttpServletRequest request) {
        if (wildcardContentType(request.getContentType())) {
            return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(unsupportedMediaType(ProblemTexts.acceptLanguage(request)));
        }
        return unexpected(e, request);
    }

    private static boolean wildcardContentType(String contentType) {
        try {
            return contentType != null && !MediaType.parseMediaType(contentType).isConcrete();
        } catch (InvalidMediaTypeException e) {
            return true;
        }
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        // Spring's own detail repeats the type as sent; this one says what to send, and Accept lists the types taken
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).headers(headers).body(unsupportedMediaType(ProblemTexts.acceptLanguage(request)));
    }

    private static ProblemDetail unsupportedMediaType(String acceptLanguage) {
        Locale language = callersLanguage(acceptLanguage);
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, title("unsupportedMediaType", language),
                ProblemTexts.text("problem.request.sendJson", List.of(), language));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        if (DatabaseFaults.isUnreachable(e)) {
            log.warn("Database unreachable on {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, DatabaseFaults.RETRY_AFTER_SECONDS)
                    .body(problem(HttpStatus.SERVICE_UNAVAILABLE, title("unavailable", request),
                            text(switch (CommittedChanges.inRequest(request)) {
                                case STORED -> "problem.databaseUnreachableAfterStoring";
                                case MAYBE_STORED -> "problem.databaseUnreachableWhileStoring";
                                case NOTHING_STORED -> "problem.databaseUnreachable";
                            }, request)));
        }
        if (DatabaseFaults.isConcurrencyConflict(e)) {
            log.info("Concurrent change on {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
            return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(HttpStatus.CONFLICT, title("conflict", request),
                    text("problem.conflict.sameMoment", request)));
        }
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return ResponseEntity.internalServerError().body(problem(HttpStatus.INTERNAL_SERVER_ERROR, title("internal", request),
                text("problem.internal", request)));
    }

    /**
     * Spring MVC's own refusals (a missing parameter, an address with no handler or resource, a method or media type the
     * handler does not take, …) carried Spring's English title and detail ("Not Found", "No static resource …",
     * "Required parameter 'format' is not present."), also on a Dutch call (outside tester): told in the caller's
     * language instead, naming a missing parameter, never echoing internals.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        ResponseEntity<Object> answer = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        // the body is made by the call above when the handler gave none (Spring's own ProblemDetail of the exception)
        if (answer != null && answer.getBody() instanceof ProblemDetail spring && ex instanceof org.springframework.web.ErrorResponse
                && body == null) {
            Locale language = callersLanguage(ProblemTexts.acceptLanguage(request));
            java.util.Map<String, Object> told = StatusProblems.of(statusCode.value(), language);
            spring.setTitle((String) told.get("title"));
            spring.setDetail(ex instanceof org.springframework.web.bind.MissingServletRequestParameterException missing
                    ? ProblemTexts.text("problem.parameter.missing", List.of(missing.getParameterName()), language)
                    : ex instanceof org.springframework.web.multipart.support.MissingServletRequestPartException part
                    ? ProblemTexts.text("problem.parameter.missing", List.of(part.getRequestPartName()), language)
                    : (String) told.get("detail"));
        }
        return answer;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        // Jackson wraps what the body's stream threw while a value was being built (with the path it was at)
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException tooLarge) {
                return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).header(HttpHeaders.CONNECTION, "close")
                        .body(bodyTooLargeProblem(tooLarge, callersLanguage(ProblemTexts.acceptLanguage(request))));
            }
        }
        Locale language = callersLanguage(ProblemTexts.acceptLanguage(request));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, title("invalid", language), readableCause(ex, language));
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = ex.getBindingResult().getFieldErrors().stream()
                .map(f -> new FieldProblem(f.getField(), f.getDefaultMessage()))
                .toList();
        Locale language = callersLanguage(ProblemTexts.acceptLanguage(request));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, title("invalid", language),
                ProblemTexts.text("problem.fields.someInvalid", List.of(), language));
        problem.setProperty("errors", problems);
        return ResponseEntity.badRequest().body(problem);
    }

    /** Jackson's words for a name an object gives twice (STRICT_DUPLICATE_DETECTION): "Duplicate field 'name'". */
    private static final Pattern DUPLICATE_NAME = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);

    /** Names what was wrong in the JSON without echoing Jackson's internals (class names, stack positions). */
    private static String readableCause(HttpMessageNotReadableException ex, Locale language) {
        for (Throwable c = ex.getCause(); c != null; c = c.getCause()) {
            // thrown by the body's stream while Jackson read it (an escape of half a surrogate pair)
            if (c instanceof InvalidInputException invalid) {
                return invalid.detail(language);
            }
            if (c instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
                return ProblemTexts.text("problem.body.tooDeep", List.of(), language);
            }
        }
        Throwable cause = ex.getCause();
        if (cause instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException unknown) {
            return ProblemTexts.text("problem.body.unknownProperty", List.of(unknown.getPropertyName()), language);
        }
        if (cause instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException format) {
            return ProblemTexts.text("problem.body.wrongValue", List.of(path(format)), language);
        }
        // something after the body's JSON value (FAIL_ON_TRAILING_TOKENS): the body as a whole is not one JSON value
        if (cause instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException trailing
                && String.valueOf(trailing.getOriginalMessage()).startsWith("Trailing token")) {
            return ProblemTexts.text("problem.body.notJson", List.of(), language);
        }
        if (cause instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch) {
            return ProblemTexts.text("problem.body.wrongType", List.of(path(mismatch)), language);
        }
        // found while a nested value was being built, the parser's refusal comes wrapped in a mapping exception
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof com.fasterxml.jackson.core.exc.InputCoercionException) {
                // valid JSON, a number too large for its field ("version": 99999999999999999999): said so, where the
                // body was called no JSON at all (outside tester)
                return ProblemTexts.text("problem.body.numberOutOfRange", List.of(), language);
            }
            if (c instanceof com.fasterxml.jackson.core.JsonParseException parse) {
                Matcher duplicate = DUPLICATE_NAME.matcher(String.valueOf(parse.getOriginalMessage()));
                if (duplicate.matches()) {
                    return ProblemTexts.text("problem.body.duplicateName", List.of(duplicate.group(1)), language);
                }
            }
        }
        if (cause instanceof com.fasterxml.jackson.core.JsonProcessingException) {
            return ProblemTexts.text("problem.body.notJson", List.of(), language);
        }
        return ProblemTexts.text("problem.body.missing", List.of(), language);
    }

    private static String text(String key, HttpServletRequest request, Object... arguments) {
        return ProblemTexts.text(key, List.of(arguments), callersLanguage(ProblemTexts.acceptLanguage(request)));
    }

    /** The problem's title in the caller's language ({@code problem.title.*}). */
    private static String title(String kind, Locale language) {
        return ProblemTexts.text("problem.title." + kind, List.of(), language);
    }

    private static String title(String kind, HttpServletRequest request) {
        return title(kind, callersLanguage(ProblemTexts.acceptLanguage(request)));
    }

    private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse("(body)");
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("about:blank"));
        return problem;
    }
}
