package org.shangliang.topics.topic;

import org.shangliang.contracts.EventCatalogue;
import org.shangliang.contracts.meeting.Outcome;
import org.shangliang.platform.events.EventSubscriptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How other services' events move topics: a meeting scheduled, cancelled or concluded, a ballot
 * opened, not opened or closed. Applied once per event (idempotent) and in either order across the
 * meetings and votes streams.
 */
@Configuration(proxyBeanMethods = false)
class DeliberationEvents {

    @Bean
    EventSubscriptions topicMovesFromMeetingsAndBallots(TopicMoves moves) {
        return EventSubscriptions.builder()
                .on(EventCatalogue.MEETING_SCHEDULED, e -> e.data().topicIds().forEach(topicId ->
                        moves.apply(e, topicId, t -> t.meetingScheduled(e.data().meetingId(), e.type(), e.time()))))
                .on(EventCatalogue.MEETING_CANCELLED, e -> e.data().topicIds().forEach(topicId ->
                        moves.apply(e, topicId, t -> t.meetingCancelled(e.data().meetingId(), e.data().reason(),
                                e.type(), e.time()))))
                .on(EventCatalogue.MEETING_CONCLUDED, e -> {
                    for (Outcome outcome : e.data().outcomes()) {
                        moves.apply(e, outcome.topicId(), t -> t.meetingConcluded(e.data().meetingId(), outcome,
                                e.type(), e.time()));
                    }
                })
                .on(EventCatalogue.BALLOT_OPENED, e -> moves.apply(e, e.data().topicId(),
                        t -> t.ballotOpened(e.data().ballotId(), e.data().meetingId(), e.type(), e.time())))
                .on(EventCatalogue.BALLOT_NOT_OPENED, e -> moves.apply(e, e.data().topicId(),
                        t -> t.ballotNotOpened(e.data().meetingId(), e.data().reason(), e.type(), e.time())))
                .on(EventCatalogue.BALLOT_CLOSED, e -> moves.apply(e, e.data().topicId(),
                        t -> t.ballotClosed(e.data(), e.type(), e.time())))
                .build();
    }
}
