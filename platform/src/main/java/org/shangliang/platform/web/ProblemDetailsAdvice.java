package org.shangliang.platform.web;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import org.shangliang.platform.domain.FieldProblem;
import org.shangliang.platform.domain.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.ResolvableType;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Every error as RFC 9457 Problem Details with a localized title (zh-CN by default, English with
 * {@code Accept-Language: en}); validation problems list each bad field in {@code errors}.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private final Problems problems;
    private final UnreadableFields unreadable;

    public ProblemDetailsAdvice(Problems problems, MessageSource messageSource) {
        this.problems = problems;
        this.unreadable = new UnreadableFields(problems);
        setMessageSource(messageSource);
    }

    /**
     * A body that cannot be read: a value that does not fit its field is a validation problem naming
     * the field, the value and what is allowed; broken JSON says where it broke; nothing of the
     * framework's own text reaches the caller.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Locale locale = locale();
        Throwable cause = e.getCause();
        while (cause != null && !(cause instanceof JacksonException) && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        ProblemDetail problem;
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            problem = validation(List.of(unreadable.of(mismatch, locale)));
        } else if (cause instanceof StreamReadException broken && broken.getLocation() != null) {
            problem = problems.problem(HttpStatus.BAD_REQUEST, "invalid-request", "problem.unreadable.json",
                    "The body is not valid JSON", locale, broken.getLocation().getLineNr(),
                    broken.getLocation().getColumnNr());
        } else if (cause == null && e.getMessage() != null && e.getMessage().startsWith("Required request body")) {
            problem = problems.problem(HttpStatus.BAD_REQUEST, "invalid-request", "problem.unreadable.missing",
                    "The request needs a JSON body", locale);
        } else {
            problem = problems.problem(HttpStatus.BAD_REQUEST, "invalid-request", "problem.unreadable.body",
                    "The body could not be read as the JSON this request takes", locale);
        }
        problem.setInstance(instance(request));
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** A query or path value of the wrong type ({@code ?status=completed}): the parameter, the value and what is allowed. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        Class<?> type = e.getRequiredType();
        if (e instanceof MethodArgumentTypeMismatchException m) {
            // a list parameter (?status=A&status=B) is judged by the type of its elements
            ResolvableType declared = ResolvableType.forMethodParameter(m.getParameter());
            if (declared.isArray()) {
                type = declared.getComponentType().resolve(type);
            } else if (Collection.class.isAssignableFrom(declared.toClass())) {
                type = declared.asCollection().resolveGeneric(0);
            }
        }
        Object value = e.getValue() instanceof Object[] values && values.length > 0 ? values[0] : e.getValue();
        ProblemDetail problem = validation(List.of(unreadable.of(name, value, type, locale())));
        problem.setInstance(instance(request));
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static URI instance(WebRequest request) {
        return request instanceof ServletWebRequest servlet ? Problems.instance(servlet.getRequest().getRequestURI()) : null;
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> handleProblem(ProblemException e, HttpServletRequest request) {
        ProblemDetail problem = problems.problem(e.status(), e.kind(), e.detailKey(), e.getMessage(), locale(),
                e.args());
        e.properties().forEach((name, value) -> problem.setProperty(name, inLanguage(value)));
        return respond(problem, request);
    }

    /** A list of {@link FieldProblem}s as {@link FieldError}s in the caller's language; anything else as it is. */
    private Object inLanguage(Object value) {
        if (isFieldList(value) && value instanceof List<?> list) {
            return list.stream().map(item -> item instanceof FieldProblem p
                    ? new FieldError(p.field(), problems.message(p.key(), p.fallback(), locale(), p.args()))
                    : item).toList();
        }
        return value;
    }

    /** A domain rule's no: 409 when the state does not allow it, 400 when the input breaks a rule, 403 for the person. */
    private static final DateTimeFormatter READABLE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @ExceptionHandler(Rejection.class)
    ResponseEntity<ProblemDetail> handleRejection(Rejection e, HttpServletRequest request) {
        HttpStatus status = switch (e.kind()) {
            case CONFLICT -> HttpStatus.CONFLICT;
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_ALLOWED -> HttpStatus.FORBIDDEN;
        };
        String kind = switch (e.kind()) {
            case CONFLICT -> "conflict";
            case INVALID -> isFieldList(e.properties().get("errors")) ? "validation" : "invalid-request";
            case NOT_ALLOWED -> "forbidden";
        };
        Object[] args = readable(e.args());
        ProblemDetail problem = problems.problem(status, kind, e.key(), e.getMessage(), locale(), args);
        Map<String, Object> properties = new LinkedHashMap<>(e.properties());
        Object field = properties.remove("field");
        if (field != null) {
            // a rule about one field: it is listed like a validation error, with the value received and what is allowed
            Object value = properties.remove("value");
            @SuppressWarnings("unchecked")
            List<String> allowed = properties.remove("allowed") instanceof List<?> list ? (List<String>) list : null;
            problem.setProperty("errors", List.of(new FieldError(String.valueOf(field), problem.getDetail(), value, allowed)));
        }
        properties.forEach((name, value) ->
                problem.setProperty(name, value instanceof Instant instant ? ApiTime.of(instant) : inLanguage(value)));
        return respond(problem, request);
    }

    private static boolean isFieldList(Object value) {
        return value instanceof List<?> list && list.stream().anyMatch(FieldProblem.class::isInstance);
    }

    /** A rejection's arguments as a message shows them: labels in the caller's language, times in the community's zone. */
    private static Object[] readable(Object[] args) {
        Object[] shown = args.clone();
        for (int i = 0; i < shown.length; i++) {
            if (shown[i] instanceof Rejection.Label label) {
                shown[i] = ProblemException.label(label.key(), label.fallback(), readable(label.args()));
            } else if (shown[i] instanceof Instant instant) {
                shown[i] = ApiTime.of(instant).format(READABLE_TIME);
            }
        }
        return shown;
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> handleConstraintViolation(ConstraintViolationException e, HttpServletRequest request) {
        List<FieldError> errors = new ArrayList<>();
        e.getConstraintViolations().forEach(v -> {
            String path = v.getPropertyPath().toString();
            errors.add(new FieldError(path.substring(path.lastIndexOf('.') + 1), v.getMessage()));
        });
        return respond(validation(errors), request);
    }

    /** A write that kept losing races: the state moved under the request; the client may retry. */
    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> handleLostRace(OptimisticLockingFailureException e, HttpServletRequest request) {
        log.warn("Write lost its race repeatedly: {}", e.getMessage());
        return respond(problems.problem(HttpStatus.CONFLICT, "conflict", "problem.concurrent-update.detail",
                "The resource changed while the request was processed; please try again", locale()), request);
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<ProblemDetail> handleDuplicate(DuplicateKeyException e, HttpServletRequest request) {
        return respond(problems.problem(HttpStatus.CONFLICT, "conflict", "problem.duplicate.detail",
                "This already exists", locale()), request);
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<ProblemDetail> handleDenied(RuntimeException e, HttpServletRequest request) {
        return respond(problems.problem(HttpStatus.FORBIDDEN, "forbidden", "problem.forbidden.role",
                "Your role does not allow this", locale()), request);
    }

    /**
     * The store cannot be reached (restarting, a network break): 503 with Retry-After, in the caller's
     * language. Writes are single-document, so a failed one left nothing half-done.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, MongoSocketException.class, MongoTimeoutException.class})
    ResponseEntity<ProblemDetail> handleStoreUnavailable(RuntimeException e, HttpServletRequest request) {
        log.warn("The store cannot be reached on {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        ProblemDetail problem = problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "problem.unavailable.store",
                "The data store cannot be reached for a moment; please try again in a few seconds", locale());
        problem.setInstance(Problems.instance(request.getRequestURI()));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "problem.internal.detail",
                "Something went wrong on our side; the request id helps us find out what", locale()), request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(validation(fieldErrors(e.getBindingResult())));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(r -> r.getResolvableErrors().forEach(err -> errors.add(
                new FieldError(r.getMethodParameter().getParameterName(), err.getDefaultMessage()))));
        return ResponseEntity.badRequest().body(validation(errors));
    }

    /** Spring MVC's own problems (malformed JSON, wrong method, ...) get our type and localized title too. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem && (problem.getType() == null
                || "about:blank".equals(problem.getType().toString()))) {
            HttpStatus status = HttpStatus.valueOf(statusCode.value());
            String kind = switch (status) {
                case BAD_REQUEST -> "invalid-request";
                case NOT_FOUND -> "not-found";
                case METHOD_NOT_ALLOWED -> "method-not-allowed";
                case NOT_ACCEPTABLE -> "not-acceptable";
                case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
                case CONTENT_TOO_LARGE -> "payload-too-large";
                default -> "http-" + status.value();
            };
            problem.setType(URI.create(Problems.TYPE_PREFIX + kind));
            problem.setTitle(problems.message("problem." + kind + ".title", locale()));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private ProblemDetail validation(List<FieldError> errors) {
        ProblemDetail problem = problems.problem(HttpStatus.BAD_REQUEST, "validation", "problem.validation.detail",
                "The request has invalid fields", locale(), errors.size());
        problem.setProperty("errors", errors);
        return problem;
    }

    private static List<FieldError> fieldErrors(BindingResult result) {
        List<FieldError> errors = new ArrayList<>();
        result.getFieldErrors().forEach(f -> errors.add(new FieldError(f.getField(), f.getDefaultMessage())));
        result.getGlobalErrors().forEach(g -> errors.add(new FieldError(g.getObjectName(), g.getDefaultMessage())));
        return errors;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem, HttpServletRequest request) {
        problem.setInstance(Problems.instance(request.getRequestURI()));
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
