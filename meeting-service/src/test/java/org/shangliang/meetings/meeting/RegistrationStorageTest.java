package org.shangliang.meetings.meeting;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.shangliang.contracts.topic.TopicStatus;
import org.shangliang.meetings.MeetingServiceTestSupport;
import org.shangliang.platform.membership.Memberships;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Registrations as the residents' own documents (issue 12 item 3), on the real store: the meeting keeps a
 * count, not a list; whoever registered is told so in the meeting and in the list of meetings; meetings
 * stored with a list of registrants are moved over.
 */
class RegistrationStorageTest extends MeetingServiceTestSupport {

    @Autowired
    Memberships registrations;

    private Document meetingDocument(String id) {
        return mongo.getCollection("meetings").find(eq("_id", id)).first();
    }

    @Test
    void eachRegistrationIsItsOwnDocumentAndTheMeetingKeepsOnlyTheCount() {
        String c = community();
        String id = schedule(c, List.of(topic(c, TopicStatus.ACCEPTED)), Duration.ofDays(2), "越江社区活动室", 30);
        for (int i = 0; i < 12; i++) {
            assertThat(resident(c, "neighbour-" + i).post("/api/meetings/" + id + "/registrations", null).status()).isEqualTo(201);
        }
        assertThat(resident(c, "neighbour-3").delete("/api/meetings/" + id + "/registrations").status()).isEqualTo(204);

        Document meeting = meetingDocument(id);
        assertThat(meeting).doesNotContainKey("registrants");
        assertThat(meeting.getInteger("registeredCount")).isEqualTo(11);
        assertThat(meeting.get("registrationChanges", Document.class).getList("pending", Document.class)).isEmpty();
        assertThat(registrations.countStored(id)).isEqualTo(11);

        var five = resident(c, "neighbour-5");
        assertThat(five.get("/api/meetings/" + id).body().get("registeredByMe").asBoolean()).isTrue();
        assertThat(five.get("/api/meetings").body().get("items").valueStream()
                .filter(m -> m.get("id").asString().equals(id)).findFirst().orElseThrow().get("registeredByMe").asBoolean())
                .as("the list says so too").isTrue();
        assertThat(resident(c, "neighbour-3").get("/api/meetings/" + id).body().get("registeredByMe").asBoolean()).isFalse();
        assertThat(resident(c, "neighbour-3").post("/api/meetings/" + id + "/registrations", null).status())
                .as("a cancelled registration may be made again").isEqualTo(201);
    }

    @Test
    void meetingsStoredWithAListOfRegistrantsAreMovedToDocumentsAndKeepTheirCount() {
        String c = community();
        String template = schedule(c, List.of(topic(c, TopicStatus.ACCEPTED)), Duration.ofDays(3), "易家桥新村活动室", 3);
        Document legacy = meetingDocument(template);
        String id = UUID.randomUUID().toString();
        legacy.put("_id", id);
        legacy.remove("registrationChanges");
        legacy.remove("registeredCount");
        legacy.put("outbox", List.of());
        legacy.put("registrants", List.of("chen.fang", "zheng.haibo"));
        legacy.put("startsAt", new java.util.Date(System.currentTimeMillis() + Duration.ofDays(9).toMillis()));
        legacy.put("endsAt", new java.util.Date(System.currentTimeMillis() + Duration.ofDays(9).plusHours(2).toMillis()));
        mongo.getCollection("meetings").insertOne(legacy);

        registrations.afterSingletonsInstantiated();

        assertThat(meetingDocument(id)).doesNotContainKey("registrants");
        assertThat(committee(c).get("/api/meetings/" + id).body().get("registered").asInt()).isEqualTo(2);
        assertThat(resident(c, "chen.fang").get("/api/meetings/" + id).body().get("registeredByMe").asBoolean()).isTrue();
        assertThat(resident(c, "chen.fang").post("/api/meetings/" + id + "/registrations", null).status()).isEqualTo(409);
        assertThat(resident(c, "sun.lihua").post("/api/meetings/" + id + "/registrations", null).status()).isEqualTo(201);
        assertThat(resident(c, "zhao.lei").post("/api/meetings/" + id + "/registrations", null).status())
                .as("capacity 3 counts the moved registrants").isEqualTo(409);
    }
}
