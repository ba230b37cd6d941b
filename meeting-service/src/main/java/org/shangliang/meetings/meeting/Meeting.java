package org.shangliang.meetings.meeting;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.shangliang.contracts.meeting.MeetingCancelled;
import org.shangliang.contracts.meeting.MeetingConcluded;
import org.shangliang.contracts.meeting.MeetingFormat;
import org.shangliang.contracts.meeting.MeetingReminderDue;
import org.shangliang.contracts.meeting.MeetingRescheduled;
import org.shangliang.contracts.meeting.MeetingScheduled;
import org.shangliang.contracts.meeting.MinutesRecorded;
import org.shangliang.contracts.meeting.Outcome;
import org.shangliang.contracts.meeting.Participant;
import org.shangliang.contracts.meeting.RegistrationAdded;
import org.shangliang.contracts.meeting.RegistrationCancelled;
import org.shangliang.platform.domain.Rejection;
import org.shangliang.platform.membership.MemberChanges;
import org.shangliang.platform.outbox.OutboxAggregate;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/** A consultation meeting (协商议事会): scheduled, maybe moved or cancelled, minuted and concluded. */
@Document("meetings")
@CompoundIndexes({
        @CompoundIndex(name = "location_time", def = "{'locationKey': 1, 'status': 1, 'startsAt': 1}"),
        @CompoundIndex(name = "community_start", def = "{'community': 1, 'startsAt': -1}"),
        @CompoundIndex(name = "topics", def = "{'topicIds': 1}")})
public class Meeting extends OutboxAggregate {

    public enum Status { SCHEDULED, CANCELLED, CONCLUDED }

    public record Opinion(String speaker, String affiliation, String content) {
    }

    public record Minutes(String summary, List<Opinion> opinions, String recordedBy, Instant recordedAt) {
    }

    private String community;
    private String title;
    private List<String> topicIds;
    private Instant startsAt;
    private Instant endsAt;
    private String location;
    private String locationKey;
    private MeetingFormat format;
    private int capacity;
    private List<Participant> participants;
    private Status status;
    private int sequence;
    private int remindedSequence = -1;
    /** Residents registered; each is also the resident's own document in {@code registrations} ({@link RegistrationStorage}). */
    private int registeredCount;
    /** Registrations made or cancelled, counted here and not yet written as documents: a handful at most. */
    private MemberChanges registrationChanges = new MemberChanges();
    private Minutes minutes;
    private List<Outcome> outcomes;
    private String cancellationReason;
    private String scheduledBy;
    private Instant createdAt;
    private Instant updatedAt;

    Meeting() {
    }

    static String locationKey(String location) {
        return location.strip().replaceAll("\\s+", " ").toLowerCase();
    }

    static Meeting schedule(String id, String community, String title, List<String> topicIds, Instant startsAt,
                            Instant endsAt, String location, MeetingFormat format, int capacity,
                            List<Participant> participants, String by, Instant now) {
        Meeting m = new Meeting();
        m.id = id;
        m.community = community;
        m.title = title;
        m.topicIds = List.copyOf(topicIds);
        m.startsAt = startsAt;
        m.endsAt = endsAt;
        m.location = location.strip();
        m.locationKey = locationKey(location);
        m.format = format;
        m.capacity = capacity;
        m.participants = List.copyOf(participants);
        m.status = Status.SCHEDULED;
        m.scheduledBy = by;
        m.createdAt = now;
        m.updatedAt = now;
        m.raise(new MeetingScheduled(id, community, title, m.topicIds, startsAt, endsAt, m.location, format, capacity,
                m.participants, by, now));
        return m;
    }

    void reschedule(Instant newStart, Instant newEnd, String newLocation, Instant now) {
        requireScheduled("reschedule");
        Instant previousStart = startsAt;
        String previousLocation = location;
        startsAt = newStart;
        endsAt = newEnd;
        location = newLocation.strip();
        locationKey = locationKey(newLocation);
        sequence++;
        updatedAt = now;
        raise(new MeetingRescheduled(id, community, title, topicIds, newStart, newEnd, location, previousStart,
                previousLocation, sequence, now));
    }

    void cancel(String reason, Instant now) {
        requireScheduled("cancel");
        status = Status.CANCELLED;
        cancellationReason = reason;
        sequence++;
        updatedAt = now;
        raise(new MeetingCancelled(id, community, title, topicIds, reason, now));
    }

