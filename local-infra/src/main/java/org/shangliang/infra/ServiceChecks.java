package org.shangliang.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What every running service must show from outside, checked over HTTP (for each service's start-up test). */
public final class ServiceChecks {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServiceChecks() {
    }

    /**
     * Healthy against its real broker and store, 401 Problem Details for an anonymous API call, and an
     * OpenAPI document that declares bearer authentication and the Problem schema.
     */
    public static void healthyGuardedAndDocumented(int port) {
        var health = get(port, "/actuator/health");
        require(health.statusCode() == 200 && health.body().contains("\"status\":\"UP\""), "health UP", health);
        var ready = get(port, "/readyz");
        require(ready.statusCode() == 200 && ready.body().contains("\"status\":\"UP\""), "ready (the probe's path)", ready);
        var metrics = get(port, "/actuator/prometheus");
        require(metrics.statusCode() == 200 && metrics.body().contains("http_server_requests_seconds_bucket")
                        && metrics.body().contains("shangliang_outbox_backlog")
                        && metrics.body().contains("shangliang_outbox_oldest_age_seconds"),
                "Prometheus metrics: latency histograms and the outbox", metrics);
        var anonymous = get(port, "/api/anything");
        require(anonymous.statusCode() == 401 && anonymous.headers().firstValue("Content-Type").orElse("")
                .startsWith("application/problem+json"), "401 problem for an anonymous call", anonymous);
        var docs = get(port, "/v3/api-docs");
        require(docs.statusCode() == 200 && docs.body().contains("\"bearer\"") && docs.body().contains("\"Problem\""),
                "OpenAPI document with bearer auth and the Problem schema", docs);
        require(!docs.body().contains("\"name\":\"user\""),
                "no 'user' parameter in the OpenAPI document (the caller comes from the token, not the query)", docs);
    }

    private static HttpResponse<String> get(int port, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void require(boolean ok, String what, HttpResponse<String> response) {
        if (!ok) {
            throw new AssertionError("Expected " + what + " but got " + response.statusCode() + " " + response.body());
        }
    }
}
