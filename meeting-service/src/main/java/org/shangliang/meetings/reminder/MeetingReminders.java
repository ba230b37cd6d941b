package org.shangliang.meetings.reminder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.shangliang.meetings.meeting.Meeting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Announces each meeting 24 hours before it starts, once per meeting and schedule (a moved meeting
 * is announced again). One instance at a time runs the tick (ShedLock); the once-only guarantee
 * itself is the meeting's version check on save.
 */
@Component
class MeetingReminders {

    private static final Logger log = LoggerFactory.getLogger(MeetingReminders.class);

    private final MongoTemplate mongo;
    private final Clock clock;

    MeetingReminders(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${shangliang.meetings.reminder-interval:30s}",
            initialDelayString = "${shangliang.meetings.reminder-interval:30s}")
    // an instance killed mid-tick holds the lock until lockAtMostFor: two minutes, not ten, before another
    // instance takes over (every step is idempotent, so an overlap after that is harmless)
    @SchedulerLock(name = "meeting-reminders", lockAtMostFor = "PT2M")
    void tick() {
        Instant now = clock.instant();
        Query due = new Query(Criteria.where("status").is(Meeting.Status.SCHEDULED).and("startsAt").gt(now)
                .lte(now.plus(Duration.ofHours(24))));
        for (Meeting meeting : mongo.find(due, Meeting.class)) {
            try {
                if (meeting.remindIfDue(now)) {
                    mongo.save(meeting);
                    log.info("Meeting {} ({}) announced for its 24-hour reminder", meeting.getId(), meeting.getTitle());
                }
            } catch (OptimisticLockingFailureException changedMeanwhile) {
                log.debug("Meeting {} changed while reminding; the next tick looks again", meeting.getId());
            }
        }
    }
}
