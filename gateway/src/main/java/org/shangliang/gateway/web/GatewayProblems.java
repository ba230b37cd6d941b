package org.shangliang.gateway.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** RFC 9457 Problem Details written by the gateway itself, titles in zh-CN unless the client asks for English. */
public class GatewayProblems {

    public static final String TYPE_PREFIX = "urn:shangliang:problem:";

    private final MessageSource messages;
    private final JsonMapper json;

    public GatewayProblems(MessageSource messages, JsonMapper json) {
        this.messages = messages;
        this.json = json;
    }

    public Locale localeOf(ServerWebExchange exchange) {
        List<Locale.LanguageRange> ranges = exchange.getRequest().getHeaders().getAcceptLanguageAsLocales().isEmpty()
                ? List.of() : Locale.LanguageRange.parse(exchange.getRequest().getHeaders().getFirst("Accept-Language"));
        Locale best = ranges.isEmpty() ? null : Locale.lookup(ranges, List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE,
                Locale.CHINESE));
        return best == null ? Locale.SIMPLIFIED_CHINESE : best;
    }

    /** No route and no resource for this path ({@code /api/nowhere}). */
    public ProblemDetail noSuchEndpoint(ServerWebExchange exchange) {
        return problem(exchange, HttpStatus.NOT_FOUND, "not-found", "problem.not-found.path",
                exchange.getRequest().getPath().value());
    }

    /** A text of the gateway's messages in the caller's language. */
    public String message(ServerWebExchange exchange, String key) {
        return messages.getMessage(key, null, key, localeOf(exchange));
    }

    public ProblemDetail problem(ServerWebExchange exchange, HttpStatus status, String kind, String detailKey,
                                 Object... args) {
        Locale locale = localeOf(exchange);
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create(TYPE_PREFIX + kind));
        problem.setTitle(messages.getMessage("problem." + kind + ".title", null, status.getReasonPhrase(), locale));
        problem.setDetail(messages.getMessage(detailKey, args, detailKey, locale));
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        return problem;
    }

    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String kind, String detailKey,
                            Map<String, String> headers, Object... args) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        return write(exchange, problem(exchange, status, kind, detailKey, args), headers);
    }

    /** Writes a problem already made (with properties of its own). */
    public Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem, Map<String, String> headers) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        HttpStatus status = HttpStatus.valueOf(problem.getStatus());
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        headers.forEach((k, v) -> response.getHeaders().set(k, v));
        DataBuffer body = response.bufferFactory().wrap(json.writeValueAsBytes(problem));
        return response.writeWith(Mono.just(body));
    }
}
