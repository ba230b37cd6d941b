package org.shangliang.platform.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON over real HTTP to a service under test, as one signed-in user. */
public final class ApiClient {

    public record Response(int status, JsonNode body, HttpResponse<String> raw) {
        public String text(String field) {
            return body.get(field).asString();
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final String token;
    private final String language;
    private final java.util.Map<String, String> headers;

    public ApiClient(int port, String token) {
        this("http://127.0.0.1:" + port, token, null, java.util.Map.of());
    }

    private ApiClient(String base, String token, String language, java.util.Map<String, String> headers) {
        this.base = base;
        this.token = token;
        this.language = language;
        this.headers = headers;
    }

    public ApiClient inEnglish() {
        return new ApiClient(base, token, "en", headers);
    }

    /** This client sending {@code Idempotency-Key: key} with every call (as a client retrying a POST would). */
    public ApiClient withIdempotencyKey(String key) {
        return withHeader("Idempotency-Key", key);
    }

    /** This client sending one more header with every call (a {@code traceparent}, say). */
    public ApiClient withHeader(String name, String value) {
        var more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiClient(base, token, language, java.util.Map.copyOf(more));
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response post(String path, String json) {
        return send("POST", path, json);
    }

    public Response put(String path, String json) {
        return send("PUT", path, json);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    public Response send(String method, String path, String json) {
        return send(method, path, json, null);
    }

    /** With {@code csv}, the body is sent as {@code text/csv} instead of JSON. */
    public Response send(String method, String path, String json, String csv) {
        String body = csv != null ? csv : json;
        var builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            builder.header("Content-Type", csv != null ? "text/csv; charset=utf-8" : "application/json");
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (language != null) {
            builder.header("Accept-Language", language);
        }
        headers.forEach(builder::header);
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            boolean isJson = response.headers().firstValue("Content-Type").orElse("").contains("json");
            JsonNode parsed = !isJson || response.body() == null || response.body().isBlank() ? JSON.nullNode()
                    : JSON.readTree(response.body());
            return new Response(response.statusCode(), parsed, response);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
