package org.shangliang.platform.web;

import io.swagger.v3.oas.annotations.Hidden;
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
@Hidden // the container's error page, not an operation of the API
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
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof RequestRejectedException) {
            status = HttpStatus.BAD_REQUEST;
        }
        ProblemDetail problem = problems.ofStatus(status, problems.localeOf(request));
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String path) {
            problem.setInstance(Problems.instance(path));
        }
        return ResponseEntity.status(status).body(problem);
    }
}
