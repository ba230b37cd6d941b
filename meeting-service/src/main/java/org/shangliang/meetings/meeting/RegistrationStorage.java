package org.shangliang.meetings.meeting;

import org.shangliang.platform.membership.Memberships;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Residents' registrations to attend as their own documents in {@code registrations} (one per meeting and
 * resident, a cancelled one kept inactive), so a meeting of thousands keeps a count, not a growing list:
 * the meeting counts a registration in the save that raises its event ({@code Meeting.registrationChanges})
 * and {@link MeetingCommands} writes it there right after. Meetings stored with a {@code registrants} list
 * are moved over before the service takes requests.
 */
@Configuration(proxyBeanMethods = false)
class RegistrationStorage {

    @Bean
    Memberships registrations(MongoTemplate mongo) {
        return new Memberships(mongo, new Memberships.Kind("registrations", "meetings", "registrationChanges",
                "registrants", "registeredCount"));
    }
}
