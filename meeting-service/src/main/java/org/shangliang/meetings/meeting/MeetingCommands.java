package org.shangliang.meetings.meeting;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.shangliang.contracts.meeting.Participant;
import org.shangliang.contracts.topic.TopicStatus;
import org.shangliang.meetings.agenda.AgendaTopic;
import org.shangliang.meetings.agenda.AgendaTopics;
import org.shangliang.platform.domain.FieldProblem;
import org.shangliang.platform.outbox.AggregateLocks;
import org.shangliang.platform.membership.Memberships;
import org.shangliang.platform.outbox.Conflicts;
import org.shangliang.platform.security.CurrentUser;
import org.shangliang.platform.web.ProblemException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

@Service
public class MeetingCommands {

    private final MongoTemplate mongo;
    private final AgendaTopics agenda;
    private final LockProvider locks;
    private final Clock clock;
    private final AggregateLocks meetingLocks = new AggregateLocks(128);

    private final Memberships registrations;

    MeetingCommands(MongoTemplate mongo, AgendaTopics agenda, LockProvider locks, Clock clock, Memberships registrations) {
        this.mongo = mongo;
        this.registrations = registrations;
        this.agenda = agenda;
        this.locks = locks;
        this.clock = clock;
    }

    Meeting schedule(MeetingRequests.NewMeeting body, CurrentUser user) {
        Instant now = clock.instant();
        Instant starts = body.startsAt().toInstant();
        Instant ends = body.endsAt().toInstant();
        checkTimes(starts, ends, now);
        List<String> topicIds = new ArrayList<>(new LinkedHashSet<>(body.topicIds()));
        String community = null;
        for (String topicId : topicIds) {
            AgendaTopic topic = schedulable(topicId, user);
            community = topic.getCommunity();
        }
        List<Participant> participants = body.participants() == null ? List.of() : body.participants().stream()
                .map(p -> new Participant(p.name().strip(), p.userId() == null || p.userId().isBlank() ? null : p.userId(),
                        p.affiliation())).toList();
        Meeting meeting = Meeting.schedule(UUID.randomUUID().toString(), community, body.title().strip(), topicIds, starts,
                ends, body.location(), body.format(), body.capacity(), participants, user.id(), now);
        return atLocation(meeting.getCommunity(), meeting.getLocation(), () -> {
            noOverlap(null, meeting.getCommunity(), meeting.getLocation(), starts, ends);
            return mongo.insert(meeting);
        });
    }

    Meeting reschedule(String id, MeetingRequests.Schedule body, CurrentUser user) {
        Instant starts = body.startsAt().toInstant();
        Instant ends = body.endsAt().toInstant();
        checkTimes(starts, ends, clock.instant());
        String community = visible(id, user).getCommunity();
        return atLocation(community, body.location(), () -> change(id, user, m -> {
            noOverlap(id, community, body.location(), starts, ends);
            m.reschedule(starts, ends, body.location(), clock.instant());
        }));
    }

    /** Load, change, save with its events (retried on a lost race), then write its registration changes. */
    Meeting change(String id, CurrentUser user, Consumer<Meeting> change) {
        return meetingLocks.with(id, () -> Conflicts.retry(() -> {
            Meeting meeting = visible(id, user);
            change.accept(meeting);
            Meeting saved = mongo.save(meeting);
            registrations.write(saved.getId(), saved.registrationChanges());
            return saved;
        }));
    }

    Meeting register(String id, CurrentUser user) {
        return change(id, user, m -> m.register(user.id(), registrations.stored(id, user.id()), clock.instant()));
    }

    void unregister(String id, CurrentUser user) {
        change(id, user, m -> m.unregister(user.id(), registrations.stored(id, user.id()), clock.instant()));
    }

    /** Of these meetings, the ones the user is registered for: their documents, overruled by changes still on a meeting. */
    Set<String> registeredAmong(List<Meeting> meetings, CurrentUser user) {
        return registrations.memberAmong(meetings, Meeting::getId, Meeting::registrationChanges, user.id());
    }

