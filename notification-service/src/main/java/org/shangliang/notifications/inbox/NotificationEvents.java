package org.shangliang.notifications.inbox;

import static org.shangliang.notifications.audience.Audiences.ballot;
import static org.shangliang.notifications.audience.Audiences.meeting;
import static org.shangliang.notifications.audience.Audiences.topic;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.shangliang.contracts.EventCatalogue;
import org.shangliang.contracts.meeting.MeetingEvent;
import org.shangliang.contracts.meeting.Participant;
import org.shangliang.contracts.topic.TopicStatus;
import org.shangliang.contracts.topic.TopicStatusChanged;
import org.shangliang.notifications.audience.Audiences;
import org.shangliang.platform.events.EventEnvelope;
import org.shangliang.platform.events.EventSubscriptions;
import org.shangliang.platform.web.ApiTime;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * API.md's "who is told what", one notice per step per person, each naming its topic and linking
 * to its page: the committee when a topic is proposed, reaches its threshold and when its ballot
 * closes; staff when a topic is approved (to implement it);
 * proposer and supporters on every status change and at completion; a meeting's audience when it is
 * scheduled, moved, cancelled, concluded and 24 h before; a ballot's electorate when it opens, when
 * it is about to close or the committee reminds (those who have not voted), when its closing
 * time moves and when it closes.
 */
