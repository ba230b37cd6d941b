package org.shangliang.votes.ballot;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.shangliang.contracts.EventCatalogue;
import org.shangliang.contracts.meeting.Outcome;
import org.shangliang.contracts.meeting.Resolution;
import org.shangliang.platform.events.EventSubscriptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
class BallotConfiguration {

    /** ShedLock's locks in this service's own database (collection shedLock). */
    @Bean
    LockProvider lockProvider(MongoTemplate mongo) {
        return new MongoLockProvider(mongo.getDb());
    }

    /** A meeting's PUT_TO_VOTE resolution schedules (and, by default, opens) a ballot; once, however often it arrives. */
    @Bean
    EventSubscriptions ballotsFromMeetings(Ballots ballots) {
        return EventSubscriptions.builder()
                .on(EventCatalogue.MEETING_CONCLUDED, e -> {
                    for (Outcome outcome : e.data().outcomes()) {
                        if (outcome.resolution() == Resolution.PUT_TO_VOTE && outcome.ballot() != null) {
                            ballots.schedule(e.data().meetingId(), e.data().community(), outcome, e.data().concludedAt());
                        }
                    }
                })
                .build();
    }
}
