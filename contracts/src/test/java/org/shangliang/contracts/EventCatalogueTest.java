package org.shangliang.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.shangliang.contracts.meeting.MeetingEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EventCatalogueTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<EventType<?>, IntegrationEvent> samples = EventSamples.all();

    @Test
    void everyCatalogueEntryHasASample() {
        assertThat(samples.keySet()).containsExactlyInAnyOrderElementsOf(EventCatalogue.all());
    }

    @TestFactory
    Iterable<DynamicTest> everyEventSurvivesAJsonRoundTrip() {
        return samples.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey().type(), () -> {
            IntegrationEvent event = e.getValue();
            String text = json.writeValueAsString(event);
            Object back = json.readValue(text, e.getKey().dataClass());
            assertThat(back).isEqualTo(event);
            assertThat(EventCatalogue.of(event)).isEqualTo(e.getKey());
            assertThat(event.subject()).isNotBlank();
            assertThat(event.community()).isEqualTo("yuejiang");
        })).toList();
    }

    @Test
    void meetingEventsAreKeyedByTheirFirstAgendaTopicWithoutRepeatingItInTheData() {
        var scheduled = (MeetingEvent) samples.get(EventCatalogue.MEETING_SCHEDULED);
        assertThat(scheduled.topicId()).isEqualTo("t-31-3-elevator");
        JsonNode node = json.readTree(json.writeValueAsString(scheduled));
        assertThat(node.has("topicId")).isFalse();
        assertThat(node.get("topicIds").size()).isEqualTo(2);
    }

    @Test
    void aJsonDocumentWithFieldsAddedByANewerProducerStillReads() {
        String text = "{\"topicId\":\"t1\",\"community\":\"yuejiang\",\"supporterId\":\"u1\",\"supportCount\":3,"
                + "\"supportedAt\":\"2026-03-01T11:30:00Z\",\"addedLater\":true}";
        var mapper = JsonMapper.builder()
                .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        var event = mapper.readValue(text, org.shangliang.contracts.topic.TopicSupported.class);
        assertThat(event.supportCount()).isEqualTo(3);
    }

    @Test
    void typesAreFoundByNameAndUnknownTypesAreEmpty() {
        assertThat(EventCatalogue.byType("shangliang.vote.ballot-closed.v1")).contains(EventCatalogue.BALLOT_CLOSED);
        assertThat(EventCatalogue.byType("shangliang.vote.ballot-closed.v9")).isEmpty();
        assertThat(EventCatalogue.BALLOT_CLOSED.version()).isEqualTo(1);
        assertThat(EventCatalogue.on(EventStream.VOTES)).allMatch(t -> t.type().startsWith("shangliang.vote."));
        assertThat(EventCatalogue.on(EventStream.TOPICS)).allMatch(t -> t.type().startsWith("shangliang.topic."));
        assertThat(EventCatalogue.on(EventStream.MEETINGS)).allMatch(t -> t.type().startsWith("shangliang.meeting."));
    }

    @Test
    void typeNamesMustFollowTheConvention() {
        assertThatThrownBy(() -> new EventType<>("topic.proposed", EventStream.TOPICS,
                org.shangliang.contracts.topic.TopicProposed.class)).isInstanceOf(IllegalArgumentException.class);
        assertThat(EventStream.TOPICS.deadLetterStreamName()).isEqualTo("shangliang.topics.DLT");
    }
}
