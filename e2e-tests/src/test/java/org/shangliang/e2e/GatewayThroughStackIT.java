package org.shangliang.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The gateway in front of the real services, as packaged. */
class GatewayThroughStackIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theClientsRequestIdReachesTheServicesLogLine() throws Exception {
        RunningStack stack = RunningStack.get();
        String token = stack.signIn("li.xiulan");
        String requestId = "e2e-" + System.nanoTime();
        var response = http.send(HttpRequest.newBuilder(URI.create(stack.gateway() + "/api/topics"))
                .header("Authorization", "Bearer " + token).header("X-Request-Id", requestId).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("routed to topic-service and accepted there").isNotIn(401, 403, 503);
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue(requestId);

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        // the gateway writes its access line when the answer is complete, after the service's: wait for both
        while (!(stack.log("topic-service").contains("[" + requestId + "]") && stack.log("gateway").contains("[" + requestId + "]"))
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(stack.log("topic-service")).contains("[" + requestId + "]").contains("GET /api/topics -> ");
        assertThat(stack.log("gateway")).contains("[" + requestId + "]");
    }

    /**
     * One trace from the public door across Kafka (issue 16 item 2): the trace id of a proposal's
     * gateway access line appears in topic-service's lines for it and in the lines of meeting-service and
     * notification-service applying the event it raised.
     */
    @Test
    void aProposalsTraceIdIsInTheLogLinesOfTheGatewayAndEveryServiceItReaches() throws Exception {
        RunningStack stack = RunningStack.get();
        String requestId = "e2e-trace-" + System.nanoTime();
        var response = http.send(HttpRequest.newBuilder(URI.create(stack.gateway() + "/api/topics"))
                .header("Authorization", "Bearer " + stack.signIn("li.xiulan")).header("X-Request-Id", requestId)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"title": "31号楼3单元楼道加装扶手", "description": "老人上楼需要扶手。", "category": "SAFETY", "scope": "yuejiang/yuejiang-xincun/31/3"}""")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String location = response.headers().firstValue("Location").orElseThrow();
        String topicId = location.substring(location.lastIndexOf('/') + 1);

        String traceId = awaitLine(stack, "gateway", requestId).replaceAll("(?s).*\\b([0-9a-f]{32})\\b.*", "$1");
        assertThat(traceId).as("the gateway's access line names a trace").matches("[0-9a-f]{32}");
        assertThat(awaitLine(stack, "topic-service", traceId, "POST /api/topics -> 201")).isNotEmpty();
        for (String consumer : java.util.List.of("meeting-service", "notification-service")) {
            assertThat(awaitLine(stack, consumer, traceId, "Applied shangliang.topic.proposed.v1"))
                    .as(consumer + " applying the proposal's event").contains(topicId);
        }
    }

    /** The first line of a process's log containing every one of {@code texts}, waiting up to 20 s for it. */
    private static String awaitLine(RunningStack stack, String process, String... texts) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            var line = stack.log(process).lines().filter(l -> java.util.Arrays.stream(texts).allMatch(l::contains)).findFirst();
            if (line.isPresent()) {
                return line.get();
            }
            assertThat(System.nanoTime()).as("a line with " + String.join(" and ", texts) + " in " + process + "'s log")
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    @Test
    void aServicePortCalledDirectlyStillDemandsAValidToken() throws Exception {
        RunningStack stack = RunningStack.get();
        for (String service : new String[] {"topic-service", "meeting-service", "vote-service", "notification-service"}) {
            var anonymous = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.port(service)
                    + "/api/anything")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).as(service).isEqualTo(401);
            var forged = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.port(service)
                    + "/api/anything")).header("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(forged.statusCode()).as(service + " with an unsigned token").isEqualTo(401);
        }
        String token = stack.signIn("wang.jianguo");
        var signedIn = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.port("topic-service")
                + "/api/anything")).header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isNotEqualTo(401);
    }

    @Test
    void wrongPasswordsAre401AndSwaggerUiIsOpen() throws Exception {
        RunningStack stack = RunningStack.get();
        var wrong = http.send(HttpRequest.newBuilder(URI.create(stack.gateway() + "/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"li.xiulan\",\"password\":\"123456\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(401);
        var ui = http.send(HttpRequest.newBuilder(URI.create(stack.gateway() + "/swagger-ui.html")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ui.statusCode()).isIn(200, 302);
        var docs = http.send(HttpRequest.newBuilder(URI.create(stack.gateway() + "/v3/api-docs/topic-service")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("\"bearer\"");
    }

    /**
     * docs/api.md documents every operation the services publish in OpenAPI, and no operation that
     * does not exist (path parameters compared without their names: {id} and {topicId} are alike).
     */
    @Test
    void theApiGuideDocumentsExactlyTheOperationsOfTheServices() throws Exception {
        RunningStack stack = RunningStack.get();
        java.util.Set<String> published = new java.util.TreeSet<>();
        for (String service : java.util.List.of("topic-service", "meeting-service", "vote-service", "notification-service")) {
            var docs = http.send(HttpRequest.newBuilder(URI.create(stack.gateway() + "/v3/api-docs/" + service)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(docs.statusCode()).isEqualTo(200);
            var paths = Gateway.JSON.readTree(docs.body()).get("paths");
            for (String path : paths.propertyNames()) {
                for (String method : paths.get(path).propertyNames()) {
                    published.add(method.toUpperCase(java.util.Locale.ROOT) + " " + anyParameter(path));
                }
            }
        }
        published.add("GET /api/labels"); // the gateway's own: the labels of every enum value
        String guide = java.nio.file.Files.readString(stack.home.resolve("docs/api.md"));
        java.util.Set<String> documented = new java.util.TreeSet<>();
        var operation = java.util.regex.Pattern.compile("`(GET|POST|PUT|DELETE|PATCH) (/api[^`\\s?]*)`").matcher(guide);
        while (operation.find()) {
            documented.add(operation.group(1) + " " + anyParameter(operation.group(2)));
        }
        assertThat(published).hasSizeGreaterThan(40);
        assertThat(documented).as("operations in docs/api.md (left) against OpenAPI of the services").isEqualTo(published);
    }

    private static String anyParameter(String path) {
        return path.replaceAll("\\{[^}]+}", "{}");
    }
}
