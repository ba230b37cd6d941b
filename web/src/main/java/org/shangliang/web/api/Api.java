package org.shangliang.web.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.shangliang.web.GatewayProperties;
import org.shangliang.web.signin.SignedIn;
import org.slf4j.MDC;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public API through the gateway, as the signed-in person: their token, their language and the
 * request id of the page that asked. Problems come back as {@link ApiProblem}; a 401 as
 * {@link SignInRequired}; a 503, a time-out or a refused connection as {@link ServiceUnavailable}.
 * Answers are read as plain maps and lists (a tolerant reader: new fields never break a page).
 */
@Component
public class Api {

    public static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
    };

    private final RestClient client;
    private final JsonMapper json;

    public Api(GatewayProperties gateway, JsonMapper json) {
        var http = HttpClient.newBuilder().connectTimeout(gateway.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1).build();
        var factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(gateway.readTimeout());
        this.client = RestClient.builder().baseUrl(gateway.url()).requestFactory(factory)
                .configureMessageConverters(converters -> converters.registerDefaults()
                        .withJsonConverter(new JacksonJsonHttpMessageConverter(json)))
                .build();
        this.json = json;
    }

    public Map<String, Object> get(String path, Object... uriVariables) {
        return exchange(HttpMethod.GET, path, null, uriVariables);
    }

    /**
     * What a page shows beside its main subject (a topic's title on a ballot or a meeting): null when
     * it cannot be read now (not found, not allowed, a service down), so the page still shows.
     */
    public Map<String, Object> getIfReadable(String path, Object... uriVariables) {
        return ifReadable(() -> get(path, uriVariables));
    }

    /** {@link #getIfReadable} with query parameters. */
    public Map<String, Object> getWithQueryIfReadable(String path, Map<String, ?> query, Object... uriVariables) {
        return ifReadable(() -> getWithQuery(path, query, uriVariables));
    }

    private static Map<String, Object> ifReadable(Supplier<Map<String, Object>> read) {
        try {
            return read.get();
        } catch (ApiProblem | ServiceUnavailable unreadable) {
            return null;
        }
    }

    public Map<String, Object> getWithQuery(String path, Map<String, ?> query, Object... uriVariables) {
        return call(HttpMethod.GET, uri -> {
            var b = uri.path(path);
            query.forEach((k, v) -> {
                if (v instanceof Iterable<?> values) {
                    values.forEach(x -> b.queryParam(k, x));
                } else if (v != null && !v.toString().isBlank()) {
                    b.queryParam(k, v);
                }
            });
            return b.build(uriVariables);
        }, null);
    }

    public Map<String, Object> post(String path, Object body, Object... uriVariables) {
        return exchange(HttpMethod.POST, path, body, uriVariables);
    }

    public Map<String, Object> put(String path, Object body, Object... uriVariables) {
        return exchange(HttpMethod.PUT, path, body, uriVariables);
    }

    public Map<String, Object> delete(String path, Object... uriVariables) {
        return exchange(HttpMethod.DELETE, path, null, uriVariables);
    }

    /** A text body in another media type (a roll as CSV). */
    public Map<String, Object> putText(String path, String text, MediaType type, Object... uriVariables) {
        return send(client.put().uri(uri -> uri.path(path).build(uriVariables)).contentType(type).body(text));
    }

    /** A document as bytes with its content type (the meeting's calendar file). */
    public ResponseEntity<byte[]> download(String path, Object... uriVariables) {
        try {
            return headers(client.get().uri(uri -> uri.path(path).build(uriVariables)))
                    .retrieve().onStatus(HttpStatusCode::isError, (req, res) -> fail(res))
                    .toEntity(byte[].class);
        } catch (ResourceAccessException e) {
            throw new ServiceUnavailable(path, e);
        }
    }

    private Map<String, Object> exchange(HttpMethod method, String path, Object body, Object... uriVariables) {
        return call(method, uri -> uri.path(path).build(uriVariables), body);
    }

    private Map<String, Object> call(HttpMethod method, Function<UriBuilder, URI> uri,
                                     Object body) {
        RestClient.RequestBodySpec spec = client.method(method).uri(uri);
        if (body != null) {
            spec.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return send(spec);
    }

    private Map<String, Object> send(RestClient.RequestHeadersSpec<?> spec) {
        try {
            Map<String, Object> answer = headers(spec).retrieve()
                    .onStatus(HttpStatusCode::isError, (req, res) -> fail(res))
                    .body(OBJECT);
            return Fields.of(answer);
        } catch (ResourceAccessException e) {
            throw new ServiceUnavailable("gateway", e);
        }
    }

    private RestClient.RequestHeadersSpec<?> headers(RestClient.RequestHeadersSpec<?> spec) {
        Locale locale = LocaleContextHolder.getLocale();
        spec.header(HttpHeaders.ACCEPT_LANGUAGE, locale.getLanguage().equals("en") ? "en" : "zh-CN");
        spec.accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON, MediaType.ALL);
        Optional.ofNullable(MDC.get(RequestIds.MDC_KEY)).ifPresent(id -> spec.header(RequestIds.HEADER, id));
        if (SecurityContextHolder.getContext().getAuthentication() instanceof SignedIn user) {
            spec.header(HttpHeaders.AUTHORIZATION, "Bearer " + user.accessToken());
        }
        return spec;
    }

    private void fail(ClientHttpResponse response) throws IOException {
        int status = response.getStatusCode().value();
        byte[] bytes = response.getBody().readAllBytes();
        Map<String, Object> body;
        try {
            body = bytes.length == 0 ? Map.of() : json.readValue(bytes, OBJECT_TYPE);
        } catch (RuntimeException notJson) {
            body = Map.of("detail", new String(bytes, StandardCharsets.UTF_8));
        }
        if (status == 401) {
            throw new SignInRequired();
        }
        if (status == 503 || status == 502 || status == 504) {
            throw new ServiceUnavailable(String.valueOf(body.getOrDefault("service", "gateway")),
                    ApiProblem.from(status, body));
        }
        throw ApiProblem.from(status, body);
    }

    private static final TypeReference<Map<String, Object>> OBJECT_TYPE =
            new TypeReference<>() {
            };

    /** The items of a page answer ({@code {"items": [...]}}), or an empty list. */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> items(Map<String, Object> page) {
        Object items = page.get("items");
        return items instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }
}
