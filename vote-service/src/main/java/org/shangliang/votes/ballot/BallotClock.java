package org.shangliang.votes.ballot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Opens, reminds and closes ballots when their time comes, by itself. With several instances only
 * one runs a tick at a time (ShedLock on MongoDB); each step is also safe to run twice.
 */
@Component
class BallotClock {

    private static final Logger log = LoggerFactory.getLogger(BallotClock.class);

    private final MongoTemplate mongo;
    private final Ballots ballots;
    private final Clock clock;

    BallotClock(MongoTemplate mongo, Ballots ballots, Clock clock) {
        this.mongo = mongo;
        this.ballots = ballots;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${shangliang.votes.clock-interval:2s}", initialDelayString = "${shangliang.votes.clock-interval:2s}")
    @SchedulerLock(name = "ballot-clock", lockAtMostFor = "PT10M")
    void tick() {
        Instant now = clock.instant();
        each(new Query(Criteria.where("status").is(BallotStatus.SCHEDULED).and("opensAt").lte(now)), ballots::openIfDue);
        each(new Query(Criteria.where("status").is(BallotStatus.OPEN).and("reminderSentAt").is(null)
                .and("closesAt").lte(now.plus(Duration.ofHours(24)))), ballots::remindIfDue);
        each(new Query(Criteria.where("status").is(BallotStatus.OPEN).and("closesAt").lte(now)), ballots::closeIfDue);
    }

    private void each(Query due, java.util.function.Consumer<String> step) {
        due.fields().include("_id");
        for (Ballot ballot : mongo.find(due.limit(100), Ballot.class)) {
            try {
                step.accept(ballot.getId());
            } catch (RuntimeException e) {
                log.error("Ballot {}: a scheduled step failed, next tick retries", ballot.getId(), e);
            }
        }
    }
}
