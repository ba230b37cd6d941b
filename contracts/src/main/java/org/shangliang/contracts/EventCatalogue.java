package org.shangliang.contracts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.shangliang.contracts.meeting.MeetingCancelled;
import org.shangliang.contracts.meeting.MeetingConcluded;
import org.shangliang.contracts.meeting.MeetingReminderDue;
import org.shangliang.contracts.meeting.MeetingRescheduled;
import org.shangliang.contracts.meeting.MeetingScheduled;
import org.shangliang.contracts.meeting.MinutesRecorded;
import org.shangliang.contracts.meeting.RegistrationAdded;
import org.shangliang.contracts.meeting.RegistrationCancelled;
import org.shangliang.contracts.topic.FollowUpRecorded;
import org.shangliang.contracts.topic.OpinionPosted;
import org.shangliang.contracts.topic.ProgressRecorded;
import org.shangliang.contracts.topic.TopicCompleted;
import org.shangliang.contracts.topic.TopicFollowUpNeeded;
import org.shangliang.contracts.topic.TopicProposed;
import org.shangliang.contracts.topic.TopicRated;
import org.shangliang.contracts.topic.TopicStatusChanged;
import org.shangliang.contracts.topic.TopicSupportWithdrawn;
import org.shangliang.contracts.topic.TopicSupported;
import org.shangliang.contracts.topic.TopicThresholdReached;
import org.shangliang.contracts.vote.BallotClosed;
import org.shangliang.contracts.vote.BallotExtended;
import org.shangliang.contracts.vote.BallotNotOpened;
import org.shangliang.contracts.vote.BallotOpened;
import org.shangliang.contracts.vote.BallotReminderDue;
import org.shangliang.contracts.vote.ElectoratePublished;
import org.shangliang.contracts.vote.OfflineVoteContestResolved;
import org.shangliang.contracts.vote.OfflineVoteContested;
import org.shangliang.contracts.vote.OfflineVoteRecorded;
import org.shangliang.contracts.vote.RollUploaded;

/** Every integration event of the platform: its type name, stream and data record. */
public final class EventCatalogue {

    public static final EventType<TopicProposed> TOPIC_PROPOSED =
            new EventType<>("shangliang.topic.proposed.v1", EventStream.TOPICS, TopicProposed.class);
    public static final EventType<TopicSupported> TOPIC_SUPPORTED =
            new EventType<>("shangliang.topic.supported.v1", EventStream.TOPICS, TopicSupported.class);
    public static final EventType<TopicSupportWithdrawn> TOPIC_SUPPORT_WITHDRAWN =
            new EventType<>("shangliang.topic.support-withdrawn.v1", EventStream.TOPICS, TopicSupportWithdrawn.class);
    public static final EventType<TopicThresholdReached> TOPIC_THRESHOLD_REACHED =
            new EventType<>("shangliang.topic.threshold-reached.v1", EventStream.TOPICS, TopicThresholdReached.class);
    public static final EventType<OpinionPosted> TOPIC_OPINION_POSTED =
            new EventType<>("shangliang.topic.opinion-posted.v1", EventStream.TOPICS, OpinionPosted.class);
    public static final EventType<TopicStatusChanged> TOPIC_STATUS_CHANGED =
            new EventType<>("shangliang.topic.status-changed.v1", EventStream.TOPICS, TopicStatusChanged.class);
    public static final EventType<ProgressRecorded> TOPIC_PROGRESS_RECORDED =
            new EventType<>("shangliang.topic.progress-recorded.v1", EventStream.TOPICS, ProgressRecorded.class);
    public static final EventType<TopicCompleted> TOPIC_COMPLETED =
            new EventType<>("shangliang.topic.completed.v1", EventStream.TOPICS, TopicCompleted.class);
    public static final EventType<TopicRated> TOPIC_RATED =
            new EventType<>("shangliang.topic.rated.v1", EventStream.TOPICS, TopicRated.class);

    public static final EventType<TopicFollowUpNeeded> TOPIC_FOLLOW_UP_NEEDED =
            new EventType<>("shangliang.topic.follow-up-needed.v1", EventStream.TOPICS, TopicFollowUpNeeded.class);
    public static final EventType<FollowUpRecorded> TOPIC_FOLLOW_UP_RECORDED =
            new EventType<>("shangliang.topic.follow-up-recorded.v1", EventStream.TOPICS, FollowUpRecorded.class);

    public static final EventType<MeetingScheduled> MEETING_SCHEDULED =
            new EventType<>("shangliang.meeting.scheduled.v1", EventStream.MEETINGS, MeetingScheduled.class);
    public static final EventType<MeetingRescheduled> MEETING_RESCHEDULED =
            new EventType<>("shangliang.meeting.rescheduled.v1", EventStream.MEETINGS, MeetingRescheduled.class);
    public static final EventType<MeetingCancelled> MEETING_CANCELLED =
            new EventType<>("shangliang.meeting.cancelled.v1", EventStream.MEETINGS, MeetingCancelled.class);
    public static final EventType<RegistrationAdded> MEETING_REGISTRATION_ADDED =
            new EventType<>("shangliang.meeting.registration-added.v1", EventStream.MEETINGS, RegistrationAdded.class);
    public static final EventType<RegistrationCancelled> MEETING_REGISTRATION_CANCELLED =
            new EventType<>("shangliang.meeting.registration-cancelled.v1", EventStream.MEETINGS, RegistrationCancelled.class);
    public static final EventType<MinutesRecorded> MEETING_MINUTES_RECORDED =
            new EventType<>("shangliang.meeting.minutes-recorded.v1", EventStream.MEETINGS, MinutesRecorded.class);
    public static final EventType<MeetingConcluded> MEETING_CONCLUDED =
            new EventType<>("shangliang.meeting.concluded.v1", EventStream.MEETINGS, MeetingConcluded.class);
    public static final EventType<MeetingReminderDue> MEETING_REMINDER_DUE =
            new EventType<>("shangliang.meeting.reminder-due.v1", EventStream.MEETINGS, MeetingReminderDue.class);

