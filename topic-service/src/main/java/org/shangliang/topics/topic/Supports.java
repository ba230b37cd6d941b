package org.shangliang.topics.topic;

import java.util.Collection;
import java.util.Set;

import org.shangliang.platform.membership.Memberships;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The residents' supports as their own documents in {@code supports} (platform {@link Memberships}: one
 * per topic and resident, a withdrawn one kept inactive). A topic counts a support in the very save that
 * raises its events; right after it, {@link #write} writes the topic's pending changes here.
 */
@Component
class Supports implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(Supports.class);

    private final Memberships memberships;

    Supports(MongoTemplate mongo) {
        this.memberships = new Memberships(mongo, "supports", "topics", "supportChanges");
    }

    /** What the resident's document says: false when there is none. */
    boolean stored(String topicId, String residentId) {
        return memberships.stored(topicId, residentId);
    }

    /** Of these residents, the ones the documents say support the topic. */
    Set<String> storedAmongResidents(String topicId, Collection<String> residentIds) {
        return memberships.storedMembersAmong(topicId, residentIds);
    }

    /** Of these topics, the ones the resident supports as stored (pending changes are the topics' to add). */
    Set<String> storedAmong(Collection<String> topicIds, String residentId) {
        return memberships.storedGroupsAmong(topicIds, residentId);
    }

    /** Writes a saved topic's pending support changes to the residents' documents and takes them off the topic. */
    void write(Topic topic) {
        memberships.write(topic.getId(), topic.supportChanges());
    }

    /** How many residents support the topic as stored (pending changes not included). */
    long countStored(String topicId) {
        return memberships.countStored(topicId);
    }

    /**
     * Before this instance takes requests: the index, and topics stored while they kept their supporters in a
     * list ({@code supporterIds}) get them written as documents.
     */
    @Override
    public void afterSingletonsInstantiated() {
        memberships.ensureIndex();
        int moved = memberships.moveLists("supporterIds", "supportCount");
        if (moved > 0) {
            log.info("Supporters of {} topic(s) moved from the topic into their own documents", moved);
        }
    }
}