    /**
     * A resident registers once while there is room. {@code stored} is what the resident's document in
     * {@code registrations} says (false when there is none); a change not yet written there counts over it.
     */
    void register(String residentId, boolean stored, Instant now) {
        requireScheduled("register");
        if (!now.isBefore(endsAt)) {
            throw Rejection.conflict("meeting.over", "The meeting is over");
        }
        if (isRegistered(residentId, stored)) {
            throw Rejection.conflict("meeting.already-registered", "You are registered already");
        }
        if (registeredCount >= capacity) {
            throw Rejection.conflict("meeting.full", "The meeting is full", capacity).with("capacity", capacity);
        }
        registrationChanges.add(residentId, true, now);
        registeredCount++;
        updatedAt = now;
        raise(new RegistrationAdded(id, community, topicIds, residentId, registeredCount, now));
    }

    void unregister(String residentId, boolean stored, Instant now) {
        requireScheduled("cancel a registration");
        if (!isRegistered(residentId, stored)) {
            throw Rejection.conflict("meeting.not-registered", "You are not registered");
        }
        registrationChanges.add(residentId, false, now);
        registeredCount--;
        updatedAt = now;
        raise(new RegistrationCancelled(id, community, topicIds, residentId, registeredCount, now));
    }

    /** Whether a resident is registered, given what the resident's document says. */
    boolean isRegistered(String residentId, boolean stored) {
        return registrationChanges.isMember(residentId, stored);
    }

    MemberChanges registrationChanges() {
        return registrationChanges;
    }

    void recordMinutes(String summary, List<Opinion> opinions, String by, Instant now) {
        if (status == Status.CANCELLED) {
            throw wrongStatus("record minutes");
        }
        requireStarted(now, "record minutes");
        minutes = new Minutes(summary, List.copyOf(opinions), by, now);
        updatedAt = now;
        raise(new MinutesRecorded(id, community, topicIds, summary, opinions.size(), now));
    }

    void conclude(List<Outcome> decided, String by, Instant now) {
        requireScheduled("conclude");
        requireStarted(now, "conclude");
        outcomes = List.copyOf(decided);
        status = Status.CONCLUDED;
        updatedAt = now;
        raise(new MeetingConcluded(id, community, title, topicIds, outcomes, by, now));
    }

    /** 24 hours before the start, once per schedule: a moved meeting is reminded again. */
    public boolean remindIfDue(Instant now) {
        if (status != Status.SCHEDULED || remindedSequence >= sequence || !now.isBefore(startsAt)
                || now.isBefore(startsAt.minusSeconds(86_400))) {
            return false;
        }
        remindedSequence = sequence;
        raise(new MeetingReminderDue(id, community, title, topicIds, startsAt, location, sequence));
        return true;
    }

    private void requireStarted(Instant now, String action) {
        if (now.isBefore(startsAt)) {
            throw Rejection.conflict("meeting.not-started", "The meeting has not started yet; cannot " + action,
                    action(action)).with("startsAt", startsAt);
        }
    }

    private void requireScheduled(String action) {
        if (status != Status.SCHEDULED) {
            throw wrongStatus(action);
        }
    }

    private Rejection wrongStatus(String action) {
        return Rejection.conflict("meeting.wrong-status", "The meeting is " + status + "; cannot " + action,
                Rejection.label("meeting.status." + status.name(), status.name()), action(action))
                .with("currentStatus", status.name());
    }

    private static Rejection.Label action(String action) {
        return Rejection.label("meeting.action." + action.replace(' ', '-'), action);
    }

    public String getCommunity() { return community; }
    public String getTitle() { return title; }
    public List<String> getTopicIds() { return topicIds; }
    public Instant getStartsAt() { return startsAt; }
    public Instant getEndsAt() { return endsAt; }
    public String getLocation() { return location; }
    public MeetingFormat getFormat() { return format; }
    public int getCapacity() { return capacity; }
    public List<Participant> getParticipants() { return participants; }
    public Status getStatus() { return status; }
    public int getSequence() { return sequence; }
    public int getRegisteredCount() { return registeredCount; }
    public Minutes getMinutes() { return minutes; }
    public List<Outcome> getOutcomes() { return outcomes; }
    public String getCancellationReason() { return cancellationReason; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
}