    public static final EventType<BallotOpened> BALLOT_OPENED =
            new EventType<>("shangliang.vote.ballot-opened.v1", EventStream.VOTES, BallotOpened.class);
    public static final EventType<ElectoratePublished> BALLOT_ELECTORATE_PUBLISHED =
            new EventType<>("shangliang.vote.electorate-published.v1", EventStream.VOTES, ElectoratePublished.class);
    public static final EventType<BallotNotOpened> BALLOT_NOT_OPENED =
            new EventType<>("shangliang.vote.ballot-not-opened.v1", EventStream.VOTES, BallotNotOpened.class);
    public static final EventType<BallotReminderDue> BALLOT_REMINDER_DUE =
            new EventType<>("shangliang.vote.reminder-due.v1", EventStream.VOTES, BallotReminderDue.class);
    public static final EventType<BallotExtended> BALLOT_EXTENDED =
            new EventType<>("shangliang.vote.ballot-extended.v1", EventStream.VOTES, BallotExtended.class);
    public static final EventType<OfflineVoteRecorded> OFFLINE_VOTE_RECORDED =
            new EventType<>("shangliang.vote.offline-vote-recorded.v1", EventStream.VOTES, OfflineVoteRecorded.class);
    public static final EventType<OfflineVoteContested> OFFLINE_VOTE_CONTESTED =
            new EventType<>("shangliang.vote.offline-vote-contested.v1", EventStream.VOTES, OfflineVoteContested.class);
    public static final EventType<OfflineVoteContestResolved> OFFLINE_VOTE_CONTEST_RESOLVED =
            new EventType<>("shangliang.vote.offline-vote-contest-resolved.v1", EventStream.VOTES,
                    OfflineVoteContestResolved.class);
    public static final EventType<BallotClosed> BALLOT_CLOSED =
            new EventType<>("shangliang.vote.ballot-closed.v1", EventStream.VOTES, BallotClosed.class);
    public static final EventType<RollUploaded> ROLL_UPLOADED =
            new EventType<>("shangliang.vote.roll-uploaded.v1", EventStream.VOTES, RollUploaded.class);

    private static final List<EventType<?>> ALL = List.of(
            TOPIC_PROPOSED, TOPIC_SUPPORTED, TOPIC_SUPPORT_WITHDRAWN, TOPIC_THRESHOLD_REACHED, TOPIC_OPINION_POSTED,
            TOPIC_STATUS_CHANGED, TOPIC_PROGRESS_RECORDED, TOPIC_COMPLETED, TOPIC_RATED, TOPIC_FOLLOW_UP_NEEDED,
            TOPIC_FOLLOW_UP_RECORDED,
            MEETING_SCHEDULED, MEETING_RESCHEDULED, MEETING_CANCELLED, MEETING_REGISTRATION_ADDED,
            MEETING_REGISTRATION_CANCELLED, MEETING_MINUTES_RECORDED, MEETING_CONCLUDED, MEETING_REMINDER_DUE,
            BALLOT_OPENED, BALLOT_ELECTORATE_PUBLISHED, BALLOT_NOT_OPENED,
            BALLOT_REMINDER_DUE, BALLOT_EXTENDED, OFFLINE_VOTE_RECORDED, OFFLINE_VOTE_CONTESTED,
            OFFLINE_VOTE_CONTEST_RESOLVED, BALLOT_CLOSED, ROLL_UPLOADED);

    private static final Map<String, EventType<?>> BY_TYPE = new LinkedHashMap<>();
    private static final Map<Class<?>, EventType<?>> BY_CLASS = new LinkedHashMap<>();

    static {
        for (EventType<?> t : ALL) {
            if (BY_TYPE.put(t.type(), t) != null || BY_CLASS.put(t.dataClass(), t) != null) {
                throw new IllegalStateException("Event type or data class listed twice: " + t);
            }
        }
    }

    private EventCatalogue() {
    }

    public static List<EventType<?>> all() {
        return ALL;
    }

    /** The entry for a CloudEvents type, empty for a type this version does not know. */
    public static Optional<EventType<?>> byType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    /** The entry for a data record. */
    @SuppressWarnings("unchecked")
    public static <T extends IntegrationEvent> EventType<T> of(T data) {
        EventType<?> type = BY_CLASS.get(data.getClass());
        if (type == null) {
            throw new IllegalArgumentException("Not in the event catalogue: " + data.getClass().getName());
        }
        return (EventType<T>) type;
    }

    public static List<EventType<?>> on(EventStream stream) {
        return ALL.stream().filter(t -> t.stream() == stream).toList();
    }
}
