package org.shangliang.meetings.meeting;

import java.util.Collection;
import java.util.Set;

import org.shangliang.platform.membership.Memberships;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Residents' registrations to attend a meeting as their own documents in {@code registrations} (platform
 * {@link Memberships}: one per meeting and resident, a cancelled one kept inactive), so a meeting of
 * thousands is not one growing list. A meeting counts a registration in the save that raises its event;
 * right after it, {@link #write} writes the meeting's pending changes here.
 */
@Component
class Registrations implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(Registrations.class);

    private final Memberships memberships;

    Registrations(MongoTemplate mongo) {
        this.memberships = new Memberships(mongo, "registrations", "meetings", "registrationChanges");
    }

    boolean stored(String meetingId, String residentId) {
        return memberships.stored(meetingId, residentId);
    }

    Set<String> storedAmong(Collection<String> meetingIds, String residentId) {
        return memberships.storedGroupsAmong(meetingIds, residentId);
    }

    void write(Meeting meeting) {
        memberships.write(meeting.getId(), meeting.registrationChanges());
    }

    long countStored(String meetingId) {
        return memberships.countStored(meetingId);
    }

    /** Before this instance takes requests: meetings stored with a list of registrants get them as documents. */
    @Override
    public void afterSingletonsInstantiated() {
        memberships.ensureIndex();
        int moved = memberships.moveLists("registrants", "registeredCount");
        if (moved > 0) {
            log.info("Registrants of {} meeting(s) moved from the meeting into their own documents", moved);
        }
    }
}
