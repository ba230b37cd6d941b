package org.shangliang.gateway.web;

import java.time.Duration;
import java.util.Map;

import org.reactivestreams.Subscription;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * 413 for bodies over the limit: at once by Content-Length, or as soon as a chunked body grows past
 * it (before it reaches a service). Roll uploads ({@code /api/rolls/**}) have their own, larger limit.
 *
 * <p>Before answering, the rest of the body is read and thrown away (at most {@link #DRAIN_AT_MOST}
 * bytes, for at most {@link #DRAIN_FOR}): a client that sends its whole body before reading, as most
 * do, would otherwise see its connection reset (closing a socket with unread data resets it) instead
 * of the 413. Whatever is larger or slower than that is cut off.
 */
public class BodySizeLimitFilter implements WebFilter, Ordered {

    static final long DRAIN_AT_MOST = 16L * 1024 * 1024;
    static final Duration DRAIN_FOR = Duration.ofSeconds(10);

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
            Mono<Void> drained = declared - limit > DRAIN_AT_MOST ? Mono.empty()
                    : exchange.getRequest().getBody().doOnNext(DataBufferUtils::release).then();
            return bounded(drained).then(tooLarge(exchange, limit));
        }
        Sinks.Empty<Void> drained = Sinks.empty();
        var limited = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.create(sink -> super.getBody().subscribe(new LimitedBody(sink, limit, drained)));
            }
        };
        return chain.filter(exchange.mutate().request(limited).build())
                .onErrorResume(BodyTooLarge.class, e -> bounded(drained.asMono()).then(tooLarge(exchange, limit)));
    }

    private static Mono<Void> bounded(Mono<Void> draining) {
        return draining.timeout(DRAIN_FOR).onErrorResume(e -> Mono.empty());
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange, long limit) {
        return problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large",
                "problem.payload-too-large.detail", Map.of("Connection", "close"), limit);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    /**
     * Passes the body on as the reader asks for it, until it grows past the limit: then the reader gets
     * {@link BodyTooLarge} and the rest is read and released here, up to {@link #DRAIN_AT_MOST} past
     * the limit, and {@code drained} says when it ended.
     */
    private static final class LimitedBody extends BaseSubscriber<DataBuffer> {

        private final FluxSink<DataBuffer> sink;
        private final long limit;
        private final Sinks.Empty<Void> drained;
        private long seen;
        private volatile boolean over;

        LimitedBody(FluxSink<DataBuffer> sink, long limit, Sinks.Empty<Void> drained) {
            this.sink = sink;
            this.limit = limit;
            this.drained = drained;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            sink.onRequest(n -> {
                if (!over) {
                    request(n);
                }
            });
            sink.onCancel(() -> {
                if (!over) {
                    cancel();
                }
            });
        }

        @Override
        protected void hookOnNext(DataBuffer buffer) {
            seen += buffer.readableByteCount();
            if (over) {
                DataBufferUtils.release(buffer);
                if (seen - limit > DRAIN_AT_MOST) {
                    cancel();
                    drained.tryEmitEmpty();
                }
            } else if (seen > limit) {
                over = true;
                DataBufferUtils.release(buffer);
                sink.error(new BodyTooLarge());
                requestUnbounded();
            } else {
                sink.next(buffer);
            }
        }

        @Override
        protected void hookOnComplete() {
            if (over) {
                drained.tryEmitEmpty();
            } else {
                sink.complete();
            }
        }

        @Override
        protected void hookOnError(Throwable error) {
            if (over) {
                drained.tryEmitEmpty();
            } else {
                sink.error(error);
            }
        }
    }

    static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge() {
            super("request body over the limit", null, false, false);
        }
    }
}
