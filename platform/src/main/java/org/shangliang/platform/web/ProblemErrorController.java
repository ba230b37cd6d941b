package org.shangliang.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Whatever ends in the servlet container's error page ({@code /error}: a request the security
 * firewall rejects, such as a {@code ;} in the path, or any {@code sendError} outside Spring MVC's
 * handling) is answered as Problem Details in the caller's language, like every other error; Spring
 * Boot's own error controller answered {@code {timestamp, status, error, path}} instead.
 */
@RestController
@io.swagger.v3.oas.annotations.Hidden // the container's error page, not an operation of the API
public class ProblemErrorController implements ErrorController {

    private final Problems problems;

    public ProblemErrorController(Problems problems) {
        this.problems = problems;
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i && HttpStatus.resolve(i) != null ? HttpStatus.valueOf(i)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        var locale = problems.localeOf(request);
        ProblemDetail problem;
        if (exception instanceof RequestRejectedException || status == HttpStatus.BAD_REQUEST) {
            problem = problems.problem(HttpStatus.BAD_REQUEST, "invalid-request", "problem.request-target",
                    "The address of the request has characters that are not allowed ([, ], ; or an encoded /)", locale);
        } else if (status == HttpStatus.NOT_FOUND) {
            problem = problems.problem(status, "not-found", "problem.path-not-found", "There is nothing at this address",
                    locale);
        } else if (status == HttpStatus.UNAUTHORIZED) {
            problem = problems.problem(status, "unauthenticated", "problem.unauthenticated.detail",
                    "A valid access token is needed", locale);
        } else if (status == HttpStatus.FORBIDDEN) {
            problem = problems.problem(status, "forbidden", "problem.forbidden.role", "Your role does not allow this", locale);
        } else if (status.is4xxClientError()) {
            problem = problems.problem(status, "invalid-request", null, status.getReasonPhrase(), locale);
        } else {
            problem = problems.problem(status, "internal", "problem.internal.detail",
                    "Something went wrong on our side; the request id helps us find out what", locale);
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path) {
            try {
                problem.setInstance(Problems.instance(path));
            } catch (IllegalArgumentException unreadable) {
                // a path too broken to repeat back
            }
        }
        return ResponseEntity.status(status).body(problem);
    }
}
