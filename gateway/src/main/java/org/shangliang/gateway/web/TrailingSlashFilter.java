package org.shangliang.gateway.web;

import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * No API path ends with a slash. {@code /api/topics/x/review/} would miss the role rule written for
 * {@code /api/topics/x/review} and reach the route of {@code /api/topics/**} (the service then
 * answered 404): such a path is answered the API's 404 Problem here, before the security chain.
 */
public class TrailingSlashFilter implements WebFilter, Ordered {

    private final GatewayProblems problems;

    public TrailingSlashFilter(GatewayProblems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (path.startsWith("/api/") && path.endsWith("/")) {
            return problems.write(exchange, HttpStatus.NOT_FOUND, "not-found", "problem.not-found.path", Map.of(), path);
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }
}