    /** The meeting as the user sees it. */
    MeetingView view(Meeting meeting, CurrentUser user) {
        return MeetingView.of(meeting, registeredAmong(List.of(meeting), user).contains(meeting.getId()));
    }

    public Meeting visible(String id, CurrentUser user) {
        Meeting meeting = mongo.findById(id, Meeting.class);
        if (meeting == null || !user.canSee(meeting.getCommunity())) {
            throw ProblemException.notFound("Meeting", id);
        }
        return meeting;
    }

    /**
     * An agenda topic must be ACCEPTED or IN_DELIBERATION and of the caller's community. A topic this
     * service has not heard of yet (accepted a moment ago) is a 409 asking to try again shortly.
     */
    AgendaTopic schedulable(String topicId, CurrentUser user) {
        Optional<AgendaTopic> known = agenda.find(topicId);
        if (known.isEmpty() || known.get().getCommunity() == null) {
            throw ProblemException.conflict("meeting.topic-unknown", "Topic " + topicId + " is not known here yet; "
                    + "a topic accepted a moment ago can be scheduled a second later", topicId);
        }
        AgendaTopic topic = known.get();
        if (!user.canSee(topic.getCommunity())) {
            throw ProblemException.notFound("Topic", topicId);
        }
        if (topic.getStatus() != TopicStatus.ACCEPTED && topic.getStatus() != TopicStatus.IN_DELIBERATION) {
            throw ProblemException.conflict("meeting.topic-not-accepted", "Topic " + topicId + " is "
                    + topic.getStatus() + ", not ACCEPTED", topicId, topic.getStatus()).with("topicStatus", topic.getStatus().name());
        }
        return topic;
    }

    private void checkTimes(Instant starts, Instant ends, Instant now) {
        List<FieldProblem> errors = new ArrayList<>();
        if (!starts.isAfter(now)) {
            errors.add(new FieldProblem("startsAt", "meeting.time.starts-in-past", "must be in the future"));
        }
        if (!ends.isAfter(starts)) {
            errors.add(new FieldProblem("endsAt", "meeting.time.ends-before-start", "must be after startsAt"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "validation",
                    "problem.validation.detail", "The request has invalid fields", errors.size()).with("errors", errors);
        }
    }

    /** Rooms belong to a community: 八厂's 会议室 is not 越江's, and no answer names another community's meeting. */
    private void noOverlap(String self, String community, String location, Instant starts, Instant ends) {
        Criteria overlapping = Criteria.where("community").is(community).and("locationKey").is(Meeting.locationKey(location))
                .and("status").is(Meeting.Status.SCHEDULED).and("startsAt").lt(ends).and("endsAt").gt(starts);
        if (self != null) {
            overlapping = overlapping.and("_id").ne(self);
        }
        Meeting other = mongo.findOne(new Query(overlapping), Meeting.class);
        if (other != null) {
            throw ProblemException.conflict("meeting.overlap", "Meeting " + other.getId() + " (" + other.getTitle()
                    + ") is at " + other.getLocation() + " then", other.getTitle(), other.getId())
                    .with("otherMeetingId", other.getId());
        }
    }

    /** One writer per location across every instance (ShedLock's lock on MongoDB), so overlaps cannot slip in. */
    private <T> T atLocation(String community, String location, Supplier<T> work) {
        String name = "meeting-location-" + sha(community + "|" + Meeting.locationKey(location));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            Optional<SimpleLock> lock = locks.lock(new LockConfiguration(clock.instant(), name, Duration.ofSeconds(30),
                    Duration.ZERO));
            if (lock.isPresent()) {
                try {
                    return work.get();
                } finally {
                    lock.get().unlock();
                }
            }
            if (System.nanoTime() > deadline) {
                throw ProblemException.conflict("meeting.location-busy", "Another booking of this location is in progress; "
                        + "please try again");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String sha(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Clock clock() {
        return clock;
    }
}
