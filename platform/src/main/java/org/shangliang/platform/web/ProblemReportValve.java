package org.shangliang.platform.web;

import java.io.IOException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * What Tomcat answers itself, before a request reaches Spring (a request target with {@code [},
 * {@code ]} or an encoded {@code /}, a bad request line, a path parameter it refuses), as Problem
 * Details in the caller's language instead of Tomcat's HTML page. Errors that reach Spring never get
 * here: they are answered by {@link ProblemDetailsAdvice}.
 */
public class ProblemReportValve extends ErrorReportValve {

    private final Problems problems;

    public ProblemReportValve(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        try {
            response.resetBuffer();
            problems.write(request, response, problems.ofStatus(known == null ? HttpStatus.INTERNAL_SERVER_ERROR : known,
                    problems.localeOf(request)));
        } catch (IOException | RuntimeException e) {
            // the connection is gone or the request too broken to describe: Tomcat closes it
        }
    }
}
