package org.shangliang.votes.ballot;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Opens, reminds and closes ballots when their time comes, by itself. With several instances only
 * one runs a tick at a time (ShedLock on MongoDB); each step is also safe to run twice.
 */
@Component
class BallotClock {

    private static final Logger log = LoggerFactory.getLogger(BallotClock.class);

    private final BallotStore store;
    private final Ballots ballots;
    private final Clock clock;

    BallotClock(BallotStore store, Ballots ballots, Clock clock) {
        this.store = store;
        this.ballots = ballots;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${shangliang.votes.clock-interval:1s}", initialDelayString = "${shangliang.votes.clock-interval:1s}")
    // an instance killed mid-tick holds the lock until lockAtMostFor: two minutes, not ten, before another
    // instance takes over (every step is idempotent, so an overlap after that is harmless)
    @SchedulerLock(name = "ballot-clock", lockAtMostFor = "PT2M")
    void tick() {
        Instant now = clock.instant();
        each(store.due(BallotStatus.SCHEDULED, "opensAt", now, null), ballots::openIfDue);
        each(store.due(BallotStatus.OPEN, "closesAt", now.plus(Ballot.REMINDER_BEFORE_CLOSING),
                Criteria.where("reminderSentAt").is(null)), ballots::remindIfDue);
        each(store.due(BallotStatus.OPEN, "closesAt", now, null), ballots::closeIfDue);
    }

    private void each(Iterable<String> due, Consumer<String> step) {
        for (String ballotId : due) {
            try {
                step.accept(ballotId);
            } catch (RuntimeException e) {
                log.error("Ballot {}: a scheduled step failed, next tick retries", ballotId, e);
            }
        }
    }
}
