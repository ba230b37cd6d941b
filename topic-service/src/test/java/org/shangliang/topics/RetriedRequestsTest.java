package org.shangliang.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.shangliang.platform.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * A phone on a bad network retries a POST after a lost answer: with the same Idempotency-Key it gets the
 * first answer again, and there is still one topic and one support (issue 13).
 */
class RetriedRequestsTest extends TopicServiceTestSupport {

    @Autowired
    MongoTemplate mongo;

    @Test
    void aRetriedProposalMakesOneTopicAndAnotherBodyWithTheSameKeyIs422() {
        String title = "31号楼加装电梯 " + unique("t");
        String body = """
                {"title": "%s", "category": "ELEVATOR", "scope": "%s/3"}""".formatted(title, BUILDING_31);
        ApiClient phone = resident(unique("r")).withIdempotencyKey(UUID.randomUUID().toString());
        var first = phone.post("/api/topics", body);
        var retried = phone.post("/api/topics", body);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.text("id")).isEqualTo(first.text("id"));
        assertThat(retried.raw().headers().firstValue("Location")).isEqualTo(first.raw().headers().firstValue("Location"));
        assertThat(retried.raw().headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(mongo.count(new Query(Criteria.where("title").is(title)), "topics")).isEqualTo(1);

        var other = phone.inEnglish().post("/api/topics", body.replace("加装电梯", "充电棚"));
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.text("detail")).startsWith("This Idempotency-Key was used for another request");
    }

    @Test
    void aRetriedSupportIsTheFirstAnswerNotA409AndCountsOnce() {
        String id = propose("5号楼停车 " + unique("t"), "PARKING");
        ApiClient neighbour = resident(unique("n"));
        ApiClient phone = neighbour.withIdempotencyKey(UUID.randomUUID().toString());
        var first = phone.post("/api/topics/" + id + "/supports", null);
        var retried = phone.post("/api/topics/" + id + "/supports", null);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retried.status()).as("the first answer, not 'already supporting'").isEqualTo(201);
        assertThat(retried.body().get("supportCount").asInt()).isEqualTo(2);
        assertThat(neighbour.get("/api/topics/" + id).body().get("supportCount").asInt()).as("counted once").isEqualTo(2);
        assertThat(neighbour.post("/api/topics/" + id + "/supports", null).status())
                .as("without the key, a second support is still refused").isEqualTo(409);
    }
}