@Configuration(proxyBeanMethods = false)
class NotificationEvents {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Bean
    EventSubscriptions notifications(Audiences audiences, Notifier notifier) {
        return EventSubscriptions.builder()
                .on(EventCatalogue.TOPIC_PROPOSED, e -> {
                    var d = e.data();
                    audiences.describe(topic(d.topicId()), d.title(), d.community(), null);
                    audiences.add(topic(d.topicId()), List.of(d.proposerId()));
                    notifier.tellRole(e, NotificationType.TOPIC_PROPOSED, "COMMITTEE", about(d.community(), d.topicId()),
                            List.of(d.title(), d.proposerName()));
                })
                .on(EventCatalogue.TOPIC_SUPPORTED, e -> audiences.add(topic(e.data().topicId()), List.of(e.data().supporterId())))
                .on(EventCatalogue.TOPIC_SUPPORT_WITHDRAWN, e -> audiences.remove(topic(e.data().topicId()), e.data().supporterId()))
                .on(EventCatalogue.TOPIC_THRESHOLD_REACHED, e -> notifier.tellRole(e, NotificationType.TOPIC_THRESHOLD_REACHED,
                        "COMMITTEE", about(e.data().community(), e.data().topicId()),
                        List.of(e.data().title(), Integer.toString(e.data().supportCount()))))
                .on(EventCatalogue.TOPIC_STATUS_CHANGED, e -> {
                    var d = e.data();
                    Set<String> people = withProposer(audiences.membersDescribed(topic(d.topicId()), d.title(),
                            d.community()), d.proposerId());
                    people.removeAll(toldByTheCause(audiences, d, people));
                    if (!people.isEmpty()) {
                        notifier.tell(e, NotificationType.TOPIC_STATUS_CHANGED, people, about(d.community(), d.topicId()),
                                List.of(d.title(), d.to().name(), d.reason() == null ? "" : d.reason()));
                    }
                    if (d.to() == TopicStatus.APPROVED) {
                        notifier.tellRole(e, NotificationType.IMPLEMENTATION_DUE, "STAFF", about(d.community(), d.topicId()),
                                List.of(d.title()));
                    }
                })
                .on(EventCatalogue.TOPIC_COMPLETED, e -> notifier.tell(e, NotificationType.TOPIC_COMPLETED,
                        topicAudience(audiences, e.data().topicId(), null), about(e.data().community(), e.data().topicId()),
                        List.of(e.data().title(), e.data().note() == null ? "" : e.data().note())))
                .on(EventCatalogue.TOPIC_FOLLOW_UP_NEEDED, e -> {
                    var d = e.data();
                    List<String> params = List.of(d.title(), d.averageStars().stripTrailingZeros().toPlainString(),
                            Integer.toString(d.ratingCount()));
                    notifier.tellRole(e, NotificationType.FOLLOW_UP_NEEDED, "COMMITTEE", about(d.community(), d.topicId()), params);
                    notifier.tellRole(e, NotificationType.FOLLOW_UP_NEEDED, "STAFF", about(d.community(), d.topicId()), params);
                })
                .on(EventCatalogue.MEETING_SCHEDULED, e -> {
                    var d = e.data();
                    audiences.describe(meeting(d.meetingId()), d.title(), d.community(), d.topicIds());
                    List<String> accounts = new ArrayList<>();
                    for (Participant p : d.participants()) {
                        accounts.add(p.userId());
                    }
                    audiences.add(meeting(d.meetingId()), accounts);
                    tellMeeting(e, notifier, audiences, NotificationType.MEETING_SCHEDULED,
                            List.of(d.title(), when(d.startsAt()), d.location()));
                })
                .on(EventCatalogue.MEETING_REGISTRATION_ADDED, e -> audiences.add(meeting(e.data().meetingId()),
                        List.of(e.data().residentId())))
                // a resident who cancels is no longer told of the meeting (unless a topic on its agenda concerns them)
                .on(EventCatalogue.MEETING_REGISTRATION_CANCELLED, e -> audiences.remove(meeting(e.data().meetingId()),
                        e.data().residentId()))
                .on(EventCatalogue.MEETING_RESCHEDULED, e -> tellMeeting(e, notifier, audiences,
                        NotificationType.MEETING_RESCHEDULED, List.of(e.data().title(), when(e.data().startsAt()), e.data().location())))
                .on(EventCatalogue.MEETING_CANCELLED, e -> tellMeeting(e, notifier, audiences,
                        NotificationType.MEETING_CANCELLED, List.of(e.data().title(), e.data().reason())))
                .on(EventCatalogue.MEETING_REMINDER_DUE, e -> tellMeeting(e, notifier, audiences,
                        NotificationType.MEETING_REMINDER, List.of(e.data().title(), when(e.data().startsAt()), e.data().location())))
                .on(EventCatalogue.MEETING_CONCLUDED, e -> {
                    List<String> params = new ArrayList<>(List.of(e.data().title()));
                    for (var outcome : e.data().outcomes()) {
                        String title = audiences.title(topic(outcome.topicId()));
                        params.add(title.isEmpty() ? outcome.topicId() : title);
                        params.add(outcome.resolution().name());
                    }
                    tellMeeting(e, notifier, audiences, NotificationType.MEETING_CONCLUDED, params);
                })
                .on(EventCatalogue.BALLOT_OPENED, e -> {
                    audiences.describe(ballot(e.data().ballotId()), e.data().proposal(), e.data().community(),
                            List.of(e.data().topicId()));
                    audiences.closesAt(ballot(e.data().ballotId()), e.data().closesAt());
                })
                .on(EventCatalogue.BALLOT_ELECTORATE_PUBLISHED, e -> {
                    var d = e.data();
                    audiences.add(ballot(d.ballotId()), d.ownerIds());
                    notifier.tell(e, NotificationType.BALLOT_OPENED, d.ownerIds(), new Notifier.About(d.community(),
                            d.topicId(), null, d.ballotId()), List.of(audiences.title(ballot(d.ballotId())),
                            audiences.title(topic(d.topicId())), when(audiences.closesAt(ballot(d.ballotId())))));
                })
                .on(EventCatalogue.BALLOT_REMINDER_DUE, e -> {
                    var d = e.data();
                    List<String> params = d.voted() == null || d.electorate() == null
                            ? List.of(topicTitle(audiences, d.topicId(), d.ballotId()), when(d.closesAt()))
                            : List.of(topicTitle(audiences, d.topicId(), d.ballotId()), when(d.closesAt()),
                                    Long.toString(d.voted().owners()), Long.toString(d.electorate().owners()));
                    notifier.tell(e, NotificationType.BALLOT_REMINDER, d.ownerIds(), new Notifier.About(d.community(),
                            d.topicId(), null, d.ballotId()), params);
                })
                .on(EventCatalogue.BALLOT_EXTENDED, e -> {
                    var d = e.data();
                    audiences.closesAt(ballot(d.ballotId()), d.closesAt());
                    notifier.tell(e, NotificationType.BALLOT_EXTENDED, audiences.members(ballot(d.ballotId())),
                            new Notifier.About(d.community(), d.topicId(), null, d.ballotId()),
                            List.of(topicTitle(audiences, d.topicId(), d.ballotId()), when(d.closesAt()), d.reason(),
                                    when(d.previousClosesAt())));
                })
                // a vote entered for an owner by someone else: she is told who, how and on what evidence
                .on(EventCatalogue.OFFLINE_VOTE_RECORDED, e -> {
                    var d = e.data();
                    notifier.tell(e, NotificationType.OFFLINE_VOTE_RECORDED, List.of(d.ownerId()),
                            new Notifier.About(d.community(), d.topicId(), null, d.ballotId()),
                            List.of(topicTitle(audiences, d.topicId(), d.ballotId()), d.channel(), d.recordedBy(),
                                    d.evidence() == null ? "" : d.evidence()));
                })
                .on(EventCatalogue.OFFLINE_VOTE_CONTESTED, e -> {
                    var d = e.data();
                    notifier.tellRole(e, NotificationType.OFFLINE_VOTE_CONTESTED, "COMMITTEE",
                            new Notifier.About(d.community(), d.topicId(), null, d.ballotId()),
                            List.of(topicTitle(audiences, d.topicId(), d.ballotId()), d.holder(), d.reason()));
                })
                .on(EventCatalogue.OFFLINE_VOTE_CONTEST_RESOLVED, e -> {
                    var d = e.data();
                    notifier.tell(e, NotificationType.OFFLINE_VOTE_CONTEST_RESOLVED, List.of(d.ownerId()),
                            new Notifier.About(d.community(), d.topicId(), null, d.ballotId()),
                            List.of(topicTitle(audiences, d.topicId(), d.ballotId()), d.decision(), d.reason()));
                })
                .on(EventCatalogue.BALLOT_CLOSED, e -> {
                    var d = e.data();
                    var about = new Notifier.About(d.community(), d.topicId(), d.meetingId(), d.ballotId());
                    List<String> params = List.of(audiences.title(ballot(d.ballotId())), d.outcome().name(),
                            topicTitle(audiences, d.topicId(), d.ballotId()), Long.toString(d.votedFor().owners()),
                            Long.toString(d.votedAgainst().owners()), Long.toString(d.abstained().owners()),
                            Long.toString(d.participating().owners()), Long.toString(d.electorate().owners()));
                    // the result goes to the electorate and to everyone following the topic (its status move says no more)
                    Set<String> people = new LinkedHashSet<>(audiences.members(ballot(d.ballotId())));
                    people.addAll(topicAudience(audiences, d.topicId(), null));
                    notifier.tell(e, NotificationType.BALLOT_CLOSED, people, about, params);
                    notifier.tellRole(e, NotificationType.BALLOT_CLOSED, "COMMITTEE", about, params);
                })
                .build();
    }

