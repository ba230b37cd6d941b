package org.shangliang.gateway.limits;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

import org.shangliang.gateway.web.GatewayProblems;
import org.shangliang.gateway.web.PageRoutes;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Limits requests per signed-in user ({@code sub}) and, for calls without a token, per client
 * address (pages, which carry no token, have a larger allowance of their own); over the limit is 429
 * with {@code Retry-After}. Runs after authentication, so the user
 * is known; health checks are not limited.
 */
public class RateLimitFilter implements WebFilter, Ordered {

    private final Buckets perUser;
    private final Buckets perAddress;
    private final Buckets pagesPerAddress;
    private final GatewayProblems problems;

    public RateLimitFilter(Buckets perUser, Buckets perAddress, Buckets pagesPerAddress, GatewayProblems problems) {
        this.perUser = perUser;
        this.perAddress = perAddress;
        this.pagesPerAddress = pagesPerAddress;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (path.equals("/livez") || path.equals("/readyz")) { // the probes
            return chain.filter(exchange);
        }
        String address = Optional.ofNullable(exchange.getRequest().getRemoteAddress())
                .map(InetSocketAddress::getHostString).orElse("unknown");
        return exchange.getPrincipal()
                .map(p -> perUser.take(p.getName()))
                .switchIfEmpty(Mono.fromSupplier(() -> PageRoutes.isPage(exchange.getRequest().getPath().pathWithinApplication())
                        ? pagesPerAddress.take(address) : perAddress.take(address)))
                .flatMap(decision -> decision.allowed() ? chain.filter(exchange)
                        : problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                        "problem.rate-limited.detail", Map.of("Retry-After", Long.toString(decision.retryAfterSeconds())),
                        decision.retryAfterSeconds()));
    }

    /** After Spring Security's filter chain (order -100), so the principal is known. */
    @Override
    public int getOrder() {
        return 0;
    }
}
