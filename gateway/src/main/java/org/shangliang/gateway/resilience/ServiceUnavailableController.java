package org.shangliang.gateway.resilience;

import java.util.Map;
import java.util.Set;

import org.shangliang.gateway.web.GatewayProblems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Where a route's circuit breaker sends a call that failed, timed out or was refused by an open
 * circuit: 503 Problem Details naming the service, for every HTTP method.
 */
@RestController
public class ServiceUnavailableController {

    private static final Logger log = LoggerFactory.getLogger(ServiceUnavailableController.class);
    private static final Set<String> SERVICES = Set.of("topic-service", "meeting-service", "vote-service",
            "notification-service");

    private final GatewayProblems problems;

    public ServiceUnavailableController(GatewayProblems problems) {
        this.problems = problems;
    }

    @RequestMapping("/fallback/{service}")
    public Mono<Void> unavailable(@PathVariable String service, ServerWebExchange exchange) {
        String name = SERVICES.contains(service) ? service : "unknown";
        Throwable cause = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        log.warn("{} unavailable for {} {}: {}", name, exchange.getRequest().getMethod(),
                exchange.getAttributeOrDefault(ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR, Set.of()),
                cause == null ? "circuit open" : cause.toString());
        exchange.getResponse().getHeaders().set("X-Unavailable-Service", name);
        return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "problem.unavailable.detail",
                Map.of("Retry-After", "5"), name);
    }
}
