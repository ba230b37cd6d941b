package org.shangliang.meetings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.shangliang.contracts.topic.TopicCategory;
import org.shangliang.contracts.topic.TopicProposed;
import org.shangliang.contracts.topic.TopicStatus;
import org.shangliang.contracts.topic.TopicStatusChanged;
import org.shangliang.infra.SharedInfrastructure;
import org.shangliang.infra.TestTokens;
import org.shangliang.platform.testing.ApiClient;
import org.shangliang.platform.testing.Streams;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.ContextConfiguration;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "shangliang.outbox.sweep-interval=500ms", "shangliang.meetings.reminder-interval=300ms",
        "shangliang.events.initial-back-off=50ms"})
@ContextConfiguration(initializers = SharedInfrastructure.class)
public abstract class MeetingServiceTestSupport {

    protected final TestTokens tokens = TestTokens.shared();

    @LocalServerPort
    protected int port;

    @Autowired
    protected MongoTemplate mongo;

    protected ApiClient committee(String community) {
        return new ApiClient(port, tokens.token("committee." + community, "王建国", List.of("COMMITTEE"), community, null));
    }

    protected ApiClient resident(String community, String id) {
        return new ApiClient(port, tokens.resident(id, id, community, community + "/yuejiang-xincun/31/3/601"));
    }

    protected static String community() {
        return "c" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A topic as the topic-service announces it, in the given status, once this service has seen it. */
    protected String topic(String community, TopicStatus status) {
        return topic(community, status, TopicCategory.ELEVATOR);
    }

    protected String topic(String community, TopicStatus status, TopicCategory category) {
        String id = "t-" + UUID.randomUUID();
        String scope = community + "/yuejiang-xincun/31";
        Streams.publish(new TopicProposed(id, community, scope, "31号楼加装电梯", category, "li.xiulan",
                "李秀兰", 5, Instant.now()));
        if (status != TopicStatus.PROPOSED) {
            Streams.publish(new TopicStatusChanged(id, community, scope, "31号楼加装电梯", category,
                    "li.xiulan", TopicStatus.PROPOSED, status, "review", null, null, "committee", Instant.now()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.exists(new Query(Criteria.where("_id").is(id)
                .and("status").is(status)), "agenda_topics"));
        return id;
    }

    protected static String at(Duration fromNow) {
        return OffsetDateTime.ofInstant(Instant.now().plus(fromNow), ZoneOffset.ofHours(8)).toString();
    }

    protected String meetingJson(List<String> topicIds, Duration startIn, Duration length, String location, int capacity) {
        return """
                {"title": "31号楼加装电梯协商议事会", "topicIds": [%s], "startsAt": "%s", "endsAt": "%s",
                 "location": "%s", "format": "HYBRID", "capacity": %d,
                 "participants": [{"name": "王建国", "userId": "wang.jianguo", "affiliation": "RESIDENT_REP"},
                                  {"name": "陆晓峰", "affiliation": "PROPERTY_COMPANY"},
                                  {"name": "张敏", "affiliation": "CPPCC_MEMBER"}]}
                """.formatted(String.join(",", topicIds.stream().map(t -> "\"" + t + "\"").toList()), at(startIn),
                at(startIn.plus(length)), location, capacity);
    }

    protected String schedule(String community, List<String> topicIds, Duration startIn, String location, int capacity) {
        var response = committee(community).post("/api/meetings", meetingJson(topicIds, startIn, Duration.ofHours(2),
                location, capacity));
        assertThat(response.status()).as(response.body().toString()).isEqualTo(201);
        return response.text("id");
    }
}
