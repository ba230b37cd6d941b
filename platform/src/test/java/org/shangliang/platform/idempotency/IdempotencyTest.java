package org.shangliang.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.shangliang.infra.TestTokens;
import org.shangliang.platform.PlatformIntegrationTest;
import org.shangliang.platform.testapp.SampleTopic;
import org.shangliang.platform.testapp.SampleController;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** A POST retried with the same Idempotency-Key gives the first answer again and does its work once. */
class IdempotencyTest extends PlatformIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    MongoTemplate mongo;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String token = TestTokens.shared().resident("li.xiulan", "李秀兰", "yuejiang",
            "yuejiang/yuejiang-xincun/31/3/601");

    private HttpResponse<String> post(String path, String key, String body, String bearer) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String key, String body) throws Exception {
        return post(path, key, body, token);
    }

    private long samplesTitled(String title) {
        return mongo.count(new Query(Criteria.where("title").is(title)), SampleTopic.class);
    }

    @Test
    void theSameKeyAndBodyGiveTheFirstAnswerAgainAndCreateOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        String title = "加装电梯 " + key;
        String body = "{\"title\": \"" + title + "\", \"scope\": \"yuejiang\"}";
        var first = post("/api/samples", key, body);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();

        var again = post("/api/samples", key, body);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(again.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(samplesTitled(title)).as("created once").isEqualTo(1);

        var otherBody = post("/api/samples", key, body.replace("加装电梯", "充电棚"));
        assertThat(otherBody.statusCode()).isEqualTo(422);
        assertThat(otherBody.body()).contains("urn:shangliang:problem:idempotency-key-reused")
                .contains("这个 Idempotency-Key 已用于另一个请求");
        assertThat(post("/api/samples/x/review", key, body).statusCode()).as("another path").isEqualTo(422);

        String someoneElse = TestTokens.shared().resident("zhang.weimin", "张卫民", "yuejiang",
                "yuejiang/yuejiang-xincun/31/3/502");
        assertThat(post("/api/samples", key, body, someoneElse).statusCode())
                .as("a key is the person's own: another person's same key is a new request").isEqualTo(201);
        assertThat(samplesTitled(title)).isEqualTo(2);

        assertThat(post("/api/samples", null, body).statusCode()).as("no key: as before").isEqualTo(201);
        assertThat(samplesTitled(title)).isEqualTo(3);
    }

    @Test
    void aRejectedAnswerIsKeptButAServerErrorIsNot() throws Exception {
        String key = UUID.randomUUID().toString();
        var invalid = post("/api/samples", key, "{\"title\": \"\", \"scope\": \"yuejiang\"}");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(post("/api/samples", key, "{\"title\": \"\", \"scope\": \"yuejiang\"}").headers()
                .firstValue("Idempotent-Replayed")).hasValue("true");

        int before = SampleController.runs();
        String failingKey = UUID.randomUUID().toString();
        int firstStatus = post("/api/samples/failing", failingKey, "{}").statusCode();
        int secondStatus = post("/api/samples/failing", failingKey, "{}").statusCode();
        assertThat(List.of(firstStatus, secondStatus)).as("a 500 is not kept: the retry ran again").containsExactly(500, 200);
        assertThat(SampleController.runs() - before).isEqualTo(2);
    }

    @Test
    void twoRequestsAtOnceWithOneKeyRunOnceAndTheOtherIsToldToWait() throws Exception {
        int before = SampleController.runs();
        String key = UUID.randomUUID().toString();
        var first = CompletableFuture.supplyAsync(() -> call(key));
        Thread.sleep(300);
        var second = call(key);
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(first.join().statusCode()).isEqualTo(201);
        var afterwards = call(key);
        assertThat(afterwards.statusCode()).isEqualTo(201);
        assertThat(afterwards.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(SampleController.runs() - before).as("the work ran once").isEqualTo(1);
    }

    @Test
    void aKeyThatIsNotPrintableAsciiIsABadRequest() throws Exception {
        var answer = post("/api/samples", "x".repeat(256), "{\"title\": \"t\", \"scope\": \"yuejiang\"}");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("Idempotency-Key 须为 1 到 255 个可见的 ASCII 字符");
    }

    private HttpResponse<String> call(String key) {
        try {
            return post("/api/samples/slow", key, "{\"n\": 1}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