    /**
     * One notice per step per person: a status move caused by a meeting's event is told by that
     * meeting's notice (its audience includes every agenda topic's proposer and supporters); one
     * caused by a ballot is told to its electorate by the ballot's notice; completion by
     * TOPIC_COMPLETED. Everyone else still hears of the move. {@code topicAudience} is the topic's
     * proposer and supporters, read already.
     */
    private static Set<String> toldByTheCause(Audiences audiences, TopicStatusChanged d, Set<String> topicAudience) {
        String cause = d.cause() == null ? "" : d.cause();
        if (d.to() == TopicStatus.COMPLETED || cause.startsWith("shangliang.meeting.")
                || cause.equals(EventCatalogue.BALLOT_CLOSED.type())) {
            return new LinkedHashSet<>(topicAudience);
        }
        if (cause.startsWith("shangliang.vote.")) {
            // the owners were asked to vote by BALLOT_OPENED; a supporter who is not an owner hears of it here.
            // (After an outage the topics stream may be read before the votes stream: an owner may then hear twice.)
            return audiences.ofBallotsOn(d.topicId());
        }
        return Set.of();
    }

    /** The topic's title for a ballot's notice; the ballot's proposal when the topic was never seen here. */
    private static String topicTitle(Audiences audiences, String topicId, String ballotId) {
        String title = audiences.title(topic(topicId));
        return title.isEmpty() ? audiences.title(ballot(ballotId)) : title;
    }

    private static Set<String> topicAudience(Audiences audiences, String topicId, String proposerId) {
        return withProposer(audiences.members(topic(topicId)), proposerId);
    }

    /** A topic's supporters and its proposer (when known), in order, each once. */
    private static Set<String> withProposer(List<String> members, String proposerId) {
        Set<String> people = new LinkedHashSet<>(members);
        if (proposerId != null) {
            people.add(proposerId);
        }
        return people;
    }

    private static <T extends MeetingEvent> void tellMeeting(EventEnvelope<T> e, Notifier notifier, Audiences audiences,
                                                             NotificationType type, List<String> params) {
        T d = e.data();
        notifier.tell(e, type, audiences.ofMeeting(d.meetingId(), d.topicIds()),
                new Notifier.About(d.community(), d.topicId(), d.meetingId(), null), params);
    }

    private static Notifier.About about(String community, String topicId) {
        return new Notifier.About(community, topicId, null, null);
    }

    private static String when(Instant instant) {
        return instant == null ? "" : ApiTime.of(instant).format(WHEN);
    }
}
