package org.shangliang.gateway.web;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * 413 for bodies over the limit: at once by Content-Length, or as soon as a chunked body grows past
 * it (before it reaches a service). Roll uploads ({@code /api/rolls/**}) have their own, larger limit.
 */
public class BodySizeLimitFilter implements WebFilter, Ordered {

    private final long defaultLimit;
    private final long rollLimit;
    private final GatewayProblems problems;

    public BodySizeLimitFilter(long defaultLimit, long rollLimit, GatewayProblems problems) {
        this.defaultLimit = defaultLimit;
        this.rollLimit = rollLimit;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long limit = exchange.getRequest().getPath().value().startsWith("/api/rolls/") ? rollLimit : defaultLimit;
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > limit) {
            return tooLarge(exchange, limit);
        }
        AtomicLong seen = new AtomicLong();
        var limited = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                        DataBufferUtils.release(buffer);
                        sink.error(new BodyTooLarge());
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(limited).build())
                .onErrorResume(BodyTooLarge.class, e -> tooLarge(exchange, limit));
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange, long limit) {
        return problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large",
                "problem.payload-too-large.detail", Map.of("Connection", "close"), limit);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge() {
            super("request body over the limit", null, false, false);
        }
    }
}
