package org.shangliang.platform.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.shangliang.platform.PlatformIntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What Swagger UI shows a person: the errors each operation can really answer, JSON answers, no leaked parameters. */
class ApiDocsTest extends PlatformIntegrationTest {

    @LocalServerPort
    int port;

    @Test
    void readsAnswerNeither409Nor413WritesMayAndAnswersAreJson() throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode paths = JsonMapper.builder().build().readTree(response.body()).get("paths");
        JsonNode read = paths.get("/api/samples/{id}").get("get").get("responses");
        assertThat(read.propertyNames()).contains("200", "400", "401", "403", "404", "429", "503").doesNotContain("409", "413");
        assertThat(read.get("200").get("content").propertyNames()).containsExactly("application/json");
        JsonNode write = paths.get("/api/samples").get("post").get("responses");
        assertThat(write.propertyNames()).contains("409", "413", "422", "503");
        assertThat(paths.get("/api/samples").get("post").get("parameters").valueStream()
                .filter(p -> p.get("name").asString().equals("Idempotency-Key")).toList())
                .as("a POST says it takes an Idempotency-Key, once").hasSize(1)
                .allMatch(p -> p.get("in").asString().equals("header") && !p.get("required").asBoolean());
        assertThat(read.propertyNames()).doesNotContain("422");
        assertThat(write.get("409").get("content").propertyNames()).containsExactly("application/problem+json");
        assertThat(response.body()).doesNotContain("\"name\":\"user\"");
        assertThat(paths.propertyNames()).as("the container's error page is no operation").doesNotContain("/error");
    }
}
