package org.shangliang.topics.timeline;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.shangliang.contracts.EventCatalogue;
import org.shangliang.contracts.vote.Tally;
import org.shangliang.platform.events.EventEnvelope;
import org.shangliang.platform.events.EventSubscriptions;
import org.shangliang.platform.web.ApiTime;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Writes every step of every topic, from all three streams, into its timeline (outcome tracking for staff). */
@Configuration(proxyBeanMethods = false)
class TimelineRecorder {

    private final TimelineEntries entries;

    TimelineRecorder(TimelineEntries entries) {
        this.entries = entries;
    }

    @Bean
    EventSubscriptions timeline() {
        return EventSubscriptions.builder()
                .on(EventCatalogue.TOPIC_PROPOSED, e -> record(e, e.data().topicId(), TimelineKind.PROPOSED, e.data().proposerId(),
                        details("title", e.data().title(), "scope", e.data().scope(), "category", e.data().category())))
                .on(EventCatalogue.TOPIC_SUPPORTED, e -> record(e, e.data().topicId(), TimelineKind.SUPPORTED,
                        e.data().supporterId(), details("supportCount", e.data().supportCount())))
                .on(EventCatalogue.TOPIC_SUPPORT_WITHDRAWN, e -> record(e, e.data().topicId(), TimelineKind.SUPPORT_WITHDRAWN,
                        e.data().supporterId(), details("supportCount", e.data().supportCount())))
                .on(EventCatalogue.TOPIC_THRESHOLD_REACHED, e -> record(e, e.data().topicId(), TimelineKind.THRESHOLD_REACHED, null,
                        details("supportCount", e.data().supportCount(), "supportThreshold", e.data().supportThreshold())))
                .on(EventCatalogue.TOPIC_OPINION_POSTED, e -> record(e, e.data().topicId(), TimelineKind.OPINION_POSTED,
                        e.data().authorId(), details("stance", e.data().stance(), "opinionId", e.data().opinionId())))
                .on(EventCatalogue.TOPIC_STATUS_CHANGED, e -> {
                    TimelineCause because = TimelineCause.of(e.data().cause());
                    String actor = because.byAPerson() ? e.data().changedBy() : null;
                    record(e, e.data().topicId(), TimelineKind.STATUS_CHANGED, actor, details("from", e.data().from(),
                            "to", e.data().to(), "cause", e.data().cause(), "because", because, "reason", e.data().reason(),
                            "outcome", e.data().decision() == null ? null : e.data().decision().outcome(),
                            "source", e.data().decision() == null ? null : e.data().decision().source()));
                })
                .on(EventCatalogue.TOPIC_PROGRESS_RECORDED, e -> record(e, e.data().topicId(), TimelineKind.PROGRESS_RECORDED,
                        e.data().recordedBy(), details("percent", e.data().percent(), "note", e.data().note())))
                .on(EventCatalogue.TOPIC_COMPLETED, e -> record(e, e.data().topicId(), TimelineKind.COMPLETED, e.data().completedBy(),
                        details("note", e.data().note())))
                .on(EventCatalogue.TOPIC_RATED, e -> record(e, e.data().topicId(), TimelineKind.RATED, null,
                        details("stars", e.data().stars(), "averageStars", plain(e.data().averageStars()),
                                "ratingCount", e.data().ratingCount())))
                .on(EventCatalogue.TOPIC_FOLLOW_UP_NEEDED, e -> record(e, e.data().topicId(), TimelineKind.FOLLOW_UP_NEEDED, null,
                        details("averageStars", plain(e.data().averageStars()), "ratingCount", e.data().ratingCount())))
                .on(EventCatalogue.TOPIC_FOLLOW_UP_RECORDED, e -> record(e, e.data().topicId(), TimelineKind.FOLLOW_UP_RECORDED,
                        e.data().recordedBy(), details("note", e.data().note())))
                .on(EventCatalogue.MEETING_SCHEDULED, e -> e.data().topicIds().forEach(t -> record(e, t,
                        TimelineKind.MEETING_SCHEDULED, e.data().scheduledBy(), details("meetingId", e.data().meetingId(),
                                "title", e.data().title(), "startsAt", time(e.data().startsAt()),
                                "location", e.data().location(), "participants", e.data().participants().size()))))
                .on(EventCatalogue.MEETING_RESCHEDULED, e -> e.data().topicIds().forEach(t -> record(e, t,
                        TimelineKind.MEETING_RESCHEDULED, null, details("meetingId", e.data().meetingId(),
                                "startsAt", time(e.data().startsAt()), "location", e.data().location()))))
                .on(EventCatalogue.MEETING_CANCELLED, e -> e.data().topicIds().forEach(t -> record(e, t,
                        TimelineKind.MEETING_CANCELLED, null, details("meetingId", e.data().meetingId(), "reason", e.data().reason()))))
                .on(EventCatalogue.MEETING_MINUTES_RECORDED, e -> e.data().topicIds().forEach(t -> record(e, t,
                        TimelineKind.MINUTES_RECORDED, null, details("meetingId", e.data().meetingId(), "summary", e.data().summary(),
                                "opinionCount", e.data().opinionCount()))))
                .on(EventCatalogue.MEETING_CONCLUDED, e -> e.data().outcomes().forEach(o -> record(e, o.topicId(),
                        TimelineKind.MEETING_CONCLUDED, e.data().concludedBy(), details("meetingId", e.data().meetingId(),
                                "resolution", o.resolution(), "proposal", o.proposal(), "reason", o.reason(),
                                "rule", o.ballot() == null ? null : o.ballot().rule()))))
                .on(EventCatalogue.BALLOT_OPENED, e -> record(e, e.data().topicId(), TimelineKind.BALLOT_OPENED, null,
                        details("ballotId", e.data().ballotId(), "rule", e.data().rule(),
                                "closesAt", time(e.data().closesAt()), "electorateOwners", e.data().electorate().owners(),
                                "electorateArea", plain(e.data().electorate().area()))))
                .on(EventCatalogue.BALLOT_NOT_OPENED, e -> record(e, e.data().topicId(), TimelineKind.BALLOT_NOT_OPENED, null,
                        details("reason", e.data().reason())))
                .on(EventCatalogue.BALLOT_EXTENDED, e -> record(e, e.data().topicId(), TimelineKind.BALLOT_EXTENDED,
                        e.data().extendedBy(), details("ballotId", e.data().ballotId(),
                                "previousClosesAt", time(e.data().previousClosesAt()), "closesAt", time(e.data().closesAt()),
                                "reason", e.data().reason())))
                .on(EventCatalogue.BALLOT_CLOSED, e -> record(e, e.data().topicId(), TimelineKind.BALLOT_CLOSED, null,
                        details("ballotId", e.data().ballotId(), "rule", e.data().rule(), "outcome", e.data().outcome(),
                                "quorumMet", e.data().quorumMet(), "electorate", tally(e.data().electorate()),
                                "participating", tally(e.data().participating()), "for", tally(e.data().votedFor()),
                                "against", tally(e.data().votedAgainst()), "abstain", tally(e.data().abstained()))))
                .build();
    }

    private void record(EventEnvelope<?> event, String topicId, TimelineKind kind, String actor,
                        Map<String, Object> details) {
        Instant at = event.time() == null ? Instant.now() : event.time();
        entries.add(new TimelineEntry(event.id() + "/" + topicId, topicId, at, kind.name(), actor,
                actor == null ? null : event.actorName(), event.eventType().stream().streamName(), details));
    }

    private static Map<String, Object> details(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            if (value != null) {
                map.put((String) pairs[i], value instanceof Enum<?> e ? e.name() : value);
            }
        }
        return map;
    }

    private static Map<String, Object> tally(Tally tally) {
        return details("owners", tally.owners(), "area", plain(tally.area()));
    }

    /** A decimal (an area, an average of stars) as a JSON number to the hundredth. */
    private static Double plain(BigDecimal value) {
        return value == null ? null : value.setScale(2, RoundingMode.HALF_UP).doubleValue();
    }

    private static String time(Instant instant) {
        return instant == null ? null : ApiTime.of(instant).toString();
    }
}
