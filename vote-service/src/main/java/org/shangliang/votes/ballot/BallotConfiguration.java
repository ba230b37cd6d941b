package org.shangliang.votes.ballot;

import org.shangliang.contracts.EventCatalogue;
import org.shangliang.contracts.meeting.Outcome;
import org.shangliang.contracts.meeting.Resolution;
import org.shangliang.platform.events.EventSubscriptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class BallotConfiguration {

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
