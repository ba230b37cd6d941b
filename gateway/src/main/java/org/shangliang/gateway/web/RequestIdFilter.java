package org.shangliang.gateway.web;

import java.util.UUID;
import java.util.regex.Pattern;

import io.micrometer.tracing.handler.TracingObservationHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Accepts the client's {@code X-Request-Id} when it is short and safe, otherwise makes one; forwards
 * it to the service, echoes it in the response and writes one access-log line per request with it and
 * the request's trace id.
 */
public class RequestIdFilter implements WebFilter, Ordered {

    public static final String HEADER = "X-Request-Id";
    public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Logger access = LoggerFactory.getLogger("shangliang.gateway.access");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String supplied = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = supplied != null && SAFE.matcher(supplied).matches() ? supplied : UUID.randomUUID().toString();
        ServerWebExchange withId = exchange.mutate().request(r -> r.headers(h -> h.set(HEADER, id))).build();
        withId.getAttributes().put(ATTRIBUTE, id);
        withId.getResponse().getHeaders().set(HEADER, id);
        // The service echoes the id too: the answer carries it once, not once from each.
        withId.getResponse().beforeCommit(() -> {
            withId.getResponse().getHeaders().set(HEADER, id);
            return Mono.empty();
        });
        long started = System.nanoTime();
        return chain.filter(withId).doFinally(signal -> {
            MDC.put("requestId", id);
            // the request's span (started by the HTTP observation around every filter) is not this thread's
            // current one here: its ids are taken from the observation, so the access line carries them
            ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                    .map(context -> context.<TracingObservationHandler.TracingContext>get(TracingObservationHandler.TracingContext.class))
                    .map(TracingObservationHandler.TracingContext::getSpan)
                    .ifPresent(span -> {
                        MDC.put("traceId", span.context().traceId());
                        MDC.put("spanId", span.context().spanId());
                    });
            try {
                var status = withId.getResponse().getStatusCode();
                access.info("{} {} -> {} ({} ms)", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                        status == null ? "-" : status.value(), (System.nanoTime() - started) / 1_000_000);
            } finally {
                MDC.remove("requestId");
                MDC.remove("traceId");
                MDC.remove("spanId");
            }
        });
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
